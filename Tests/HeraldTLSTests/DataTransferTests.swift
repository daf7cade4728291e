import HeraldTLS
import HeraldTestSupport
import Testing

@Suite struct DataTransferTests {
    @Test func dataFlowsBothWays() throws {
        var pair = try SessionPair.established()
        try pair.client.session.writePlaintext(Array("ping".utf8))
        pair.run()
        #expect(pair.server.received == Array("ping".utf8))
        #expect(pair.server.readStatus == .needsInput)

        try pair.server.session.writePlaintext(Array("pong".utf8))
        pair.run()
        #expect(pair.client.received == Array("pong".utf8))
    }

    @Test(arguments: [Chunking.whole, .oneByte, .random(seed: 42, maximum: 2000), .random(seed: 9, maximum: 20)])
    func largePayloadsSurviveAnyChunking(chunking: Chunking) throws {
        var pair = try SessionPair.established(chunking: chunking)
        var generator = SeededGenerator(seed: 1)
        let upload = generator.bytes(count: 200 * 1024 + 17)
        let download = generator.bytes(count: 70 * 1024 + 3)

        try pair.client.session.writePlaintext(upload)
        try pair.server.session.writePlaintext(download)
        pair.run()

        #expect(pair.server.received.count == upload.count)
        #expect(pair.server.received == upload)
        #expect(pair.client.received == download)
    }

    @Test func manySmallWritesArriveInOrder() throws {
        var pair = try SessionPair.established(chunking: .random(seed: 3, maximum: 100))
        var expected: [UInt8] = []
        for index in 0..<500 {
            let message = Array("message \(index);".utf8)
            expected += message
            try pair.client.session.writePlaintext(message)
        }
        pair.run()
        #expect(pair.server.received == expected)
    }

    @Test func readingIntoASmallBufferReportsMoreAvailable() throws {
        let pair = try SessionPair.established()
        var generator = SeededGenerator(seed: 2)
        let payload = generator.bytes(count: 100_000)
        try pair.client.session.writePlaintext(payload)
        var ciphertext: [UInt8] = []
        pair.client.session.takeCiphertext(appendingTo: &ciphertext)
        pair.server.session.feed(ciphertext)

        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 3000)
        var calls = 0
        while true {
            let result = try buffer.withUnsafeMutableBytes { try pair.server.session.readPlaintext(into: $0) }
            received += buffer[0..<result.bytesRead]
            calls += 1
            if result.status == .needsInput {
                break
            }
            #expect(result.status == .moreAvailable)
        }
        #expect(received == payload)
        #expect(calls > 30)
    }

    @Test func partialSendsKeepTheRestPending() throws {
        let pair = try SessionPair.established()
        let payload = Array(repeating: UInt8(ascii: "x"), count: 5000)
        try pair.client.session.writePlaintext(payload)
        let total = pair.client.session.pendingCiphertextCount
        #expect(total > payload.count)

        // A socket that accepts at most 7 bytes per write.
        var sent: [UInt8] = []
        while pair.client.session.pendingCiphertextCount > 0 {
            pair.client.session.withPendingCiphertext { pending in
                let count = min(7, pending.count)
                sent += pending.prefix(count)
                return count
            }
        }
        #expect(sent.count == total)
        // Nothing pending: the closure sees an empty buffer.
        #expect(pair.client.session.withPendingCiphertext { $0.count } == 0)

        pair.server.session.feed(sent)
        var received: [UInt8] = []
        #expect(try pair.server.session.readPlaintext(appendingTo: &received).status == .needsInput)
        #expect(received == payload)
    }

    @Test func keyUpdatesKeepDataFlowing() throws {
        var pair = try SessionPair.established(chunking: .random(seed: 5, maximum: 50))
        try pair.client.session.updateKeys(requestPeerUpdate: true)
        #expect(pair.client.session.pendingCiphertextCount > 0)
        pair.run()
        #expect(pair.server.received.isEmpty)

        // The server answers with its own KeyUpdate ahead of its next record (RFC 8446 §4.6.3).
        for round in 0..<3 {
            try pair.client.session.writePlaintext(Array("client \(round);".utf8))
            try pair.server.session.writePlaintext(Array("server \(round);".utf8))
            try pair.server.session.updateKeys(requestPeerUpdate: round == 1)
            pair.run()
        }
        #expect(pair.server.received == Array("client 0;client 1;client 2;".utf8))
        #expect(pair.client.received == Array("server 0;server 1;server 2;".utf8))
        #expect(pair.client.error == nil && pair.server.error == nil)
    }
}
