import ArgumentParser
import Foundation
import Logging
import OTel
import SwitchboardAPI
import SwitchboardCore
import SwitchboardStore

/// The `switchboard` command: the server and its operator tools.
@main
struct Switchboard: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "switchboard",
        abstract: "A self-hostable server for the BimpeAI Agent Console API.",
        subcommands: [Serve.self, Migrate.self, Teams.self, Keys.self, Secrets.self],
        defaultSubcommand: Serve.self)
}

/// Reads the configuration and opens the database for a command; exits with the
/// setting's name when the configuration is bad.
struct Environment {
    let config: SwitchboardConfig
    let logger: Logger

    init() throws {
        do {
            config = try SwitchboardConfig(environment: ProcessInfo.processInfo.environment)
        } catch {
            FileHandle.standardError.write(Data("switchboard: configuration error: \(error.description)\n".utf8))
            throw ExitCode(78)
        }
        let config = config
        // Inside a traced request every line carries its `trace_id` and `span_id`.
        LoggingSystem.bootstrap(
            { label, provider in
                SwitchboardLogHandler(label: label, level: config.logLevel, format: config.logFormat, metadataProvider: provider)
            },
            metadataProvider: OTel.makeLoggingMetadataProvider())
        // Lines still queued when a command ends are written before the process exits.
        atexit { LogWriter.standardError.flush() }
        logger = Logger(label: "switchboard")
    }

    /// Opens the database, applies migrations, and runs `body` with it.
    func withDatabase<T: Sendable>(_ body: @Sendable (Database) async throws -> T) async throws -> T {
        let database = try await Database.open(config.database, logger: logger)
        return try await database.withRunning { database in
            try await Migrator().migrate(database)
            return try await body(database)
        }
    }
}

func fail(_ message: String, code: Int32 = ExitCode.failure.rawValue) -> ExitCode {
    FileHandle.standardError.write(Data("switchboard: \(message)\n".utf8))
    return ExitCode(code)
}
