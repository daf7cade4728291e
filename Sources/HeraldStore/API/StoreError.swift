/// An error of the store: what kind (``Code``), a message naming the table, file and offset where
/// they apply, and the underlying system error when there is one.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// The kind of error. New codes may be added; switch with a `default`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let description: String

        private init(_ description: String) {
            self.description = description
        }

        /// A read, write or sync failed. A table that saw a failed write or sync refuses further
        /// writes (``tableFailed``) until the store is reopened.
        public static let ioError = Code("I/O error")
        /// The disk is full (`ENOSPC`/`EDQUOT`). Like ``ioError``, the table refuses further writes.
        public static let noSpace = Code("no space left on device")
        /// A file of the store is damaged; the message names file and offset.
        public static let corruption = Code("corruption")
        /// Another process (or another `Store` in this one) has the data directory open.
        public static let locked = Code("data directory locked")
        /// The table refuses writes since an earlier write or sync failed; reopen the store.
        public static let tableFailed = Code("table failed")
        /// The store or table was closed.
        public static let closed = Code("closed")
        /// A key, value, batch, table name or index name is not acceptable.
        public static let invalidArgument = Code("invalid argument")
    }

    /// The kind of error.
    public var code: Code
    /// What happened, naming table, file and offset where they apply.
    public var message: String
    /// The file the error is about, when there is one.
    public var path: String?
    /// The byte offset in ``path`` the error is about, when there is one.
    public var offset: Int64?
    /// The error that caused this one (a failed system call, for instance).
    public var cause: (any Error)?

    /// An error with these fields.
    public init(
        _ code: Code,
        _ message: String,
        path: String? = nil,
        offset: Int64? = nil,
        cause: (any Error)? = nil
    ) {
        self.code = code
        self.message = message
        self.path = path
        self.offset = offset
        self.cause = cause
    }

    public var description: String {
        var text = "\(code): \(message)"
        if let cause {
            text += " (\(cause))"
        }
        return text
    }

    /// An I/O error for a failed system call (``Code/noSpace`` for `ENOSPC`).
    static func io(_ message: String, _ error: FileSystemError) -> StoreError {
        StoreError(error.isNoSpace ? .noSpace : .ioError, message, path: error.path, cause: error)
    }
}
