import Foundation
import SQLKit
import SwitchboardCore

/// Teams: the tenants.
public struct TeamStore: Store {
    public let base: StoreBase
    public init(base: StoreBase) { self.base = base }

    public func create(name: String, plan: String) async throws -> Team {
        let team = Team(id: Identifier.make("team_"), name: name, plan: plan, createdAt: clock.now().truncatedToMillis)
        try await database.write { db in try await Self.insert(team, into: db) }
        return team
    }

    static func insert(_ team: Team, into db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO teams (id, name, plan, created_at)
            VALUES (\(bind: team.id), \(bind: team.name), \(bind: team.plan), \(bind: team.createdAt.millis))
            """
        ).run()
    }

    public func find(id: String) async throws -> Team? {
        try await database.read { db in
            try await db.raw("SELECT * FROM teams WHERE id = \(bind: id)").first().map(Self.team)
        }
    }

    public func list() async throws -> [Team] {
        try await database.read { db in
            try await db.raw("SELECT * FROM teams ORDER BY created_at, id").all().map(Self.team)
        }
    }

    /// Returns false when there is no such team.
    public func setPlan(teamID: String, plan: String) async throws -> Bool {
        try await database.write { db in
            try await db.raw("UPDATE teams SET plan = \(bind: plan) WHERE id = \(bind: teamID) RETURNING id").first() != nil
        }
    }

    static func team(_ row: any SQLRow) throws -> Team {
        Team(
            id: try row.decode(column: "id", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            plan: try row.decode(column: "plan", as: String.self),
            createdAt: Date(millis: try row.decode(column: "created_at", as: Int64.self)))
    }
}
