import Foundation
import Logging
import PostgresKit
import SQLKit
import SwitchboardStore

/// Real databases for tests: a new SQLite file each time, and, when
/// `SWITCHBOARD_TEST_POSTGRES_URL` is set (the test command sets it), a new
/// PostgreSQL database each time, dropped afterwards.
public enum TestDatabases {
    public static let postgresURL = ProcessInfo.processInfo.environment["SWITCHBOARD_TEST_POSTGRES_URL"]

    /// The kinds to run store tests on: SQLite always, PostgreSQL when available.
    public static var kinds: [Database.Kind] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }

    static let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    /// Runs `body` with a fresh, migrated database of `kind`.
    public static func with<T: Sendable>(_ kind: Database.Kind, migrate: Bool = true, _ body: @Sendable (Database) async throws -> T)
        async throws -> T
    {
        switch kind {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-test-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            return try await run(.sqlite(path: directory.appendingPathComponent("test.sqlite").path), migrate: migrate, body)
        case .postgres:
            guard let raw = postgresURL,
                case .postgres(let host, let port, let user, let password, let admin, let tls) = try DatabaseURL(parsing: raw)
            else {
                throw TestSetupError("SWITCHBOARD_TEST_POSTGRES_URL is not a postgres URL")
            }
            let name = "sb_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            let adminURL = DatabaseURL.postgres(host: host, port: port, username: user, password: password, database: admin, tls: tls)
            try await administer(adminURL, "CREATE DATABASE \(name)")
            do {
                let result = try await run(
                    .postgres(host: host, port: port, username: user, password: password, database: name, tls: tls), migrate: migrate, body)
                try await administer(adminURL, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
                return result
            } catch {
                try? await administer(adminURL, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
                throw error
            }
        }
    }

    /// Runs one statement on the server's own database (a pool runs only once, so each call opens one).
    private static func administer(_ url: DatabaseURL, _ statement: String) async throws {
        try await Database.open(url, logger: logger).withRunning { db in
            try await db.write { try await $0.raw(SQLQueryString(statement)).run() }
        }
    }

    private static func run<T: Sendable>(_ url: DatabaseURL, migrate: Bool, _ body: @Sendable (Database) async throws -> T) async throws
        -> T
    {
        let database = try await Database.open(url, logger: logger)
        return try await database.withRunning { database in
            if migrate { try await Migrator().migrate(database) }
            return try await body(database)
        }
    }
}

public struct TestSetupError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
