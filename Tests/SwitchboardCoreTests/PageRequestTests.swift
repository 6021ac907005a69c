import Testing

@testable import SwitchboardCore

@Suite("Pagination, search and sort")
struct PageRequestTests {
    let sortable = ["created_at", "name"]

    @Test func defaultsAreFirstPageOfTwentyNewestFirst() throws {
        let page = try PageRequest(query: [:], sortable: sortable)
        #expect(page == PageRequest(page: 1, limit: 20, search: nil, sortField: "created_at", descending: true))
    }

    @Test(arguments: [
        (["page": "0"], "page: must be an integer of at least 1"),
        (["page": "x"], "page: must be an integer of at least 1"),
        (["limit": "0"], "limit: must be an integer between 1 and 100"),
        (["limit": "101"], "limit: must be an integer between 1 and 100"),
        (["search": String(repeating: "a", count: 256)], "search: must be at most 255 characters"),
        (["sort": "-secret"], "sort: must be one of created_at, -created_at, name, -name"),
    ])
    func badValuesAreValidationErrors(query: [String: String], problem: String) {
        #expect(throws: ConsoleError.validation([problem])) { try PageRequest(query: query, sortable: sortable) }
    }

    @Test func allBadValuesAreReportedTogether() {
        #expect(
            throws: ConsoleError.validation([
                "page: must be an integer of at least 1", "limit: must be an integer between 1 and 100",
            ])
        ) { try PageRequest(query: ["page": "-1", "limit": "1000"], sortable: sortable) }
    }

    @Test func ascendingSortAndSearchAreRead() throws {
        let page = try PageRequest(query: ["sort": "name", "search": "Bot", "page": "3", "limit": "100"], sortable: sortable)
        #expect(page.sortField == "name" && !page.descending && page.search == "Bot" && page.offset == 200)
    }

    @Test(arguments: [
        (0, 1, 20, 0, false, false),
        (20, 1, 20, 1, false, false),
        (21, 1, 20, 2, true, false),
        (21, 2, 20, 2, false, true),
        (5, 9, 2, 3, false, true),
    ])
    func metaIsTrueOnTheBoundaries(total: Int, page: Int, limit: Int, pages: Int, next: Bool, previous: Bool) {
        let meta = PageMeta(total: total, request: PageRequest(page: page, limit: limit))
        #expect(meta.pageCount == pages && meta.hasNextPage == next && meta.hasPreviousPage == previous)
        #expect(meta.totalCount == total && meta.currentPage == page && meta.limit == limit)
    }
}
