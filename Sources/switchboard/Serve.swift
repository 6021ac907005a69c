import ArgumentParser
import Foundation
import Hummingbird
import ServiceLifecycle
import SwitchboardAPI
import SwitchboardConnectors
import SwitchboardCore
import SwitchboardStore

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the API server (migrations are applied first).")

    @Flag(name: .long, help: "Do not create a team and key on first start against an empty database.")
    var noBootstrap = false

    func run() async throws {
        let environment = try Environment()
        let config = environment.config
        raiseOpenFileLimit()
        let secrets = try SecretBox(source: config.masterKey)
        let tracing: (any Service)?
        do {
            tracing = try TracingSetup.bootstrap(environment: ProcessInfo.processInfo.environment, logger: environment.logger)
        } catch {
            throw fail("configuration error: \(error)", code: 78)
        }
        let bootstrap = !noBootstrap
        // The database runs around the server: opened and migrated before it
        // listens, closed after it has stopped.
        try await environment.withDatabase { database in
            if bootstrap, let first = try await Bootstrap(database: database).runIfEmpty(plan: config.bootstrapPlan) {
                print(
                    """
                    Created team \(first.team.id) (plan \(first.team.plan)) and a full-access API key.
                    It is shown only this once; keep it safe:

                        \(first.secret)

                    """)
            }
            let components = Components(config: config, database: database, secrets: secrets)
            try await components.start()
            let app = buildApplication(components, logger: environment.logger, last: tracing.map { [$0] } ?? []) { port in
                print("Switchboard listening on http://\(config.host):\(port) (database: \(database.kind.rawValue))")
                fflush(nil)
            }
            try await app.runService()
        }
    }
}

/// Every open connection and gateway stream is a file descriptor: the soft limit is
/// raised to the hard one, as servers commonly do (a systemd unit's soft limit is 1024).
func raiseOpenFileLimit() {
    #if os(Linux)
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    #else
        let resource = RLIMIT_NOFILE
    #endif
    var limit = rlimit()
    guard getrlimit(resource, &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
    limit.rlim_cur = limit.rlim_max
    _ = setrlimit(resource, &limit)
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations.")

    func run() async throws {
        let environment = try Environment()
        let database = try await Database.open(environment.config.database, logger: environment.logger)
        let applied = try await database.withRunning { try await Migrator().migrate($0) }
        print(applied.isEmpty ? "Database is up to date." : "Applied migrations: \(applied.map(String.init).joined(separator: ", "))")
    }
}
