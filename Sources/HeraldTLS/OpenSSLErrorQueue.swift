internal import COpenSSL

/// OpenSSL's per-thread error queue: cleared before each call into OpenSSL and drained in full
/// when a call fails.
enum OpenSSLErrorQueue {
    /// One queued error: its packed code and OpenSSL's text for it.
    struct Entry {
        var code: UInt
        var text: String

        /// The reason part of the code (one of the `SSL_R_*`, `X509_R_*`… constants).
        var reason: Int32 {
            herald_ERR_GET_REASON(self.code)
        }

        /// The library part of the code (`ERR_LIB_SSL`, `ERR_LIB_SYS`…).
        var library: Int32 {
            herald_ERR_GET_LIB(self.code)
        }

        /// OpenSSL's short reason ("certificate verify failed"), with any detail OpenSSL
        /// attached ("calling fopen(/etc/x.pem, r)").
        var reasonText: String
    }

    /// Forgets any errors left by earlier calls on this thread, so that the next failure's
    /// queue is entirely its own.
    @inline(__always)
    static func clear() {
        ERR_clear_error()
    }

    /// Removes and returns every queued error, oldest first.
    static func drain() -> [Entry] {
        var entries: [Entry] = []
        while true {
            var data: UnsafePointer<CChar>?
            var flags: Int32 = 0
            let code = ERR_get_error_all(nil, nil, nil, &data, &flags)
            if code == 0 {
                return entries
            }
            var text = Self.string(for: code)
            var reasonText = Self.reasonString(for: code) ?? text
            if flags & herald_ERR_TXT_STRING() != 0, let data, data.pointee != 0 {
                let detail = String(cString: data)
                text += " (\(detail))"
                reasonText += " (\(detail))"
            }
            entries.append(Entry(code: code, text: text, reasonText: reasonText))
        }
    }

    /// OpenSSL's full text for a packed error code.
    static func string(for code: UInt) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 256) { buffer in
            ERR_error_string_n(code, buffer.baseAddress, buffer.count)
            return String(cString: buffer.baseAddress!)
        }
    }

    /// OpenSSL's short reason text for a packed error code ("certificate verify failed").
    static func reasonString(for code: UInt) -> String? {
        guard let reason = ERR_reason_error_string(code) else {
            return nil
        }
        return String(cString: reason)
    }
}

extension TLSError {
    /// An error carrying the given OpenSSL error entries.
    init(code: Code, message: String, entries: [OpenSSLErrorQueue.Entry]) {
        self.init(code: code, message: message, openSSLErrors: entries.map(\.text))
    }

    /// Drains the error queue into an error whose message is `context`, followed by OpenSSL's
    /// reason for the oldest (most specific) queued error when there is one.
    static func draining(code: Code, context: String) -> TLSError {
        let entries = OpenSSLErrorQueue.drain()
        guard let first = entries.first else {
            return TLSError(code: code, message: context)
        }
        return TLSError(code: code, message: "\(context): \(first.reasonText)", entries: entries)
    }
}
