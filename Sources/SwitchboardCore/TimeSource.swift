import Foundation

/// Where the server reads the time, so tests can move it.
public protocol TimeSource: Sendable {
    func now() -> Date
}

/// The real clock.
public struct SystemTimeSource: TimeSource {
    public init() {}
    public func now() -> Date { Date() }
}

extension Date {
    /// Milliseconds since 1970, the form timestamps are stored in.
    public var millis: Int64 { Int64((timeIntervalSince1970 * 1000).rounded(.down)) }

    public init(millis: Int64) { self.init(timeIntervalSince1970: Double(millis) / 1000) }

    /// This time as stored: whole milliseconds.
    public var truncatedToMillis: Date { Date(millis: millis) }

    /// ISO-8601 UTC with milliseconds, e.g. `2026-06-05T08:00:00.000Z`.
    public var iso8601: String { formatted(Self.isoStyle) }

    static let isoStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
}
