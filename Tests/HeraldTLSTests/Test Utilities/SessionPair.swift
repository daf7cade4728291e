import HeraldTLS
import HeraldTestSupport
import Logging
import Testing

/// A client and a server session joined in memory: ciphertext is moved between them, cut as
/// `chunking` says, and each side is driven after every chunk it receives.
struct SessionPair {
    let client: Endpoint
    let server: Endpoint
    var chunking: Chunking
    private var generator: SeededGenerator

    static let logger = Logger(label: "herald.tls.tests")

    /// A pair of new sessions made from these configurations.
    init(
        server serverConfiguration: TLSConfiguration,
        client clientConfiguration: TLSConfiguration,
        chunking: Chunking = .whole
    ) throws {
        let serverContext = try TLSContext(configuration: serverConfiguration, role: .server, logger: Self.logger)
        let clientContext = try TLSContext(configuration: clientConfiguration, role: .client, logger: Self.logger)
        self.init(
            server: try serverContext.makeSession(),
            client: try clientContext.makeSession(),
            chunking: chunking
        )
    }

    /// A pair made from the test certificates' server and client configurations, or from
    /// the configurations given.
    static func make(
        server: TLSConfiguration? = nil,
        client: TLSConfiguration? = nil,
        chunking: Chunking = .whole
    ) throws -> SessionPair {
        let certificates = try TestCertificates.sharedBlocking()
        return try SessionPair(
            server: server ?? certificates.serverConfiguration(),
            client: client ?? certificates.clientConfiguration(),
            chunking: chunking
        )
    }

    /// Such a pair that has completed its handshake.
    static func established(
        server: TLSConfiguration? = nil,
        client: TLSConfiguration? = nil,
        chunking: Chunking = .whole
    ) throws -> SessionPair {
        var pair = try make(server: server, client: client, chunking: chunking)
        try pair.handshake()
        return pair
    }

    /// A pair of sessions the test made itself (e.g. with a server name of their own).
    init(server: TLSSession, client: TLSSession, chunking: Chunking = .whole) {
        self.server = Endpoint(server)
        self.client = Endpoint(client)
        self.chunking = chunking
        if case .random(let seed, _) = chunking {
            self.generator = SeededGenerator(seed: seed)
        } else {
            self.generator = SeededGenerator(seed: 0)
        }
    }

    /// Drives both sides and moves bytes until nothing moves any more.
    mutating func run(maximumRounds: Int = 1000) {
        self.client.drive()
        for _ in 0..<maximumRounds {
            let sent = self.transfer(from: self.client, to: self.server)
            let answered = self.transfer(from: self.server, to: self.client)
            if sent == 0 && answered == 0 {
                return
            }
        }
        Issue.record("the sessions were still exchanging bytes after \(maximumRounds) rounds")
    }

    /// Runs the handshake and requires it to succeed on both sides.
    mutating func handshake() throws {
        self.run()
        if let error = self.server.error ?? self.client.error {
            throw error
        }
        try #require(self.client.handshakeComplete && self.server.handshakeComplete)
    }

    /// Moves all of `sender`'s pending ciphertext to `receiver`, in chunks; returns the count.
    @discardableResult
    mutating func transfer(from sender: Endpoint, to receiver: Endpoint) -> Int {
        var bytes: [UInt8] = []
        sender.session.takeCiphertext(appendingTo: &bytes)
        var offset = 0
        while offset < bytes.count {
            let size: Int
            switch self.chunking {
            case .whole: size = bytes.count - offset
            case .oneByte: size = 1
            case .random(_, let maximum):
                size = min(Int.random(in: 1...maximum, using: &self.generator), bytes.count - offset)
            }
            receiver.session.feed(bytes[offset..<(offset + size)])
            receiver.drive()
            offset += size
        }
        return bytes.count
    }
}
