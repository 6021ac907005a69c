import Foundation
import Logging
import SwitchboardCore
import Synchronization

/// Writes log lines to standard error from a thread of its own, so a request
/// never waits on the terminal, a pipe or a disk: callers hand over the event
/// (a few copies, no formatting) and return. The queue is bounded; when the
/// writer falls that far behind, new lines are dropped and counted
/// (`switchboard_log_lines_dropped_total`) rather than slowing the server.
public final class LogWriter: Sendable {
    /// One log event as the caller left it; formatted on the writer's thread.
    struct Entry: Sendable {
        let time: Date
        let level: Logger.Level
        let label: String
        let message: String
        /// The logger's metadata, then what the provider and the call added (merged on the writer's thread).
        let metadata: Logger.Metadata
        let more: [Logger.Metadata]
        let format: SwitchboardConfig.LogFormat
    }

    /// Standard error is one per process, and so is its writer.
    public static let standardError = LogWriter(capacity: 16_384)

    private let capacity: Int
    // NSCondition is a lock with a wait queue: the writer sleeps on it only when there
    // is nothing to write, so a busy server signals it rarely.
    private let condition = NSCondition()
    // Unchecked, and guarded by `condition`: the waiting entries, whether the writer
    // sleeps, and how many lines it has taken from the queue and written so far.
    nonisolated(unsafe) private var queue: [Entry] = []
    nonisolated(unsafe) private var sleeping = false
    nonisolated(unsafe) private var written = 0
    nonisolated(unsafe) private var taken = 0
    private let droppedLines = Atomic<Int>(0)

    init(capacity: Int) {
        self.capacity = capacity
        queue.reserveCapacity(256)
        let thread = Thread { [unowned self] in self.drain() }
        thread.name = "switchboard-log-writer"
        thread.start()
    }

    /// Lines dropped because the queue was full, since the process started.
    public var dropped: Int { droppedLines.load(ordering: .relaxed) }

    func enqueue(_ entry: Entry) {
        condition.lock()
        guard queue.count < capacity else {
            condition.unlock()
            droppedLines.add(1, ordering: .relaxed)
            return
        }
        queue.append(entry)
        if sleeping { condition.signal() }
        condition.unlock()
    }

    /// Waits until every line handed over so far has been written, or `seconds`
    /// have passed: at exit, a reader that stopped reading must not hold the process.
    public func flush(seconds: Double = 2) {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        condition.lock()
        let target = taken + queue.count
        while written < target && ContinuousClock.now < deadline {
            condition.unlock()
            usleep(200)
            condition.lock()
        }
        condition.unlock()
    }

    private func drain() {
        var text: [UInt8] = []
        while true {
            condition.lock()
            while queue.isEmpty {
                sleeping = true
                condition.wait()
                sleeping = false
            }
            let batch = queue
            queue.removeAll(keepingCapacity: true)
            taken += batch.count
            condition.unlock()

            text.removeAll(keepingCapacity: true)
            for entry in batch { Self.append(entry, to: &text) }
            Self.write(text)
            condition.lock()
            written += batch.count
            condition.unlock()
            // Under load, let a millisecond's lines gather into the next write.
            usleep(1000)
        }
    }

    private static func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = Foundation.write(2, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return }
                offset += count
            }
        }
    }

    /// Appends the entry's line to `out`: text with the fields sorted by name, or one JSON object.
    static func append(_ entry: Entry, to out: inout [UInt8]) {
        var fields = entry.metadata
        for layer in entry.more { fields.merge(layer) { $1 } }
        let time = entry.time.iso8601
        switch entry.format {
        case .text:
            out.append(contentsOf: time.utf8)
            out.append(UInt8(ascii: " "))
            out.append(contentsOf: entry.level.rawValue.uppercased().utf8)
            out.append(UInt8(ascii: " "))
            out.append(contentsOf: entry.label.utf8)
            out.append(contentsOf: ": ".utf8)
            out.append(contentsOf: entry.message.utf8)
            for key in fields.keys.sorted() {
                out.append(UInt8(ascii: " "))
                out.append(contentsOf: key.utf8)
                out.append(UInt8(ascii: "="))
                out.append(contentsOf: fields[key]!.description.utf8)
            }
            out.append(UInt8(ascii: "\n"))
        case .json:
            var object: [String: JSONValue] = [
                "time": .string(time), "level": .string(entry.level.rawValue), "logger": .string(entry.label),
                "message": .string(entry.message),
            ]
            for (key, value) in fields { object[key] = .string(value.description) }
            out.append(contentsOf: JSONValue.object(object).jsonText.utf8)
            out.append(UInt8(ascii: "\n"))
        }
    }
}
