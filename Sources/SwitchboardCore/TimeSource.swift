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
    public var iso8601: String {
        let millis = self.millis
        var seconds = time_t(millis >= 0 ? millis / 1000 : (millis - 999) / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        let fraction = Int32(((millis % 1000) + 1000) % 1000)
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(fraction, 3))Z"
    }
}
