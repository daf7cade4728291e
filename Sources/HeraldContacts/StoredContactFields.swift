import HeraldProtos

/// The fields search and the table's secondary indexes look at — name, phone, email, alternate
/// contact and principal — read straight from a stored contact's protobuf bytes, without
/// decoding the whole `Contact`.
///
/// Search tests every contact of a tenant, and the four indexes look at every contact written
/// and, at start-up, every contact stored; a full decode would also build the webhooks, IM
/// accounts and method statuses each time.
struct StoredContactFields: Equatable {
    /// The parts of a `Principal` its index key holds.
    struct PrincipalKey: Equatable {
        var kind: Int32 = 0
        var id = ""
    }

    var name = ""
    var phone = ""
    var email = ""
    var alternateContactID = ""
    /// Nil when the contact has no principal.
    var principal: PrincipalKey?

    init(
        name: String = "",
        phone: String = "",
        email: String = "",
        alternateContactID: String = "",
        principal: PrincipalKey? = nil
    ) {
        self.name = name
        self.phone = phone
        self.email = email
        self.alternateContactID = alternateContactID
        self.principal = principal
    }

    /// The fields of the encoded contact in `bytes`, nil when the bytes are not valid protobuf
    /// (a full decode then reports the damage).
    init?(_ bytes: [UInt8]) {
        do {
            try read(bytes)
        } catch {
            return nil
        }
    }

    /// The field numbers read, from the generated schemas of `herald.v1.Contact` and
    /// `herald.v1.Principal`.
    private struct FieldNumbers {
        let name = FieldNumbers.number("name", of: Contact.self)
        let phone = FieldNumbers.number("phone", of: Contact.self)
        let email = FieldNumbers.number("email", of: Contact.self)
        let alternateContactID = FieldNumbers.number("alternate_contact_id", of: Contact.self)
        let principal = FieldNumbers.number("principal", of: Contact.self)
        let principalKind = FieldNumbers.number("kind", of: Principal.self)
        let principalID = FieldNumbers.number("id", of: Principal.self)

        static let shared = FieldNumbers()

        private static func number(_ name: String, of message: any ProtoMessage.Type) -> UInt64 {
            guard let field = message.protoSchema.fields.first(where: { $0.name == name }) else {
                preconditionFailure("\(message.protoMessageName) has no field \(name)")
            }
            return UInt64(field.number)
        }
    }

    /// Reads the fields; as in protobuf, the last occurrence of a string wins and repeated
    /// occurrences of the principal message merge.
    private mutating func read(_ bytes: [UInt8]) throws(ProtoWireReader.Malformed) {
        let numbers = FieldNumbers.shared
        func text(_ range: Range<Int>) -> String {
            String(decoding: bytes[range], as: UTF8.self)
        }
        try ProtoWireReader.forEachField(of: bytes) { field, value throws(ProtoWireReader.Malformed) in
            guard case .lengthDelimited(let range) = value else { return }
            switch field {
            case numbers.name: name = text(range)
            case numbers.phone: phone = text(range)
            case numbers.email: email = text(range)
            case numbers.alternateContactID: alternateContactID = text(range)
            case numbers.principal:
                var principal = self.principal ?? PrincipalKey()
                try ProtoWireReader.forEachField(of: bytes, in: range) { field, value in
                    switch (field, value) {
                    case (numbers.principalKind, .varint(let kind)): principal.kind = Int32(truncatingIfNeeded: kind)
                    case (numbers.principalID, .lengthDelimited(let range)): principal.id = text(range)
                    default: break
                    }
                }
                self.principal = principal
            default: break
            }
        }
    }
}
