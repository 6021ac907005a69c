import Foundation
import SQLKit
import SwitchboardCore

/// API keys, stored as SHA-256 hashes of the secret.
public struct KeyStore: Store {
    public let base: StoreBase
    public init(base: StoreBase) { self.base = base }

    /// Creates a key; the secret is returned this once and never stored.
    public func create(teamID: String, name: String, scopes: Set<Scope>, expiresAt: Date?) async throws -> (key: APIKey, secret: String) {
        let (key, secret) = Self.makeKey(teamID: teamID, name: name, scopes: scopes, expiresAt: expiresAt, now: clock.now())
        try await database.write { db in try await Self.insert(key, into: db) }
        return (key, secret)
    }

    static func makeKey(teamID: String, name: String, scopes: Set<Scope>, expiresAt: Date?, now: Date) -> (APIKey, String) {
        let secret = Identifier.makeAPIKey()
        let key = APIKey(
            id: Identifier.make("key_"), teamID: teamID, name: name, hash: Identifier.hash(secret),
            scopes: scopes.isEmpty ? [.all] : scopes, expiresAt: expiresAt?.truncatedToMillis, createdAt: now.truncatedToMillis)
        return (key, secret)
    }

    static func insert(_ key: APIKey, into db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO api_keys (id, team_id, name, key_hash, scopes, expires_at, created_at)
            VALUES (\(bind: key.id), \(bind: key.teamID), \(bind: key.name), \(bind: key.hash),
                    \(bind: key.scopes.stored), \(bind: key.expiresAt?.millis), \(bind: key.createdAt.millis))
            """
        ).run()
    }

    /// The key with this hash and its team, revoked or not.
    public func find(hash: String) async throws -> (APIKey, Team)? {
        try await database.read { db in
            guard
                let row = try await db.raw(
                    """
                    SELECT k.*, t.name AS team_name, t.plan AS team_plan, t.created_at AS team_created_at
                    FROM api_keys k JOIN teams t ON t.id = k.team_id WHERE k.key_hash = \(bind: hash)
                    """
                ).first()
            else { return nil }
            let team = Team(
                id: try row.decode(column: "team_id", as: String.self),
                name: try row.decode(column: "team_name", as: String.self),
                plan: try row.decode(column: "team_plan", as: String.self),
                createdAt: Date(millis: try row.decode(column: "team_created_at", as: Int64.self)))
            return (try Self.key(row), team)
        }
    }

    public func list(teamID: String? = nil) async throws -> [APIKey] {
        try await database.read { db in
            let filter: SQLQueryString = teamID.map { "WHERE team_id = \(bind: $0)" } ?? ""
            return try await db.raw("SELECT * FROM api_keys \(filter) ORDER BY created_at, id").all().map(Self.key)
        }
    }

    /// Revokes a key; false when there is no such key or it was already revoked.
    public func revoke(id: String) async throws -> Bool {
        let now = clock.now().millis
        return try await database.write { db in
            try await db.raw(
                """
                UPDATE api_keys SET revoked_at = \(bind: now) WHERE id = \(bind: id) AND revoked_at IS NULL RETURNING id
                """
            ).first() != nil
        }
    }

    public func touch(id: String, at date: Date) async throws {
        try await database.write { db in
            try await db.raw("UPDATE api_keys SET last_used_at = \(bind: date.millis) WHERE id = \(bind: id)").run()
        }
    }

    static func key(_ row: any SQLRow) throws -> APIKey {
        func date(_ column: String) throws -> Date? {
            try row.decodeNil(column: column) ? nil : Date(millis: try row.decode(column: column, as: Int64.self))
        }
        return APIKey(
            id: try row.decode(column: "id", as: String.self),
            teamID: try row.decode(column: "team_id", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            hash: try row.decode(column: "key_hash", as: String.self),
            scopes: Set(stored: try row.decode(column: "scopes", as: String.self)),
            expiresAt: try date("expires_at"), revokedAt: try date("revoked_at"),
            lastUsedAt: try date("last_used_at"),
            createdAt: Date(millis: try row.decode(column: "created_at", as: Int64.self)))
    }
}
