import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO
import SQLiteSettings
import VaporCSQLite

/// A SQLite connection, used directly: a statement runs in the calling task (no
/// thread hop; SQLite answers an indexed read in microseconds) and is prepared once,
/// then kept. Not for concurrent use: `SQLiteConnections` holds a lock around every use.
final class SQLiteFile: @unchecked Sendable {
    private let handle: OpaquePointer
    private var statements: [String: Prepared] = [:]
    private static let cacheLimit = 256

    private struct Prepared {
        let statement: OpaquePointer
        let columns: Columns
        /// Whether it stays prepared for the next run: every statement but a schema change.
        let kept: Bool
    }

    init(path: String) throws {
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX
        let status = sqlite_nio_sqlite3_open_v2(path, &handle, flags, nil)
        guard status == SQLITE_OK, let handle else {
            let failure = SQLiteFailure(status: status, handle: handle)
            sqlite_nio_sqlite3_close(handle)
            throw failure
        }
        self.handle = handle
        switchboard_sqlite_stable_plans(UnsafeMutableRawPointer(handle))
    }

    func close() {
        for prepared in statements.values { sqlite_nio_sqlite3_finalize(prepared.statement) }
        statements = [:]
        sqlite_nio_sqlite3_close_v2(handle)
    }

    /// Runs one statement, handing each result row to `onRow`.
    func execute(_ sql: String, binds: [SQLiteData], onRow: (any SQLRow) -> Void) throws {
        let prepared = try prepare(sql)
        let statement = prepared.statement
        defer {
            if prepared.kept {
                sqlite_nio_sqlite3_reset(statement)
                sqlite_nio_sqlite3_clear_bindings(statement)
            } else {
                sqlite_nio_sqlite3_finalize(statement)
            }
        }
        for (offset, bind) in binds.enumerated() {
            try check(Self.bind(bind, at: Int32(offset + 1), to: statement))
        }
        var columns = prepared.columns
        while true {
            let status = sqlite_nio_sqlite3_step(statement)
            if status == SQLITE_DONE { break }
            guard status == SQLITE_ROW else { throw SQLiteFailure(status: status, handle: handle) }
            if sqlite_nio_sqlite3_column_count(statement) != columns.names.count {
                // Another connection changed the schema; SQLite prepared the statement again.
                columns = Self.columns(of: statement)
                if prepared.kept { statements[sql] = Prepared(statement: statement, columns: columns, kept: true) }
            }
            onRow(Row(columns: columns, values: (0..<Int32(columns.names.count)).map { Self.value(statement, $0) }))
        }
        // A schema change makes the kept statements' column lists stale.
        if !prepared.kept { forgetStatements() }
    }

    private func prepare(_ sql: String) throws -> Prepared {
        if let prepared = statements[sql] { return prepared }
        var statement: OpaquePointer?
        try check(sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil))
        guard let statement else { throw SQLiteFailure(status: SQLITE_MISUSE, message: "empty statement") }
        let prepared = Prepared(statement: statement, columns: Self.columns(of: statement), kept: !Self.changesSchema(sql))
        if prepared.kept {
            if statements.count >= Self.cacheLimit { forgetStatements() }
            statements[sql] = prepared
        }
        return prepared
    }

    private static func columns(of statement: OpaquePointer) -> Columns {
        Columns(
            names: (0..<sqlite_nio_sqlite3_column_count(statement)).map { String(cString: sqlite_nio_sqlite3_column_name(statement, $0)) })
    }

    private func forgetStatements() {
        for prepared in statements.values { sqlite_nio_sqlite3_finalize(prepared.statement) }
        statements = [:]
    }

    private static func changesSchema(_ sql: String) -> Bool {
        let isSpace = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t") }
        let word = sql.utf8.drop(while: isSpace).prefix { !isSpace($0) }
        return ["CREATE", "ALTER", "DROP"].contains(String(decoding: word, as: UTF8.self).uppercased())
    }

    private func check(_ status: Int32) throws {
        guard status == SQLITE_OK else { throw SQLiteFailure(status: status, handle: handle) }
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private static func bind(_ value: SQLiteData, at index: Int32, to statement: OpaquePointer) -> Int32 {
        switch value {
        case .integer(let integer): sqlite_nio_sqlite3_bind_int64(statement, index, Int64(integer))
        case .float(let double): sqlite_nio_sqlite3_bind_double(statement, index, double)
        case .text(let text): sqlite_nio_sqlite3_bind_text64(statement, index, text, UInt64(text.utf8.count), transient, UInt8(SQLITE_UTF8))
        case .null: sqlite_nio_sqlite3_bind_null(statement, index)
        case .blob(let buffer):
            buffer.withUnsafeReadableBytes {
                sqlite_nio_sqlite3_bind_blob64(statement, index, $0.baseAddress, UInt64($0.count), transient)
            }
        }
    }

    private static func value(_ statement: OpaquePointer, _ index: Int32) -> SQLiteData {
        switch sqlite_nio_sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER: return .integer(SQLiteInt64(sqlite_nio_sqlite3_column_int64(statement, index)))
        case SQLITE_FLOAT: return .float(sqlite_nio_sqlite3_column_double(statement, index))
        case SQLITE_TEXT:
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, index))
            guard let text = sqlite_nio_sqlite3_column_text(statement, index) else { return .text("") }
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, index))
            var buffer = ByteBufferAllocator().buffer(capacity: count)
            if let blob = sqlite_nio_sqlite3_column_blob(statement, index) {
                buffer.writeBytes(UnsafeRawBufferPointer(start: blob, count: count))
            }
            return .blob(buffer)
        default: return .null
        }
    }

    /// A statement's column names, shared by its rows.
    final class Columns: Sendable {
        let names: [String]
        let index: [String: Int]

        init(names: [String]) {
            self.names = names
            self.index = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    struct Row: SQLRow {
        let columns: Columns
        let values: [SQLiteData]

        var allColumns: [String] { columns.names }

        func contains(column: String) -> Bool { columns.index[column] != nil }

        func decodeNil(column: String) throws -> Bool { try value(column) == .null }

        func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
            let data = try value(column)
            // The column types the stores read, without a dynamic cast.
            switch data {
            case .text(let text) where D.self == String.self: return unsafeBitCast(text, to: D.self)
            case .integer(let integer) where D.self == Int64.self: return unsafeBitCast(Int64(integer), to: D.self)
            case .integer(let integer) where D.self == Int.self: return unsafeBitCast(Int(integer), to: D.self)
            case .integer(let integer) where D.self == Bool.self: return unsafeBitCast(integer != 0, to: D.self)
            default: break
            }
            if let convertible = D.self as? any SQLiteDataConvertible.Type, let value = convertible.init(sqliteData: data) as? D {
                return value
            }
            return try SQLiteDataDecoder().decode(D.self, from: data)
        }

        private func value(_ column: String) throws -> SQLiteData {
            guard let index = columns.index[column] else { throw SQLiteFailure(status: SQLITE_RANGE, message: "no column \(column)") }
            return values[index]
        }
    }
}

/// A statement of the SQLite file that failed, with SQLite's own message (never the bound values).
struct SQLiteFailure: Error, CustomStringConvertible {
    let status: Int32
    let message: String

    init(status: Int32, message: String) {
        self.status = status
        self.message = message
    }

    init(status: Int32, handle: OpaquePointer?) {
        self.status = status
        self.message = handle.flatMap { sqlite_nio_sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "status \(status)"
    }

    var description: String { "SQLite error \(status): \(message)" }
}

/// The SQLite file seen through SQLKit: the stores' queries run on it unchanged.
struct SQLiteSession: SQLDatabase {
    let file: SQLiteFile
    let logger: Logger
    var eventLoop: any EventLoop { MultiThreadedEventLoopGroup.singleton.any() }
    var dialect: any SQLDialect { SQLiteDialect() }
    var queryLogLevel: Logger.Level? { nil }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        do {
            try run(query, onRow)
            return eventLoop.makeSucceededVoidFuture()
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try run(query, onRow)
    }

    private func run(_ query: any SQLExpression, _ onRow: (any SQLRow) -> Void) throws {
        let (sql, binds) = serialize(query)
        let encoder = SQLiteDataEncoder()
        try file.execute(sql, binds: try binds.map { try encoder.encode($0) }, onRow: onRow)
    }
}
