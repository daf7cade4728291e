import ArgumentParser
import Foundation
public import HeraldProtos
import HeraldWire

/// Exit statuses: 0 on success; 10 + the status code when the server (or the connection)
/// answered an error, e.g. 15 for NOT_FOUND, 17 for PERMISSION_DENIED, 24 for UNAVAILABLE; 1 for
/// local failures; 64 for bad usage.
public enum ExitStatus {
    public static func forStatus(_ code: StatusCode) -> Int32 {
        code == .ok ? 0 : 10 + code.rawValue
    }
}

/// Prints an RPC error the way people read it (code, message, each field violation, retry
/// advice) and turns it into the exit status. `flags` names the command-line flag of a
/// violation's field, when there is one.
func report(_ error: RPCError, flags: FieldFlags = FieldFlags()) -> ExitCode {
    standardError(errorText(error, flags: flags))
    return ExitCode(ExitStatus.forStatus(error.code))
}

/// An RPC error as ``report(_:flags:)`` prints it.
func errorText(_ error: RPCError, flags: FieldFlags = FieldFlags()) -> String {
    var lines = ["error: \(error.code.shortName): \(error.message)"]
    for violation in error.fieldViolations {
        let flag = flags.flag(for: violation.field).map { " (\($0))" } ?? ""
        lines.append("  \(violation.field)\(flag): \(violation.description)")
    }
    if !error.conflictingID.isEmpty { lines.append("  conflicts with: \(error.conflictingID)") }
    if error.currentVersion != 0 { lines.append("  current version: \(error.currentVersion)") }
    // The server's details have lower_snake_case keys (e.g. quota → max_contacts); others are
    // the client library's own markers.
    for (key, value) in error.metadata.sorted(by: { $0.key < $1.key })
    where key.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }) {
        lines.append("  \(key): \(value)")
    }
    if let retryAfter = error.retryAfter { lines.append("  retry after: \(retryAfter)") }
    if !error.requestID.isEmpty { lines.append("  request id: \(error.requestID)") }
    return lines.joined(separator: "\n")
}

/// Runs a command body, reporting RPC errors with their exit status.
func reportingErrors(flags: FieldFlags = FieldFlags(), _ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as RPCError {
        throw report(error, flags: flags)
    }
}

func standardError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
