import Foundation

/// Where the data lives: a SQLite file (the embedded default) or a PostgreSQL server.
public enum DatabaseURL: Sendable, Equatable {
    case sqlite(path: String)
    case postgres(host: String, port: Int, username: String, password: String?, database: String, tls: TLSMode)

    public enum TLSMode: String, Sendable { case disable, prefer, require }

    /// The default: `switchboard.sqlite` in the working directory.
    public static let defaultURL = DatabaseURL.sqlite(path: "switchboard.sqlite")

    /// Parses `sqlite:///abs/path`, `sqlite://relative/path`, `sqlite:path` or
    /// `postgres://user:pass@host:port/db?sslmode=disable|prefer|require`.
    /// Errors never repeat the URL, which may hold a password.
    public init(parsing text: String) throws(DatabaseURLError) {
        if text.hasPrefix("sqlite:") {
            var path = String(text.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else { throw DatabaseURLError("a sqlite URL needs a file path") }
            self = .sqlite(path: path)
            return
        }
        guard let parts = URLComponents(string: text), let scheme = parts.scheme,
            scheme == "postgres" || scheme == "postgresql"
        else { throw DatabaseURLError("must start with sqlite: or postgres://") }
        guard let host = parts.host, !host.isEmpty else { throw DatabaseURLError("a postgres URL needs a host") }
        guard let user = parts.user, !user.isEmpty else { throw DatabaseURLError("a postgres URL needs a user name") }
        let database = String(parts.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else { throw DatabaseURLError("a postgres URL needs a database name") }
        var tls = TLSMode.prefer
        if let mode = parts.queryItems?.first(where: { $0.name == "sslmode" })?.value {
            guard let parsed = TLSMode(rawValue: mode) else { throw DatabaseURLError("sslmode must be disable, prefer or require") }
            tls = parsed
        }
        self = .postgres(
            host: host, port: parts.port ?? 5432, username: user.removingPercentEncoding ?? user,
            password: parts.password.map { $0.removingPercentEncoding ?? $0 }, database: database, tls: tls)
    }
}

/// Why a database URL was refused; it never contains the URL itself.
public struct DatabaseURLError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
