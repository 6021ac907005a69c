import SQLKit
import SwitchboardCore
import SwitchboardStore
import TestSupport
import Testing

@Suite("Reads on their own connections")
struct DatabaseTests {
    /// A read neither waits for an open transaction nor sees what it has not committed.
    @Test(arguments: TestDatabases.kinds)
    func readsGoOnWhileATransactionIsOpen(kind: Database.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let teams = TeamStore(database: database)
            let team = try await teams.create(name: "before", plan: "free")
            let (opened, open) = AsyncStream<Void>.makeStream()
            let (released, release) = AsyncStream<Void>.makeStream()
            let transaction = Task {
                try await database.transaction { db in
                    try await db.raw("UPDATE teams SET name = 'during' WHERE id = \(bind: team.id)").run()
                    open.yield()
                    for await _ in released { break }
                }
            }
            for await _ in opened { break }
            let read = Task { try await teams.find(id: team.id)?.name }
            let answeredFirst = await withTaskGroup(of: Bool.self) { race in
                race.addTask {
                    _ = await read.result
                    return true
                }
                // Only a guard against waiting forever: were reads queued behind the
                // writer, the read would answer only once the transaction ends.
                race.addTask {
                    try? await Task.sleep(for: .seconds(10))
                    return false
                }
                let first = await race.next() ?? false
                release.yield()
                race.cancelAll()
                return first
            }
            #expect(answeredFirst, "the read waited for the open transaction")
            #expect(try await read.value == "before")
            try await transaction.value
            #expect(try await teams.find(id: team.id)?.name == "during")
        }
    }

    /// Changes made at once (committed together on SQLite) each stand or fall alone:
    /// one that fails leaves nothing behind and takes nothing of the others with it,
    /// and each caller gets its own answer once its change is committed.
    @Test(arguments: TestDatabases.kinds)
    func changesMadeAtOnceStandOrFallAlone(kind: Database.Kind) async throws {
        struct Refused: Error {}
        try await TestDatabases.with(kind) { database in
            let teams = TeamStore(database: database)
            let team = try await teams.create(name: "t", plan: "free")
            let outcomes = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
                for index in 0..<60 {
                    group.addTask {
                        do {
                            let answer = try await database.transaction { db in
                                try await db.raw("UPDATE teams SET name = name || \(bind: "+\(index)") WHERE id = \(bind: team.id)").run()
                                if index % 7 == 3 { throw Refused() }
                                return index
                            }
                            return (answer, true)
                        } catch is Refused {
                            return (index, false)
                        }
                    }
                }
                return try await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
            }
            #expect(outcomes.count == 60 && outcomes.filter { !$0.value }.keys.sorted() == Array(stride(from: 3, to: 60, by: 7)))
            let name = try #require(try await teams.find(id: team.id)?.name)
            let kept = Set(name.split(separator: "+").dropFirst().map { Int($0)! })
            #expect(kept == Set(outcomes.filter(\.value).keys))
        }
    }

    /// A statement kept from before a schema change reads the columns as they are now.
    @Test(arguments: TestDatabases.kinds)
    func readsFollowASchemaChange(kind: Database.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            _ = try await TeamStore(database: database).create(name: "t", plan: "free")
            let before = try await database.read { try await $0.raw("SELECT * FROM teams").first()?.allColumns }
            #expect(before?.contains("motto") == false)
            try await database.transaction { try await $0.raw("ALTER TABLE teams ADD COLUMN motto TEXT DEFAULT 'onward'").run() }
            for _ in 0..<3 {
                let row = try await database.read { try await $0.raw("SELECT * FROM teams").first() }
                #expect(try row?.decode(column: "motto", as: String.self) == "onward")
            }
        }
    }
}
