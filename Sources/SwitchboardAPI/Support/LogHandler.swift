import Foundation
import Logging
import SwitchboardCore

/// Log lines on standard error, as text or as one JSON object per line, written
/// by `LogWriter` off the caller's thread. It writes only what callers put in
/// messages and metadata — plus, inside a traced request, `trace_id` and
/// `span_id` from the metadata provider; request headers are never logged
/// anywhere, so keys and `Authorization` values cannot reach a log.
public struct SwitchboardLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    let label: String
    let format: SwitchboardConfig.LogFormat
    let writer: LogWriter

    public init(
        label: String, level: Logger.Level, format: SwitchboardConfig.LogFormat, metadataProvider: Logger.MetadataProvider? = nil,
        writer: LogWriter = .standardError
    ) {
        self.label = label
        self.logLevel = level
        self.format = format
        self.metadataProvider = metadataProvider
        self.writer = writer
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var more: [Logger.Metadata] = []
        if let provided = metadataProvider?.get(), !provided.isEmpty { more.append(provided) }
        if let extra = event.metadata, !extra.isEmpty { more.append(extra) }
        writer.enqueue(
            .init(
                time: Date(), level: event.level, label: label, message: event.message.description, metadata: metadata, more: more,
                format: format))
    }
}
