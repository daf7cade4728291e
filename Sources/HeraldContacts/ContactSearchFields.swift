import HeraldProtos

/// The fields a search looks at — name, phone and email — read straight from a stored contact's
/// protobuf bytes, without decoding the whole `Contact`.
///
/// Search tests every contact of a tenant; decoding each one in full (webhooks, IM accounts,
/// statuses, principal) cost about 10 µs per contact, reading three strings costs a fraction
/// of that. Only the contacts that match are decoded, for the reply.
struct ContactSearchFields: Equatable {
    var name = ""
    var phone = ""
    var email = ""

    init(name: String = "", phone: String = "", email: String = "") {
        self.name = name
        self.phone = phone
        self.email = email
    }

    // Field numbers of `herald.v1.Contact` (Protos/herald/v1/contact.proto).
    private static let nameField: UInt64 = 2
    private static let phoneField: UInt64 = 3
    private static let emailField: UInt64 = 5

    /// The fields of the encoded contact in `bytes`, nil when the bytes are not valid protobuf
    /// (the caller then decodes in full, which reports the damage).
    init?(_ bytes: [UInt8]) {
        let result: ContactSearchFields? = bytes.withUnsafeBytes { buffer in
            var fields = ContactSearchFields()
            var reader = ProtoWireReader(buffer)
            do {
                while !reader.isAtEnd {
                    let (field, wireType) = try reader.tag()
                    guard wireType == 2, field == Self.nameField || field == Self.phoneField || field == Self.emailField
                    else {
                        try reader.skip(wireType: wireType)
                        continue
                    }
                    // As in protobuf, the last occurrence of a field wins.
                    let range = try reader.lengthDelimited()
                    let text = String(decoding: UnsafeRawBufferPointer(rebasing: buffer[range]), as: UTF8.self)
                    switch field {
                    case Self.nameField: fields.name = text
                    case Self.phoneField: fields.phone = text
                    default: fields.email = text
                    }
                }
            } catch {
                return nil
            }
            return fields
        }
        guard let result else { return nil }
        self = result
    }
}
