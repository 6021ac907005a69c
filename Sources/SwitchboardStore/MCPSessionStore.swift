import Foundation
import SQLKit
import SwitchboardCore

/// Sessions of the agent MCP gateway's session era (2025-03-26 … 2025-11-25). They
/// are rows, so any process can serve any request of a session; a session belongs
/// to the agent and the API key that started it. A key has at most a set number of
/// live sessions; a session unused for `idleLifetime` is gone, and `purgeExpired`
/// deletes its row.
public struct MCPSessionStore: Store {
    public struct Session: Sendable, Equatable {
        public let id: String
        public let agentID: String
        public let keyID: String
        public let protocolVersion: String
    }

    /// A session unused this long is forgotten.
    public var idleLifetime: TimeInterval = 24 * 3600
    /// Use is written down at most this often, so a busy session costs no write per call.
    static let touchInterval: TimeInterval = 60

    public let base: StoreBase
    public init(base: StoreBase) { self.base = base }

    /// A new session, or nil when the key already has `limit` live ones. The key's row
    /// is locked meanwhile, so concurrent starts never overshoot the limit.
    public func start(agent: Agent, keyID: String, protocolVersion: String, limit: Int) async throws -> Session? {
        let session = Session(
            id: Identifier.make("mcps_", length: 32), agentID: agent.id, keyID: keyID, protocolVersion: protocolVersion)
        let now = clock.now()
        let oldest = now.addingTimeInterval(-idleLifetime).millis
        let forUpdate = database.forUpdate
        return try await database.transaction { db in
            _ = try await db.raw("SELECT id FROM api_keys WHERE id = \(bind: keyID)\(forUpdate)").first()
            let live =
                try await db.raw(
                    "SELECT COUNT(*) AS n FROM mcp_sessions WHERE key_id = \(bind: keyID) AND last_used_at >= \(bind: oldest)"
                ).first()?.decode(column: "n", as: Int.self) ?? 0
            guard live < limit else { return nil }
            try await db.raw(
                """
                INSERT INTO mcp_sessions (id, team_id, agent_id, key_id, protocol_version, created_at, last_used_at)
                VALUES (\(bind: session.id), \(bind: agent.teamID), \(bind: agent.id), \(bind: keyID),
                    \(bind: protocolVersion), \(bind: now.millis), \(bind: now.millis))
                """
            ).run()
            return session
        }
    }

    /// The live session `id` of the agent, started by the same key; nil when there is none.
    public func find(id: String, agentID: String, keyID: String) async throws -> Session? {
        let now = clock.now()
        let oldest = now.addingTimeInterval(-idleLifetime).millis
        let row = try await database.read { db in
            try await db.raw(
                """
                SELECT * FROM mcp_sessions WHERE id = \(bind: id) AND agent_id = \(bind: agentID) AND key_id = \(bind: keyID)
                AND last_used_at >= \(bind: oldest)
                """
            ).first()
        }
        guard let row else { return nil }
        if try row.decode(column: "last_used_at", as: Int64.self) < now.addingTimeInterval(-Self.touchInterval).millis {
            try await database.write { db in
                try await db.raw("UPDATE mcp_sessions SET last_used_at = \(bind: now.millis) WHERE id = \(bind: id)").run()
            }
        }
        return Session(
            id: try row.decode(column: "id", as: String.self), agentID: try row.decode(column: "agent_id", as: String.self),
            keyID: try row.decode(column: "key_id", as: String.self),
            protocolVersion: try row.decode(column: "protocol_version", as: String.self))
    }

    /// Ends a session; false when there was none.
    public func end(id: String, agentID: String, keyID: String) async throws -> Bool {
        try await database.write { db in
            try await db.raw(
                "DELETE FROM mcp_sessions WHERE id = \(bind: id) AND agent_id = \(bind: agentID) AND key_id = \(bind: keyID) RETURNING id"
            ).first() != nil
        }
    }

    /// Deletes the sessions unused for `idleLifetime`; answers how many.
    @discardableResult
    public func purgeExpired() async throws -> Int {
        let oldest = clock.now().addingTimeInterval(-idleLifetime).millis
        return try await database.write { db in
            try await db.raw("DELETE FROM mcp_sessions WHERE last_used_at < \(bind: oldest) RETURNING id").all().count
        }
    }
}
