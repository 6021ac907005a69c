import Logging
import NIOCore
import SQLKit
import SwitchboardCore
import Synchronization

/// The SQLite file through a few connections, each used by one task at a time. The
/// writer takes every transaction and every statement that changes data, with
/// group commit (`GroupCommit`); readers (one per core, 2 to 8, `query_only`) take
/// the rest, so reads run side by side and never queue behind writes: in WAL mode a
/// reader sees the last commit while a write is under way. Reads run in the calling
/// task and do not wait on each other inside SQLite: readers never need a lock a
/// writer holds.
final class SQLiteConnections: Sendable {
    struct Lane: Sendable {
        let session: SQLiteSession
        let lock = AsyncLock()
    }

    private let writer: Lane
    private let group: GroupCommit
    private let readers: [Lane]
    private let turn = Atomic<Int>(0)

    private init(writer: Lane, readers: [Lane]) {
        self.writer = writer
        self.readers = readers
        group = GroupCommit(writer: writer)
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

    /// Runs `body` on the writer, all of it or none, and returns once it is committed.
    func withWriter<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await group.run(body)
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

/// Group commit: changes that arrive while the writer is busy wait for it and then
/// run one after another in one transaction, each in its own savepoint (a change
/// that fails is rolled back alone), and all are told their outcome once that
/// transaction is committed. Under load one commit serves many requests; alone, a
/// change is its own transaction, as before. Nothing is acknowledged before it is
/// committed.
final class GroupCommit: Sendable {
    struct Job: Sendable {
        let body: @Sendable (any SQLDatabase) async throws -> any Sendable
        let done: CheckedContinuation<any Sendable, any Error>
    }

    /// The most changes one transaction takes.
    static let maxBatch = 64

    private let writer: SQLiteConnections.Lane
    private let waiting = Mutex<(running: Bool, jobs: [Job])>((false, []))

    init(writer: SQLiteConnections.Lane) {
        self.writer = writer
    }

    func run<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let value = try await withCheckedThrowingContinuation { (done: CheckedContinuation<any Sendable, any Error>) in
            let leads = waiting.withLock { waiting -> Bool in
                waiting.jobs.append(Job(body: { try await body($0) }, done: done))
                defer { waiting.running = true }
                return !waiting.running
            }
            if leads { Task { await self.drain() } }
        }
        return value as! T
    }

    /// Commits batches until nobody waits.
    private func drain() async {
        await writer.lock.lock()
        while true {
            let batch = waiting.withLock { waiting -> [Job] in
                let batch = Array(waiting.jobs.prefix(Self.maxBatch))
                waiting.jobs.removeFirst(batch.count)
                if batch.isEmpty { waiting.running = false }
                return batch
            }
            if batch.isEmpty { break }
            await commit(batch)
        }
        writer.lock.unlock()
    }

    private func commit(_ batch: [Job]) async {
        let db = writer.session
        var outcomes: [Result<any Sendable, any Error>] = []
        do {
            try await db.raw("BEGIN IMMEDIATE").run()
            for job in batch {
                try await db.raw("SAVEPOINT change").run()
                do {
                    outcomes.append(.success(try await job.body(db)))
                } catch {
                    try await db.raw("ROLLBACK TO change").run()
                    outcomes.append(.failure(error))
                }
                try await db.raw("RELEASE change").run()
            }
            try await db.raw("COMMIT").run()
        } catch {
            try? await db.raw("ROLLBACK").run()
            for job in batch { job.done.resume(throwing: error) }
            return
        }
        for (job, outcome) in zip(batch, outcomes) { job.done.resume(with: outcome) }
    }
}
