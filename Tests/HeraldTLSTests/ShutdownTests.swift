import HeraldTLS
import HeraldTestSupport
import Testing

@Suite struct ShutdownTests {
    @Test func cleanShutdownInBothDirections() throws {
        var pair = try SessionPair.established()
        try pair.client.session.writePlaintext(Array("last words".utf8))
        #expect(try pair.client.session.shutdown() == .awaitingPeer)
        #expect(try pair.client.session.shutdown() == .awaitingPeer)
        let error = #expect(throws: TLSError.self) { try pair.client.session.writePlaintext([1]) }
        #expect(error?.code == .invalidState)

        // The server gets the data, then sees the close, and may still answer before closing.
        pair.transfer(from: pair.client, to: pair.server)
        #expect(pair.server.received == Array("last words".utf8))
        #expect(pair.server.readStatus == .closed)
        try pair.server.session.writePlaintext(Array("goodbye".utf8))
        #expect(try pair.server.session.shutdown() == .complete)

        pair.transfer(from: pair.server, to: pair.client)
        #expect(pair.client.received == Array("goodbye".utf8))
        #expect(pair.client.readStatus == .closed)
        #expect(try pair.client.session.shutdown() == .complete)
        #expect(pair.client.session.pendingCiphertextCount == 0)
    }

    @Test func endOfStreamAfterCloseNotifyIsClean() throws {
        let pair = try SessionPair.established()
        _ = try pair.client.session.shutdown()
        var ciphertext: [UInt8] = []
        pair.client.session.takeCiphertext(appendingTo: &ciphertext)
        pair.server.session.feed(ciphertext)
        pair.server.session.feedEndOfStream()
        var received: [UInt8] = []
        #expect(try pair.server.session.readPlaintext(appendingTo: &received).status == .closed)
    }

    @Test func endOfStreamWithoutCloseNotifyIsTruncation() throws {
        let pair = try SessionPair.established()
        try pair.client.session.writePlaintext(Array("partial".utf8))
        var ciphertext: [UInt8] = []
        pair.client.session.takeCiphertext(appendingTo: &ciphertext)
        pair.server.session.feed(ciphertext)
        pair.server.session.feedEndOfStream()

        // What arrived is delivered first; the truncation is reported on the next call.
        var received: [UInt8] = []
        let first = try pair.server.session.readPlaintext(appendingTo: &received)
        #expect(first.status == .moreAvailable)
        #expect(received == Array("partial".utf8))
        let error = #expect(throws: TLSError.self) {
            try pair.server.session.readPlaintext(appendingTo: &received)
        }
        #expect(error?.code == .truncated)
        #expect(error?.message.contains("close_notify") == true)
    }

    @Test func endOfStreamInTheMiddleOfARecordIsTruncation() throws {
        let pair = try SessionPair.established()
        try pair.client.session.writePlaintext(Array(repeating: 1, count: 1000))
        var ciphertext: [UInt8] = []
        pair.client.session.takeCiphertext(appendingTo: &ciphertext)
        pair.server.session.feed(ciphertext.prefix(ciphertext.count / 2))
        var received: [UInt8] = []
        #expect(try pair.server.session.readPlaintext(appendingTo: &received).status == .needsInput)
        pair.server.session.feedEndOfStream()
        let error = #expect(throws: TLSError.self) {
            try pair.server.session.readPlaintext(appendingTo: &received)
        }
        #expect(error?.code == .truncated)
        #expect(received.isEmpty)
    }

    @Test func shutdownBeforeTheHandshakeSendsNothing() throws {
        let pair = try SessionPair.make()
        #expect(try pair.server.session.shutdown() == .complete)
        #expect(pair.server.session.pendingCiphertextCount == 0)
    }
}
