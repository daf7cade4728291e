import Foundation
import HeraldProtos
public import Logging

/// Writes each log record as one JSON object per line on standard error:
/// `{"time":"…","level":"info","label":"heraldd","message":"…","request-id":"…",…}`.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    private let label: String

    public init(label: String) {
        self.label = label
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var members: [JSONMember] = [
            JSONMember("time", .string(Self.timestamp())),
            JSONMember("level", .string(event.level.rawValue)),
            JSONMember("label", .string(label)),
            JSONMember("message", .string("\(event.message)")),
        ]
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
            members.append(JSONMember(key, .string("\(value)")))
        }
        let line = JSONValue.object(members).serialized() + "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    private static func timestamp() -> String {
        Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true))
    }
}
