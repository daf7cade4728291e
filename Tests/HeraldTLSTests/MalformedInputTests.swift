import HeraldTLS
import HeraldTestSupport
import Testing

@Suite struct MalformedInputTests {
    private func serverSession() throws -> TLSSession {
        let certificates = try TestCertificates.sharedBlocking()
        let context = try TLSContext(
            configuration: certificates.serverConfiguration(),
            role: .server,
            logger: SessionPair.logger
        )
        return try context.makeSession()
    }

    @Test func plaintextHTTPIsRejectedCleanly() throws {
        let server = try self.serverSession()
        server.feed(Array("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8))
        let error = #expect(throws: TLSError.self) { try server.handshake() }
        #expect(error?.code == .protocolViolation)
        #expect(error?.message.contains("not valid TLS") == true)
    }

    @Test func heraldPrefaceInsteadOfClientHelloIsRejected() throws {
        let server = try self.serverSession()
        server.feed(Array("HERALD/1\0\0\0\0".utf8))
        let error = #expect(throws: TLSError.self) { try server.handshake() }
        #expect(error?.code == .protocolViolation)
    }

    @Test(arguments: 0..<64)
    func randomGarbageNeverCrashes(seed: Int) throws {
        let server = try self.serverSession()
        var generator = SeededGenerator(seed: UInt64(seed))
        var garbage = generator.bytes(count: Int.random(in: 1...4096, using: &generator))
        if seed % 2 == 0 {
            // Look like a handshake record so the parser goes deeper.
            garbage.replaceSubrange(0..<min(3, garbage.count), with: [0x16, 0x03, 0x01])
        }
        server.feed(garbage)
        do {
            _ = try server.handshake()
            // Too short to judge yet: ending the stream must then fail the handshake.
            server.feedEndOfStream()
            _ = try server.handshake()
            Issue.record("garbage completed a handshake")
        } catch let error as TLSError {
            #expect(error.code != .internalError)
        }
    }

    @Test func corruptedRecordAfterTheHandshakeIsRejected() throws {
        let pair = try SessionPair.established()
        try pair.client.session.writePlaintext(Array("secret".utf8))
        var ciphertext: [UInt8] = []
        pair.client.session.takeCiphertext(appendingTo: &ciphertext)
        ciphertext[ciphertext.count - 3] ^= 0x01
        pair.server.session.feed(ciphertext)
        var received: [UInt8] = []
        let error = #expect(throws: TLSError.self) {
            try pair.server.session.readPlaintext(appendingTo: &received)
        }
        #expect(error?.code == .protocolViolation)
        #expect(received.isEmpty)
        // Reading produced output: the alert telling the client why.
        #expect(pair.server.session.pendingCiphertextCount > 0)
        // The session stays failed.
        #expect(throws: TLSError.self) { try pair.server.session.writePlaintext([1]) }
    }
}
