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
/// advice) and turns it into the exit status.
func report(_ error: RPCError) -> ExitCode {
    var lines = [
        "error: \(error.code.protoName.map { String($0.dropFirst("STATUS_CODE_".count)) } ?? "\(error.code)"): \(error.message)"
    ]
    for violation in error.fieldViolations {
        lines.append("  \(violation.field): \(violation.description)")
    }
    if !error.conflictingID.isEmpty { lines.append("  conflicts with: \(error.conflictingID)") }
    if let retryAfter = error.retryAfter { lines.append("  retry after: \(retryAfter)") }
    if !error.requestID.isEmpty { lines.append("  request id: \(error.requestID)") }
    standardError(lines.joined(separator: "\n"))
    return ExitCode(ExitStatus.forStatus(error.code))
}

/// Runs a command body, reporting RPC errors with their exit status.
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as RPCError {
        throw report(error)
    }
}

func standardError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
