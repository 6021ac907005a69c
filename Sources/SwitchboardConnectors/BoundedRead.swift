import AsyncHTTPClient
import NIOCore
import Synchronization

/// The limits every read from outside the process runs under (user-supplied URLs,
/// MCP servers, providers): a total deadline that covers the body as well as the
/// headers, an idle timeout between reads, a byte cap, and a yield after each chunk
/// so that one busy stream cannot hold a thread that other requests need.
public enum BoundedRead {
    /// Runs `operation`, cancelling it once `deadline` passes or nothing has arrived
    /// for `idle`. Runs nest: an inner run may only be stricter, and its reads count
    /// as activity for the outer ones.
    public static func run<T: Sendable>(
        deadline: NIODeadline, idle: TimeAmount, _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let activity = Activity(parent: Activity.current)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await Activity.$current.withValue(activity) { try await operation() } }
            group.addTask {
                try await activity.watch(deadline: deadline, idle: idle)
                return nil
            }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let value = result { return value }
            }
            throw CancellationError()
        }
    }

    /// Calls `handle` with each chunk of `body` until it returns false or the body
    /// ends; more than `maxBytes` in all is an error.
    public static func forEachChunk(
        of body: HTTPClientResponse.Body, maxBytes: Int, _ handle: (ByteBuffer) async throws -> Bool
    ) async throws {
        var total = 0
        for try await chunk in body {
            try countChunk(chunk, total: &total, maxBytes: maxBytes)
            guard try await handle(chunk) else { return }
            await Task.yield()
        }
    }

    /// The whole body, at most `maxBytes`.
    public static func collect(_ body: HTTPClientResponse.Body, maxBytes: Int) async throws -> ByteBuffer {
        var collected = ByteBuffer()
        try await forEachChunk(of: body, maxBytes: maxBytes) { chunk in
            var chunk = chunk
            collected.writeBuffer(&chunk)
            return true
        }
        return collected
    }

    /// Marks a chunk read from outside: it counts as activity and towards `total`.
    static func countChunk(_ chunk: ByteBuffer, total: inout Int, maxBytes: Int) throws(OutboundError) {
        Activity.current?.touch()
        total += chunk.readableBytes
        guard total <= maxBytes else { throw OutboundError("response too large") }
    }
}

/// When a bounded run last read something; a watchdog cancels the run when it is too long ago.
final class Activity: Sendable {
    @TaskLocal static var current: Activity?

    let parent: Activity?
    private let lastRead = Mutex(NIODeadline.now())

    init(parent: Activity?) {
        self.parent = parent
    }

    func touch() {
        lastRead.withLock { $0 = .now() }
        parent?.touch()
    }

    /// Returns only by throwing: a timeout, or cancellation once the run is over.
    func watch(deadline: NIODeadline, idle: TimeAmount) async throws {
        while true {
            let now = NIODeadline.now()
            let idleEnd = lastRead.withLock { $0 } + idle
            if now >= deadline { throw OutboundError("timed out") }
            if now >= idleEnd { throw OutboundError("timed out waiting for data") }
            let wait = min(deadline, idleEnd) - now
            try await Task.sleep(nanoseconds: UInt64(max(wait.nanoseconds, 1_000_000)))
        }
    }
}
