import Foundation
import SQLKit
import SwitchboardCore
import SwitchboardStore
import TestSupport
import Testing

@Suite("Migrations, teams and keys")
struct MigrationAndKeyStoreTests {
    @Test(arguments: TestDatabases.kinds)
    func migrationsApplyOnceEvenWhenRunTogether(kind: Database.Kind) async throws {
        try await TestDatabases.with(kind, migrate: false) { database in
            async let first = Migrator().migrate(database)
            async let second = Migrator().migrate(database)
            let applied = try await [first, second]
            #expect(applied.flatMap { $0 }.sorted() == Migrator.all.map(\.version))
            #expect(try await Migrator().migrate(database).isEmpty)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func keysAreStoredAsHashesAndFoundByThem(kind: Database.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let team = try await TeamStore(database: database).create(name: "Acme", plan: "pro")
            let (key, secret) = try await KeyStore(database: database).create(
                teamID: team.id, name: "ci", scopes: [.agentsRead], expiresAt: nil)
            #expect(secret.hasPrefix("sk_"))
            let stored = try await database.read { try await $0.raw("SELECT * FROM api_keys").all() }
            #expect(stored.count == 1)
            #expect(try stored[0].decode(column: "key_hash", as: String.self) == Identifier.hash(secret))
            let everything = try stored[0].allColumns.map { try stored[0].decode(column: $0, as: String?.self) ?? "" }
            #expect(!everything.contains(where: { $0.contains(secret) }))

            let found = try #require(try await KeyStore(database: database).find(hash: Identifier.hash(secret)))
            #expect(found.0 == key && found.1 == team)
            #expect(found.0.scopes == [.agentsRead])
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func aKeyWithoutScopesGetsEverythingAndRevokingWorksOnce(kind: Database.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let keys = KeyStore(database: database)
            let team = try await TeamStore(database: database).create(name: "Acme", plan: "free")
            let (key, _) = try await keys.create(teamID: team.id, name: "all", scopes: [], expiresAt: nil)
            #expect(key.scopes == [.all])
            #expect(try await keys.revoke(id: key.id))
            #expect(try await !keys.revoke(id: key.id))
            #expect(try await keys.list(teamID: team.id).first?.revokedAt != nil)
            #expect(try await !keys.revoke(id: "key_missing"))
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func teamsChangePlanAndUnknownTeamsSaySo(kind: Database.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let teams = TeamStore(database: database)
            let team = try await teams.create(name: "Acme", plan: "free")
            #expect(try await teams.setPlan(teamID: team.id, plan: "pro"))
            #expect(try await teams.find(id: team.id)?.plan == "pro")
            #expect(try await !teams.setPlan(teamID: "team_missing", plan: "pro"))
            #expect(try await teams.list().map(\.id) == [team.id])
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func bootstrapHappensOnceEvenWhenStartedTogether(kind: Database.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let results = try await withThrowingTaskGroup(of: String?.self) { group in
                for _ in 0..<4 { group.addTask { try await Bootstrap(database: database).runIfEmpty(plan: "enterprise")?.secret } }
                return try await group.reduce(into: [String?]()) { $0.append($1) }
            }
            let secrets = results.compactMap { $0 }
            #expect(secrets.count == 1)
            #expect(try await Bootstrap(database: database).runIfEmpty(plan: "enterprise") == nil)
            let found = try #require(try await KeyStore(database: database).find(hash: Identifier.hash(secrets[0])))
            #expect(found.0.scopes == [.all])
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func bootstrapDoesNothingWhenTeamsAlreadyExist(kind: Database.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            _ = try await TeamStore(database: database).create(name: "Made by the CLI", plan: "free")
            #expect(try await Bootstrap(database: database).runIfEmpty(plan: "enterprise") == nil)
            #expect(try await TeamStore(database: database).list().count == 1)
        }
    }
}
