import Foundation
import Logging
import SwitchboardCore
import Testing

@testable import SwitchboardAPI

@Suite("Log lines as the writer formats them")
struct LogLineTests {
    let time = Date(millis: 1_780_646_400_123)

    func entry(_ format: SwitchboardConfig.LogFormat) -> LogWriter.Entry {
        LogWriter.Entry(
            time: time, level: .info, label: "switchboard", message: "request",
            metadata: ["request_id": "r1", "status": "500"],
            more: [
                ["trace_id": "abc"],
                ["status": .stringConvertible(200), "duration_ms": .stringConvertible(Milliseconds(.microseconds(1234)))],
            ],
            format: format)
    }

    @Test func aTextLineHasTheFieldsSortedAndTheLastWordWins() {
        var out: [UInt8] = []
        LogWriter.append(entry(.text), to: &out)
        #expect(
            String(decoding: out, as: UTF8.self)
                == "2026-06-05T08:00:00.123Z INFO switchboard: request duration_ms=1.23 request_id=r1 status=200 trace_id=abc\n")
    }

    @Test func aJSONLineIsOneObject() throws {
        var out: [UInt8] = []
        LogWriter.append(entry(.json), to: &out)
        #expect(out.last == UInt8(ascii: "\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out)) as? [String: String])
        #expect(
            object == [
                "time": "2026-06-05T08:00:00.123Z", "level": "info", "logger": "switchboard", "message": "request", "request_id": "r1",
                "status": "200", "trace_id": "abc", "duration_ms": "1.23",
            ])
    }

    @Test(arguments: [(Duration.milliseconds(5), "5.00"), (.microseconds(50), "0.05"), (.seconds(12.3456), "12345.60")])
    func durationsHaveTwoDecimals(duration: Duration, shown: String) {
        #expect(Milliseconds(duration).description == shown)
    }
}
