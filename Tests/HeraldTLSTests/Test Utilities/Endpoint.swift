import HeraldTLS
import Testing

/// One side of an in-memory connection: a session, the plaintext it received and the error
/// that stopped it, if any.
final class Endpoint {
    let session: TLSSession
    var received: [UInt8] = []
    var readStatus: TLSReadStatus?
    var error: TLSError?
    var handshakeComplete = false

    init(_ session: TLSSession) {
        self.session = session
    }

    /// Advances the session with whatever it has been fed: the handshake, then reads.
    func drive() {
        guard self.error == nil else {
            return
        }
        do {
            if !self.handshakeComplete {
                guard try self.session.handshake() == .complete else {
                    return
                }
                self.handshakeComplete = true
            }
            guard self.readStatus != .closed else {
                return
            }
            var result: TLSReadResult
            repeat {
                result = try self.session.readPlaintext(appendingTo: &self.received)
            } while result.status == .moreAvailable
            self.readStatus = result.status
        } catch let error as TLSError {
            self.error = error
        } catch {
            Issue.record("unexpected error type: \(error)")
        }
    }
}
