public import HeraldProtos

/// A call that did not succeed: a status code other than OK with its message and details.
///
/// Clients receive it from every typed client method; handlers throw it (or an error that is
/// ``RPCErrorConvertible``) to choose the status the caller sees.
public struct RPCError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The canonical status code (never `.ok`).
    public var code: StatusCode
    /// A human-readable message for developers.
    public var message: String
    /// The request fields at fault, for `.invalidArgument` and friends.
    public var fieldViolations: [FieldViolation]
    /// When to retry, for `.resourceExhausted` and `.unavailable`; nil when there is no advice.
    public var retryAfter: Duration?
    /// The call's request id, as the server logged it.
    public var requestID: String
    /// For `.alreadyExists`: the id of the resource that conflicts.
    public var conflictingID: String
    /// For `.aborted` on a stale version: the version currently stored.
    public var currentVersion: UInt64
    /// Machine-readable details.
    public var metadata: [String: String]

    public init(
        code: StatusCode,
        message: String,
        fieldViolations: [FieldViolation] = [],
        retryAfter: Duration? = nil,
        requestID: String = "",
        conflictingID: String = "",
        currentVersion: UInt64 = 0,
        metadata: [String: String] = [:]
    ) {
        self.code = code
        self.message = message
        self.fieldViolations = fieldViolations
        self.retryAfter = retryAfter
        self.requestID = requestID
        self.conflictingID = conflictingID
        self.currentVersion = currentVersion
        self.metadata = metadata
    }

    /// An INVALID_ARGUMENT error naming one field.
    public static func invalidArgument(field: String, _ description: String) -> RPCError {
        RPCError(
            code: .invalidArgument,
            message: "\(field): \(description)",
            fieldViolations: [FieldViolation(field: field, description: description)]
        )
    }

    /// The error a reply status describes; `status.code` must not be OK.
    public init(status: Status) {
        self.init(
            code: status.code,
            message: status.message,
            fieldViolations: status.fieldViolations,
            retryAfter: status.retryAfterMs > 0 ? .milliseconds(Int64(clamping: status.retryAfterMs)) : nil,
            requestID: status.requestID,
            conflictingID: status.conflictingID,
            currentVersion: status.currentVersion,
            metadata: status.metadata
        )
    }

    /// The error as the status of a reply frame.
    public var status: Status {
        var status = Status(
            code: code,
            message: message,
            fieldViolations: fieldViolations,
            requestID: requestID,
            conflictingID: conflictingID,
            currentVersion: currentVersion,
            metadata: metadata
        )
        if let retryAfter {
            status.retryAfterMs = UInt64(clamping: retryAfter.wholeMilliseconds)
        }
        return status
    }

    public var description: String {
        var text = "\(code.protoName ?? "STATUS_CODE_\(code.rawValue)"): \(message)"
        for violation in fieldViolations where !message.contains(violation.description) {
            text += "\n  \(violation.field): \(violation.description)"
        }
        return text
    }
}

/// An error that knows which status it should be answered with.
///
/// The server answers errors that are neither ``RPCError`` nor convertible as INTERNAL,
/// without revealing their text.
public protocol RPCErrorConvertible: Error {
    var rpcError: RPCError { get }
}

extension ProtoDecodingError: RPCErrorConvertible {
    /// A request that does not decode is the caller's fault: INVALID_ARGUMENT on the field.
    public var rpcError: RPCError {
        RPCError(
            code: .invalidArgument,
            message: description,
            fieldViolations: fieldPath.isEmpty
                ? [] : [FieldViolation(field: fieldPath, description: reason.description)]
        )
    }
}
