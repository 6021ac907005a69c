/// A validated `page` / `limit` / `search` / `sort` request for a paginated list.
public struct PageRequest: Sendable, Equatable {
    public var page: Int
    public var limit: Int
    public var search: String?
    /// The field to sort by, one of the list's sortable fields.
    public var sortField: String
    public var descending: Bool

    public var offset: Int { (page - 1) * limit }

    public init(page: Int = 1, limit: Int = 20, search: String? = nil, sortField: String = "created_at", descending: Bool = true) {
        self.page = page
        self.limit = limit
        self.search = search
        self.sortField = sortField
        self.descending = descending
    }

    /// Reads the query parameters; every bad value is reported together.
    public init(query: [String: String], sortable: [String], defaultSort: String = "-created_at") throws(ConsoleError) {
        var problems: [String] = []
        func number(_ key: String, _ fallback: Int, _ range: ClosedRange<Int>) -> Int {
            guard let raw = query[key] else { return fallback }
            guard let value = Int(raw), range.contains(value) else {
                problems.append(
                    range.upperBound == Int.max
                        ? "\(key): must be an integer of at least \(range.lowerBound)"
                        : "\(key): must be an integer between \(range.lowerBound) and \(range.upperBound)")
                return fallback
            }
            return value
        }
        page = number("page", 1, 1...Int.max)
        limit = number("limit", 20, 1...100)
        if page > 1_000_000_000 {
            problems.append("page: must be at most 1000000000")
            page = 1
        }
        search = nil
        if let raw = query["search"] {
            if raw.count > 255 { problems.append("search: must be at most 255 characters") } else if !raw.isEmpty { search = raw }
        }
        var sort = query["sort"] ?? defaultSort
        if sort.count > 64 || !sortable.contains(sort.hasPrefix("-") ? String(sort.dropFirst()) : sort) {
            problems.append("sort: must be one of \(sortable.flatMap { [$0, "-" + $0] }.joined(separator: ", "))")
            sort = defaultSort
        }
        descending = sort.hasPrefix("-")
        sortField = descending ? String(sort.dropFirst()) : sort
        if !problems.isEmpty { throw .validation(problems) }
    }
}

/// The `meta` block of a paginated answer.
public struct PageMeta: Sendable, Equatable {
    public let totalCount: Int
    public let pageCount: Int
    public let currentPage: Int
    public let limit: Int
    public let hasNextPage: Bool
    public let hasPreviousPage: Bool

    public init(total: Int, request: PageRequest) {
        totalCount = total
        limit = request.limit
        pageCount = (total + request.limit - 1) / request.limit
        currentPage = request.page
        hasNextPage = request.page < pageCount
        hasPreviousPage = request.page > 1
    }

}

/// One page of a list and its total.
public struct Page<Item: Sendable>: Sendable {
    public let items: [Item]
    public let meta: PageMeta

    public init(items: [Item], total: Int, request: PageRequest) {
        self.items = items
        self.meta = PageMeta(total: total, request: request)
    }
}
