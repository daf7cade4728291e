import HeraldProtos

/// The fields search and the table's secondary indexes look at — name, phone, email, alternate
/// contact and principal — read straight from a stored contact's protobuf bytes, without
/// decoding the whole `Contact`.
///
/// Decoding a contact in full (webhooks, IM accounts, statuses) costs about 10 µs; search tests
/// every contact of a tenant, and the four indexes look at every contact written and, at start-up,
/// every contact stored. Reading a few strings costs a fraction of that.
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

    /// The fields of a decoded contact (for records the reader cannot read).
    init(_ contact: Contact) {
        self.init(
            name: contact.name,
            phone: contact.phone,
            email: contact.email,
            alternateContactID: contact.alternateContactID,
            principal: contact.principal.map { PrincipalKey(kind: $0.kind.rawValue, id: $0.id) }
        )
    }

    /// The fields of the encoded contact in `bytes`, nil when the bytes are not valid protobuf
    /// (the caller then decodes in full, which reports the damage).
    init?(_ bytes: [UInt8]) {
        let result: StoredContactFields? = bytes.withUnsafeBytes { buffer in
            var fields = StoredContactFields()
            do {
                try fields.read(buffer)
            } catch {
                return nil
            }
            return fields
        }
        guard let result else { return nil }
        self = result
    }

    // Field numbers of `herald.v1.Contact` and `herald.v1.Principal`
    // (Protos/herald/v1/contact.proto).
    private enum Field {
        static let name: UInt64 = 2
        static let phone: UInt64 = 3
        static let email: UInt64 = 5
        static let alternateContactID: UInt64 = 12
        static let principal: UInt64 = 13
        static let principalKind: UInt64 = 1
        static let principalID: UInt64 = 2
    }

    /// Reads the fields; as in protobuf, the last occurrence of a string wins and repeated
    /// occurrences of the principal message merge.
    private mutating func read(_ buffer: UnsafeRawBufferPointer) throws(ProtoWireReader.Malformed) {
        var reader = ProtoWireReader(buffer)
        while !reader.isAtEnd {
            let (field, wireType) = try reader.tag()
            guard wireType == 2 else {
                try reader.skip(wireType: wireType)
                continue
            }
            let range = try reader.lengthDelimited()
            switch field {
            case Field.name: name = Self.text(buffer, range)
            case Field.phone: phone = Self.text(buffer, range)
            case Field.email: email = Self.text(buffer, range)
            case Field.alternateContactID: alternateContactID = Self.text(buffer, range)
            case Field.principal:
                var principal = self.principal ?? PrincipalKey()
                var inner = ProtoWireReader(buffer, range: range)
                while !inner.isAtEnd {
                    let (innerField, innerWireType) = try inner.tag()
                    if innerField == Field.principalKind && innerWireType == 0 {
                        principal.kind = Int32(truncatingIfNeeded: try inner.varint())
                    } else if innerField == Field.principalID && innerWireType == 2 {
                        principal.id = Self.text(buffer, try inner.lengthDelimited())
                    } else {
                        try inner.skip(wireType: innerWireType)
                    }
                }
                self.principal = principal
            default: break
            }
        }
    }

    private static func text(_ buffer: UnsafeRawBufferPointer, _ range: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: buffer[range]), as: UTF8.self)
    }
}
