internal import COpenSSL

/// The names in an X.509 certificate that identify its subject.
struct CertificateNames {
    var uris: [String] = []
    var dnsNames: [String] = []
    var commonName: String?

    /// Reads the names of a certificate the caller keeps alive (`X509*`).
    init(certificate: OpaquePointer) {
        if let names = herald_X509_get_subject_alt_names(certificate) {
            defer { herald_GENERAL_NAMES_free(names) }
            for index in 0..<herald_sk_GENERAL_NAME_num(names) {
                guard let name = herald_sk_GENERAL_NAME_value(names, index),
                    let value = herald_GENERAL_NAME_ia5(name).flatMap(Self.ia5String)
                else {
                    continue
                }
                switch herald_GENERAL_NAME_type(name) {
                case GEN_URI: self.uris.append(value)
                case GEN_DNS: self.dnsNames.append(value)
                default: break
                }
            }
        }
        self.commonName = Self.lastCommonName(of: certificate)
    }

    /// The identity these names give, if any.
    var identity: TLSPeerIdentity? {
        TLSPeerIdentity(uris: self.uris, dnsNames: self.dnsNames, commonName: self.commonName)
    }

    /// An IA5String's text, or `nil` unless it is non-empty printable ASCII (a name with an
    /// embedded NUL or control character is never an identity).
    private static func ia5String(_ string: UnsafePointer<ASN1_STRING>) -> String? {
        let length = Int(ASN1_STRING_length(string))
        guard length > 0, let data = ASN1_STRING_get0_data(string) else {
            return nil
        }
        let bytes = UnsafeBufferPointer(start: data, count: length)
        guard bytes.allSatisfy({ $0 >= 0x21 && $0 < 0x7F }) else {
            return nil
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The subject's last (most specific) common name as UTF-8, without control characters.
    private static func lastCommonName(of certificate: OpaquePointer) -> String? {
        guard let subject = X509_get_subject_name(certificate) else {
            return nil
        }
        var index: Int32 = -1
        var last: Int32 = -1
        while true {
            index = X509_NAME_get_index_by_NID(subject, NID_commonName, index)
            if index < 0 {
                break
            }
            last = index
        }
        guard last >= 0, let entry = X509_NAME_get_entry(subject, last),
            let data = X509_NAME_ENTRY_get_data(entry)
        else {
            return nil
        }
        var utf8: UnsafeMutablePointer<UInt8>?
        let length = ASN1_STRING_to_UTF8(&utf8, data)
        guard length > 0, let utf8 else {
            return nil
        }
        defer { herald_OPENSSL_free(utf8) }
        let bytes = UnsafeBufferPointer(start: utf8, count: Int(length))
        guard !bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }) else {
            return nil
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
