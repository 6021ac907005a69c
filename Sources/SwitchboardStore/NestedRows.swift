import SQLKit
import SwitchboardCore

/// Rows a read needs beside its main row. On PostgreSQL they travel as a JSON array
/// in one column of the main statement (`json_agg`), so the read is one statement
/// and one round trip; each nested row then decodes like a row of its table. On
/// SQLite a statement is a function call, not a round trip, and the rows are read by
/// a statement of their own, which costs less there than building and parsing JSON.
struct NestedRows {
    /// The columns each row carries, as the two statements name them (made once).
    struct Columns: Sendable {
        let jsonFields: String
        let selectList: String

        init(_ names: [String]) {
            jsonFields = names.map { "'\($0)', t.\($0)" }.joined(separator: ", ")
            selectList = names.map { "t.\($0)" }.joined(separator: ", ")
        }
    }

    let columns: Columns
    /// `FROM … WHERE …`; the table whose columns are carried is `t`.
    let source: SQLQueryString
    /// `ORDER BY` of the rows, over `t`.
    let order: String

    /// The subquery for the main statement's column list (PostgreSQL).
    var expression: SQLQueryString {
        "(SELECT COALESCE(json_agg(json_build_object(\(unsafeRaw: columns.jsonFields)) ORDER BY \(unsafeRaw: order)), '[]')::text \(source))"
    }

    /// The rows by a statement of their own.
    func read(on db: any SQLDatabase) async throws -> [any SQLRow] {
        try await db.raw("SELECT \(unsafeRaw: columns.selectList) \(source) ORDER BY \(unsafeRaw: order)").all()
    }

    /// The nested rows in `column` of an outer row.
    static func rows(_ row: any SQLRow, column: String) throws -> [Row] {
        guard case .array(let items) = try JSONValue.parse(text: try row.decode(column: column, as: String.self)) else {
            throw Row.Unreadable(column: column)
        }
        return try items.map { item in
            guard case .object(let fields) = item else { throw Row.Unreadable(column: column) }
            return Row(fields: fields)
        }
    }

    /// One nested row.
    struct Row: SQLRow {
        let fields: [String: JSONValue]

        var allColumns: [String] { Array(fields.keys) }
        func contains(column: String) -> Bool { fields[column] != nil }

        func decodeNil(column: String) throws -> Bool {
            guard let value = fields[column] else { throw Unreadable(column: column) }
            return value == .null
        }

        func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
            switch fields[column] {
            case .string(let text) where D.self == String.self:
                return unsafeBitCast(text, to: D.self)
            case .number(let number) where D.self == Int64.self:
                guard let value = Int64(number.text) else { break }
                return unsafeBitCast(value, to: D.self)
            case .number(let number) where D.self == Int.self:
                guard let value = Int(number.text) else { break }
                return unsafeBitCast(value, to: D.self)
            case .bool(let value) where D.self == Bool.self:
                return unsafeBitCast(value, to: D.self)
            default: break
            }
            throw Unreadable(column: column)
        }

        struct Unreadable: Error, CustomStringConvertible {
            let column: String
            var description: String { "nested column \(column) is missing or of another type" }
        }
    }
}
