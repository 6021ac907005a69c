import NIOCore
import Testing

@testable import SwitchboardConnectors

@Suite("Bounded reads from outside")
struct BoundedReadTests {
    @Test func theDeadlineEndsARunThatWouldGoOn() async {
        let started = ContinuousClock.now
        await #expect(throws: OutboundError("timed out")) {
            try await BoundedRead.run(deadline: .now() + .milliseconds(200), idle: .seconds(60)) {
                try await Task.sleep(for: .seconds(30))
            }
        }
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test func silenceLongerThanTheIdleTimeEndsARun() async {
        await #expect(throws: OutboundError("timed out waiting for data")) {
            try await BoundedRead.run(deadline: .now() + .seconds(60), idle: .milliseconds(200)) {
                try await Task.sleep(for: .seconds(30))
            }
        }
    }

    @Test func readsKeepARunAliveUntilItsDeadline() async throws {
        // Reads every 0.1 s for 3 s in all: longer than the idle time, never idle nearly that
        // long (a twentieth of it, so a busy machine does not make a gap look like silence).
        let total = try await BoundedRead.run(deadline: .now() + .seconds(20), idle: .seconds(2)) {
            var total = 0
            for _ in 0..<30 {
                try await Task.sleep(for: .milliseconds(100))
                try BoundedRead.countChunk(ByteBuffer(string: "x"), total: &total, maxBytes: 100)
            }
            return total
        }
        #expect(total == 30)
        // Trickling does not beat the deadline.
        await #expect(throws: OutboundError("timed out")) {
            try await BoundedRead.run(deadline: .now() + .seconds(2), idle: .seconds(1)) {
                var total = 0
                while true {
                    try await Task.sleep(for: .milliseconds(50))
                    try BoundedRead.countChunk(ByteBuffer(string: "x"), total: &total, maxBytes: 1 << 20)
                }
            }
        }
    }

    @Test func anInnerRunIsStricterAndItsReadsCountForTheOuterOne() async throws {
        await #expect(throws: OutboundError("timed out")) {
            try await BoundedRead.run(deadline: .now() + .seconds(30), idle: .seconds(30)) {
                try await BoundedRead.run(deadline: .now() + .milliseconds(200), idle: .seconds(30)) {
                    try await Task.sleep(for: .seconds(30))
                }
            }
        }
        let result = try await BoundedRead.run(deadline: .now() + .seconds(20), idle: .seconds(2)) {
            try await BoundedRead.run(deadline: .now() + .seconds(20), idle: .seconds(10)) {
                var total = 0
                for _ in 0..<8 {
                    try await Task.sleep(for: .milliseconds(400))
                    try BoundedRead.countChunk(ByteBuffer(string: "x"), total: &total, maxBytes: 100)
                }
                return "done"
            }
        }
        #expect(result == "done")
    }

    @Test func moreThanTheCapIsRefused() {
        var total = 0
        #expect(throws: OutboundError("response too large")) {
            for _ in 0..<3 {
                try BoundedRead.countChunk(ByteBuffer(bytes: [UInt8](repeating: 0, count: 400)), total: &total, maxBytes: 1000)
            }
        }
    }
}
