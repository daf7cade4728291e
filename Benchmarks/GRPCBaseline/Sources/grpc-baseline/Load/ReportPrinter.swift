import Foundation
import HeraldBenchSupport

/// Prints a report: the table on standard output, or with `json` the JSON document on standard
/// output and the table on standard error.
enum ReportPrinter {
    static func print(_ report: LoadReport, json: Bool) throws {
        let table = report.table() + "\n"
        if json {
            FileHandle.standardError.write(Data(table.utf8))
            FileHandle.standardOutput.write(Data((try report.jsonString() + "\n").utf8))
        } else {
            FileHandle.standardOutput.write(Data(table.utf8))
        }
    }

    /// Writes a progress line to standard error.
    static func progress(_ message: String) {
        FileHandle.standardError.write(Data("grpc-baseline: \(message)\n".utf8))
    }

    /// Describes one shape before it runs.
    static func describe(_ configuration: LoadConfiguration) -> String {
        "\(configuration.connections) connections × \(configuration.concurrency) calls, "
            + "\(configuration.payloadBytes)-byte payload: warm-up \(configuration.warmup), "
            + "then up to \(configuration.duration) or \(configuration.maxCalls) calls"
    }
}
