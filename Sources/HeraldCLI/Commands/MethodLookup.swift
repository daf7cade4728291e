import ArgumentParser
import HeraldProtos
import HeraldRPC

/// Finds RPCs and message types by the names people type.
enum MethodLookup {
    /// Accepts `herald.v1.ContactService/CreateContact`, `/herald.v1.ContactService/CreateContact`,
    /// `ContactService/CreateContact`, `ContactService.CreateContact` (any case).
    static func method(named text: String) throws -> MethodInfo {
        let trimmed = text.hasPrefix("/") ? String(text.dropFirst()) : text
        let separator: Character = trimmed.contains("/") ? "/" : "."
        guard let split = trimmed.lastIndex(of: separator) else {
            throw ValidationError("'\(text)' is not Service/Method; see `herald methods`")
        }
        let service = trimmed[..<split].lowercased()
        let name = trimmed[trimmed.index(after: split)...].lowercased()
        for info in HeraldAPI.services {
            let full = info.name.lowercased()
            guard full == service || full.hasSuffix("." + service) else { continue }
            if let method = info.methods.first(where: { $0.name.lowercased() == name }) { return method }
        }
        throw ValidationError("unknown method '\(text)'; see `herald methods`")
    }

    /// A message type by full (`herald.v1.Contact`) or short (`Contact`) name.
    static func messageType(named text: String) -> (any ProtoMessage.Type)? {
        ProtoRegistry.messageType(named: text)
            ?? ProtoRegistry.messageTypes.first { $0.protoMessageName.lowercased() == "herald.v1." + text.lowercased() }
    }
}
