import Logging
import Synchronization

/// Log messages captured by ``RecordingLogHandler``.
final class LogRecorder: Sendable {
    /// One captured message.
    struct Entry: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: [String: String]
    }

    private let entries = Mutex<[Entry]>([])

    /// Everything logged so far.
    var all: [Entry] {
        entries.withLock { $0 }
    }

    /// Messages at `.warning` or above.
    var warnings: [Entry] {
        all.filter { $0.level >= .warning }
    }

    func append(_ entry: Entry) {
        entries.withLock { $0.append(entry) }
    }

    /// A logger that records into this recorder.
    func logger(_ label: String = "test") -> Logger {
        var logger = Logger(label: label) { _ in RecordingLogHandler(recorder: self) }
        logger.logLevel = .debug
        return logger
    }
}

/// A log handler that keeps every message for assertions.
struct RecordingLogHandler: LogHandler {
    let recorder: LogRecorder
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .debug

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        merged.merge(event.metadata ?? [:]) { _, new in new }
        recorder.append(
            LogRecorder.Entry(
                level: event.level,
                message: "\(event.message)",
                metadata: merged.mapValues { "\($0)" }
            )
        )
    }
}
