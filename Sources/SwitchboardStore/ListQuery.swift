import Foundation
import SQLKit
import SwitchboardCore

/// One page of a table: a filter, the contract's search (a case-insensitive
/// substring of name and description) and sort, and the total for `meta`.
struct ListQuery {
    let table: String
    /// Extra condition, e.g. the team's rows only.
    let filter: SQLQueryString
    /// Sortable contract fields mapped to their columns.
    let sortColumns: [String: String]
    /// Whether `search` looks at `name` and `description` (tables without them ignore it).
    var searchable = true

    func page<T: Sendable>(_ request: PageRequest, on db: any SQLDatabase, decode: (any SQLRow) throws -> T) async throws -> Page<T> {
        var condition = filter
        if searchable, let search = request.search {
            let pattern = "%" + Self.escapeLike(search.lowercased()) + "%"
            condition =
                "(\(filter)) AND (LOWER(name) LIKE \(bind: pattern) ESCAPE '\\' OR LOWER(COALESCE(description, '')) LIKE \(bind: pattern) ESCAPE '\\')"
        }
        let total =
            try await db.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE \(condition)").first()?
            .decode(column: "n", as: Int.self) ?? 0
        let column = sortColumns[request.sortField] ?? "created_at"
        let direction = request.descending ? "DESC" : "ASC"
        let rows = try await db.raw(
            """
            SELECT * FROM \(unsafeRaw: table) WHERE \(condition)
            ORDER BY \(unsafeRaw: column) \(unsafeRaw: direction), id \(unsafeRaw: direction)
            LIMIT \(bind: request.limit) OFFSET \(bind: request.offset)
            """
        ).all()
        return Page(items: try rows.map(decode), total: total, request: request)
    }

    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(
            of: "_", with: "\\_")
    }
}

extension SQLRow {
    /// A nullable text column.
    func optionalString(_ column: String) throws -> String? {
        try decodeNil(column: column) ? nil : try decode(column: column, as: String.self)
    }
}
