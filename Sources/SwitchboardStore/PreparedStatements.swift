import PostgresNIO
import Synchronization

/// Names for the statements PostgreSQL keeps prepared on each connection, so that
/// it parses and plans a statement once per connection rather than on every run.
/// A name stands for a statement's text and the types of its values (a null, or a
/// value of another type, needs a statement of its own). At most `limit` names are
/// handed out; statements beyond them run unprepared.
final class PreparedNames: Sendable {
    static let shared = PreparedNames()
    static let limit = 2000

    private struct Names {
        var byStatement: [String: String] = [:]
        var generation = 0
    }
    private let names = Mutex(Names())

    func name(sql: String, types: String) -> String? {
        let key = types + ":" + sql
        return names.withLock { names in
            if let name = names.byStatement[key] { return name }
            guard names.byStatement.count < Self.limit else { return nil }
            let name = "sb\(names.generation)_\(names.byStatement.count)"
            names.byStatement[key] = name
            return name
        }
    }

    /// Forgets every name, so that each statement is prepared afresh under a new
    /// one: for when the tables changed under statements already prepared.
    func renew() {
        names.withLock { names in
            names.byStatement.removeAll()
            names.generation += 1
        }
    }

    /// Whether `error` says a prepared statement no longer fits its tables
    /// ("cached plan must not change result type", after another process migrated).
    static func isStale(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError, error.code == .server, error.serverInfo?[.sqlState] == "0A000" else { return false }
        return error.serverInfo?[.message]?.contains("cached plan") == true
    }
}

/// A prepared statement whose name and text are chosen at run time. PostgresNIO
/// reads them from the statement's type during the call that runs it; the
/// task-local `text` gives them for the length of that call.
struct RuntimeStatement: PostgresPreparedStatement {
    struct Text: Sendable {
        let name: String
        let sql: String
    }
    @TaskLocal static var text = Text(name: "", sql: "")
    static var name: String { text.name }
    static var sql: String { text.sql }

    typealias Row = PostgresRow
    let bindings: PostgresBindings

    func makeBindings() -> PostgresBindings { bindings }
    func decodeRow(_ row: PostgresRow) -> PostgresRow { row }
}
