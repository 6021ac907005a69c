import Foundation
import SQLKit
import SwitchboardCore

/// The first start of a server on an empty database: one team and one full-access key.
public struct Bootstrap: Store {
    public let base: StoreBase
    public init(base: StoreBase) { self.base = base }

    /// Creates the first team and its key when the database has never been
    /// bootstrapped and holds no team; returns the secret, or nil. It can succeed
    /// only once per database, even with several processes starting together.
    public func runIfEmpty(teamName: String = "Default team", plan: String) async throws -> (team: Team, keyID: String, secret: String)? {
        let now = clock.now().truncatedToMillis
        return try await database.transaction { db in
            let marked = try await db.raw(
                """
                INSERT INTO server_state (name, value) VALUES ('bootstrapped', \(bind: now.iso8601))
                ON CONFLICT (name) DO NOTHING RETURNING name
                """
            ).first()
            guard marked != nil else { return nil }
            let count = try await db.raw("SELECT COUNT(*) AS n FROM teams").first()?.decode(column: "n", as: Int.self) ?? 0
            guard count == 0 else { return nil }
            let team = Team(id: Identifier.make("team_"), name: teamName, plan: plan, createdAt: now)
            try await TeamStore.insert(team, into: db)
            let (key, secret) = KeyStore.makeKey(teamID: team.id, name: "bootstrap", scopes: [.all], expiresAt: nil, now: now)
            try await KeyStore.insert(key, into: db)
            return (team, key.id, secret)
        }
    }
}
