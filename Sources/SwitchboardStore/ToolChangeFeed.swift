import Foundation
import Logging
import PostgresNIO
import SQLKit
import SwitchboardCore
import Synchronization

/// Tells listeners that an agent's tools changed (actions enabled or disabled,
/// added, discovered or removed with their integration). Within one process on
/// SQLite; on PostgreSQL every process hears every change, through `LISTEN` /
/// `NOTIFY` on one channel, so a client listening on one process learns of a
/// change made through another.
public final class ToolChangeFeed: Sendable {
    static let channel = "switchboard_tool_changes"

    private let database: Database
    private let listeners = Mutex<[String: [UUID: AsyncStream<Void>.Continuation]]>([:])

    public init(database: Database) {
        self.database = database
    }

    /// Announces a change of the agent's tools to every process.
    public func publish(agentID: String) async {
        guard database.kind == .postgres else { return deliver(agentID: agentID) }
        do {
            try await database.write { db in
                try await db.raw("SELECT pg_notify(\(bind: Self.channel), \(bind: agentID))").run()
            }
        } catch {
            // The database is gone for the moment; listeners here still hear of it.
            deliver(agentID: agentID)
        }
    }

    /// Changes of the agent's tools from now on, until the stream is dropped. A slow
    /// reader sees at least one change after a burst (changes are level triggers).
    public func changes(agentID: String) -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let id = UUID()
        listeners.withLock { $0[agentID, default: [:]][id] = continuation }
        continuation.onTermination = { [weak self] _ in
            self?.listeners.withLock { all in
                all[agentID]?[id] = nil
                if all[agentID]?.isEmpty == true { all[agentID] = nil }
            }
        }
        return stream
    }

    private func deliver(agentID: String) {
        for continuation in listeners.withLock({ Array(($0[agentID] ?? [:]).values) }) { continuation.yield() }
    }

    /// On PostgreSQL: listens on the channel until cancelled, reconnecting after a
    /// failure, and hands every change to this process's listeners. On SQLite there
    /// is nothing to hear from elsewhere: it waits to be cancelled.
    public func run(logger: Logger) async {
        guard let client = database.postgresClient else {
            while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
            return
        }
        while !Task.isCancelled {
            do {
                try await client.withConnection { connection in
                    try await connection.listen(on: Self.channel) { notifications in
                        for try await notification in notifications { self.deliver(agentID: notification.payload) }
                    }
                }
            } catch {
                if Task.isCancelled { return }
                logger.warning("tool change feed lost its connection; listening again", metadata: ["error": "\(type(of: error))"])
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }
}
