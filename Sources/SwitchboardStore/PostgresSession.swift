import Logging
import NIOCore
import PostgresKit
import SQLKit
import Synchronization

/// A PostgreSQL connection seen through SQLKit. The values the stores bind and read
/// (text, integers, booleans, nulls) go straight to and from the wire format;
/// PostgresKit's own path, which goes through `Codable` for every value, is kept
/// for anything else. Statements with values run prepared (`PreparedNames`).
struct PostgresSession: SQLDatabase {
    let connection: PostgresConnection
    /// Whether the statements share one transaction (which a failed statement aborts).
    let inTransaction: Bool
    private let failed = Flag()

    init(connection: PostgresConnection, inTransaction: Bool = false) {
        self.connection = connection
        self.inTransaction = inTransaction
    }

    var logger: Logger { connection.logger }
    var eventLoop: any EventLoop { connection.eventLoop }
    var dialect: any SQLDialect { PostgresDialect() }
    var queryLogLevel: Logger.Level? { nil }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        eventLoop.makeFutureWithTask { try await self.execute(sql: query, onRow) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        let (sql, binds) = serialize(query)
        guard let (bindings, types) = try Self.bindings(binds) else {
            return try await connection.sql(queryLogLevel: nil).execute(sql: query, onRow)
        }
        do {
            // After a failure in a transaction every statement fails until the rollback; one
            // prepared then would fail its preparation, which the connection keeps as the
            // statement's state. Those run unprepared.
            if !binds.isEmpty, !failed.isSet, let name = PreparedNames.shared.name(sql: sql, types: types) {
                do {
                    return try await RuntimeStatement.$text.withValue(.init(name: name, sql: sql)) {
                        for try await row in try await connection.execute(RuntimeStatement(bindings: bindings), logger: logger) {
                            onRow(Row(row))
                        }
                    }
                } catch  where PreparedNames.isStale(error) {
                    PreparedNames.shared.renew()
                    if inTransaction { throw error }
                }
            }
            for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger) {
                onRow(Row(row))
            }
        } catch {
            failed.set()
            throw error
        }
    }

    /// The values as bindings with a letter per value's type, or nil when one is of a type this does not encode itself.
    static func bindings(_ binds: [any Encodable & Sendable]) throws -> (PostgresBindings, String)? {
        var bindings = PostgresBindings(capacity: binds.count)
        var types = ""
        for bind in binds {
            // A plain value matches its optional type too; a nil of any optional
            // type matches `String?` as nil.
            switch bind {
            case let value as String?:
                try bindings.append(value)
                types.append(value == nil ? "n" : "s")
            case let value as Int64?:
                try bindings.append(value)
                types.append("i")
            case let value as Int?:
                try bindings.append(value)
                types.append("i")
            case let value as Bool?:
                try bindings.append(value)
                types.append("b")
            default: return nil
            }
        }
        return (bindings, types)
    }

    final class Flag: Sendable {
        private let value = Atomic(false)
        var isSet: Bool { value.load(ordering: .relaxed) }
        func set() { value.store(true, ordering: .relaxed) }
    }

    struct Row: SQLRow {
        let row: PostgresRow
        let cells: PostgresRandomAccessRow

        init(_ row: PostgresRow) {
            self.row = row
            self.cells = row.makeRandomAccess()
        }

        var allColumns: [String] { row.map(\.columnName) }

        func contains(column: String) -> Bool { cells.contains(column) }

        func decodeNil(column: String) throws -> Bool { try cell(column).bytes == nil }

        func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
            let cell = try cell(column)
            if cell.bytes != nil {
                if D.self == String.self { return unsafeBitCast(try cell.decode(String.self), to: D.self) }
                if D.self == Int64.self { return unsafeBitCast(try cell.decode(Int64.self), to: D.self) }
                if D.self == Int.self { return unsafeBitCast(try cell.decode(Int.self), to: D.self) }
                if D.self == Bool.self { return unsafeBitCast(try cell.decode(Bool.self), to: D.self) }
            }
            return try row.sql().decode(column: column, as: D.self)
        }

        private func cell(_ column: String) throws -> PostgresCell {
            guard cells.contains(column) else { throw MissingColumn(name: column) }
            return cells[column]
        }
    }

    struct MissingColumn: Error, CustomStringConvertible {
        let name: String
        var description: String { "no column \(name) in the result" }
    }
}
