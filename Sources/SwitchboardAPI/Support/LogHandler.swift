import Foundation
import Logging
import SwitchboardCore
import Synchronization

/// Writes log lines to standard error as text or as one JSON object per line.
/// It writes only what callers put in messages and metadata; request headers are
/// never logged anywhere, so keys and `Authorization` values cannot reach a log.
public struct SwitchboardLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    let label: String
    let format: SwitchboardConfig.LogFormat
    private static let output = Mutex<FileHandle>(FileHandle.standardError)

    public init(label: String, level: Logger.Level, format: SwitchboardConfig.LogFormat) {
        self.label = label
        self.logLevel = level
        self.format = format
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var all = metadata
        if let extra = event.metadata { all.merge(extra) { $1 } }
        let time = Date().iso8601
        let line: String
        switch format {
        case .text:
            let fields = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            line = "\(time) \(event.level.rawValue.uppercased()) \(label): \(event.message)\(fields.isEmpty ? "" : " " + fields)\n"
        case .json:
            var object: [String: JSONValue] = [
                "time": .string(time), "level": .string(event.level.rawValue), "logger": .string(label),
                "message": .string("\(event.message)"),
            ]
            for (key, value) in all { object[key] = .string("\(value)") }
            line = JSONValue.object(object).jsonText + "\n"
        }
        Self.output.withLock { $0.write(Data(line.utf8)) }
    }
}
