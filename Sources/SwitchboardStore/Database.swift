import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresKit
import SQLKit
import SwitchboardCore

/// The one database of a Switchboard: SQLite (a writer connection and readers, used
/// directly) or PostgreSQL (a pool). The same SQLKit queries run on both.
public final class Database: Sendable {
    public enum Kind: String, Sendable { case sqlite, postgres }

    public let kind: Kind
    private let backend: Backend

    private enum Backend: Sendable {
        case sqlite(SQLiteConnections)
        case postgres(PostgresClient)
    }

    private init(kind: Kind, backend: Backend) {
        self.kind = kind
        self.backend = backend
    }

    /// Opens the database. For PostgreSQL the pool works only while `run()` runs.
    public static func open(_ url: DatabaseURL, logger: Logger) async throws -> Database {
        switch url {
        case .sqlite(let path):
            return Database(kind: .sqlite, backend: .sqlite(try await SQLiteConnections.open(path: path, logger: logger)))
        case .postgres(let host, let port, let username, let password, let database, let tls):
            let tlsMode: PostgresClient.Configuration.TLS
            switch tls {
            case .disable: tlsMode = .disable
            case .prefer: tlsMode = .prefer(.makeClientConfiguration())
            case .require: tlsMode = .require(.makeClientConfiguration())
            }
            var configuration = PostgresClient.Configuration(
                host: host, port: port, username: username, password: password, database: database, tls: tlsMode)
            configuration.options.maximumConnections = 16
            return Database(kind: .postgres, backend: .postgres(PostgresClient(configuration: configuration, backgroundLogger: logger)))
        }
    }

    /// The pool, on PostgreSQL (for `LISTEN`).
    var postgresClient: PostgresClient? {
        if case .postgres(let client) = backend { client } else { nil }
    }

    /// Keeps the database working until the task is cancelled, then closes it.
    public func run() async {
        switch backend {
        case .sqlite(let connections):
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(3600))
            }
            await connections.close()
        case .postgres(let client):
            await client.run()
        }
    }

    /// Runs `body` with the database working, and closes it afterwards (for commands and tests).
    public func withRunning<T: Sendable>(_ body: @Sendable (Database) async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await self.run() }
            do {
                let result = try await body(self)
                group.cancelAll()
                return result
            } catch {
                group.cancelAll()
                throw error
            }
        }
    }

    /// Runs statements that only read, outside a transaction.
    public func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        switch backend {
        case .sqlite(let connections):
            return try await connections.withReader(body)
        case .postgres(let client):
            return try await client.withConnection { try await body(PostgresSession(connection: $0)) }
        }
    }

    /// Runs statements that change data (on SQLite all of them or none, committed with
    /// the changes waiting beside them; on PostgreSQL each on its own).
    public func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        switch backend {
        case .sqlite(let connections):
            return try await connections.withWriter(body)
        case .postgres:
            return try await read(body)
        }
    }

    /// Runs statements in one transaction: all of them or none. On SQLite the
    /// transaction takes the write lock at once; on PostgreSQL use `forUpdate` on the
    /// rows whose counts are checked.
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        switch backend {
        case .sqlite(let connections):
            // The writer runs every change in a transaction of its own or shared (group commit), each in a savepoint.
            return try await connections.withWriter(body)
        case .postgres(let client):
            return try await client.withConnection { connection in
                let attempt = {
                    try await Self.inTransaction(PostgresSession(connection: connection, inTransaction: true), begin: "BEGIN", body)
                }
                do {
                    return try await attempt()
                } catch  where PreparedNames.isStale(error) {
                    // Another process changed the tables under a prepared statement; it was
                    // rolled back before anything took effect, and runs again prepared afresh.
                    return try await attempt()
                }
            }
        }
    }

    private static func inTransaction<T: Sendable>(
        _ db: any SQLDatabase, begin: String, _ body: @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        try await db.raw(SQLQueryString(begin)).run()
        do {
            let result = try await body(db)
            try await db.raw("COMMIT").run()
            return result
        } catch {
            try? await db.raw("ROLLBACK").run()
            throw error
        }
    }

    /// ` FOR UPDATE` on PostgreSQL, nothing on SQLite (whose transactions already hold the write lock).
    public var forUpdate: SQLQueryString { kind == .postgres ? " FOR UPDATE" : "" }

    /// Byte-wise text order (` COLLATE "C"` on PostgreSQL; SQLite's default already is),
    /// so that names sort and page the same on both.
    public var byteOrder: SQLQueryString { kind == .postgres ? #" COLLATE "C""# : "" }

    /// Whether the database answers a trivial query.
    public func isReachable() async -> Bool {
        (try? await read { try await $0.raw("SELECT 1 AS one").first() }) != nil
    }
}
