import Logging
import NIOCore
import SQLKit
import SwitchboardCore
import Synchronization

/// The SQLite file through a few connections, each used by one task at a time. The
/// writer takes every transaction and every statement that changes data; readers
/// (one per core, 2 to 8, `query_only`) take the rest, so reads run side by side and never
/// queue behind writes: in WAL mode a reader sees the last commit while a write is
/// under way. Statements run in the calling task and do not wait on each other
/// inside SQLite: readers never need a lock a writer holds.
final class SQLiteConnections: Sendable {
    struct Lane: Sendable {
        let session: SQLiteSession
        let lock = AsyncLock()
    }

    private let writer: Lane
    private let readers: [Lane]
    private let turn = Atomic<Int>(0)

    private init(writer: Lane, readers: [Lane]) {
        self.writer = writer
        self.readers = readers
    }

    static func open(path: String, logger: Logger) async throws -> SQLiteConnections {
        var opened: [SQLiteSession] = []
        do {
            // Checkpoints every 8,000 pages (32 MiB) rather than SQLite's 1,000: pages
            // written again and again are copied once, writes ran a fifth faster, and
            // the WAL file is cut back to 64 MiB after a checkpoint.
            let writer = try await session(
                path, logger,
                pragmas: [
                    "journal_mode=WAL", "foreign_keys=ON", "synchronous=NORMAL", "wal_autocheckpoint=8000", "journal_size_limit=67108864",
                ], into: &opened)
            var readers: [Lane] = []
            for _ in 0..<min(max(2, System.coreCount), 8) {
                readers.append(Lane(session: try await session(path, logger, pragmas: ["query_only=ON"], into: &opened)))
            }
            return SQLiteConnections(writer: Lane(session: writer), readers: readers)
        } catch {
            for session in opened { session.file.close() }
            throw error
        }
    }

    private static func session(_ path: String, _ logger: Logger, pragmas: [String], into opened: inout [SQLiteSession]) async throws
        -> SQLiteSession
    {
        let session = SQLiteSession(file: try SQLiteFile(path: path), logger: logger)
        opened.append(session)
        for pragma in ["busy_timeout=10000"] + pragmas {
            try await session.raw(SQLQueryString("PRAGMA \(pragma)")).run()
        }
        return session
    }

    func withWriter<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let writer = self.writer
        return try await writer.lock.withLock { try await body(writer.session) }
    }

    /// A free reader, or else the next one in turn.
    func withReader<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        if let free = readers.first(where: { $0.lock.tryLock() }) {
            return try await free.lock.holding { try await body(free.session) }
        }
        let lane = readers[turn.add(1, ordering: .relaxed).newValue % readers.count]
        return try await lane.lock.withLock { try await body(lane.session) }
    }

    /// Waits for every connection to be free, then closes them.
    func close() async {
        for lane in readers + [writer] {
            await lane.lock.lock()
            lane.session.file.close()
        }
    }
}
