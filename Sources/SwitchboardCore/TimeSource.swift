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

    /// ISO-8601 UTC with milliseconds, e.g. `2026-06-05T08:00:00.000Z`. Written digit by
    /// digit into the string's own storage: every timestamp of every response and log
    /// line passes here.
    public var iso8601: String {
        let millis = self.millis
        var seconds = time_t(millis >= 0 ? millis / 1000 : (millis - 999) / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let fraction = Int32(((millis % 1000) + 1000) % 1000)
        return String(unsafeUninitializedCapacity: 24) { buffer in
            var end = 0
            func put(_ value: Int32, _ width: Int, _ after: Unicode.Scalar) {
                var value = min(max(value, 0), 9999)
                for index in stride(from: end + width - 1, through: end, by: -1) {
                    buffer[index] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
                buffer[end + width] = UInt8(ascii: after)
                end += width + 1
            }
            put(parts.tm_year + 1900, 4, "-")
            put(parts.tm_mon + 1, 2, "-")
            put(parts.tm_mday, 2, "T")
            put(parts.tm_hour, 2, ":")
            put(parts.tm_min, 2, ":")
            put(parts.tm_sec, 2, ".")
            put(fraction, 3, "Z")
            return end
        }
    }
}
