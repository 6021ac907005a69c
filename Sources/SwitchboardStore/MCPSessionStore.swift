import Foundation
import SQLKit
import SwitchboardCore

/// Sessions of the agent MCP gateway's session era (2025-03-26 … 2025-11-25). They
/// are rows, so any process can serve any request of a session; a session belongs
/// to the agent and the API key that started it.
public struct MCPSessionStore: Store {
    public struct Session: Sendable, Equatable {
        public let id: String
        public let agentID: String
        public let keyID: String
        public let protocolVersion: String
    }

    /// A session unused this long is forgotten.
    public static let idleLifetime: TimeInterval = 24 * 3600

    public let base: StoreBase
    public init(base: StoreBase) { self.base = base }

    public func start(agent: Agent, keyID: String, protocolVersion: String) async throws -> Session {
        let session = Session(
            id: Identifier.make("mcps_", length: 32), agentID: agent.id, keyID: keyID, protocolVersion: protocolVersion)
        let now = clock.now().millis
        try await database.write { db in
            try await db.raw(
                """
                INSERT INTO mcp_sessions (id, team_id, agent_id, key_id, protocol_version, created_at, last_used_at)
                VALUES (\(bind: session.id), \(bind: agent.teamID), \(bind: agent.id), \(bind: keyID),
                    \(bind: protocolVersion), \(bind: now), \(bind: now))
                """
            ).run()
        }
        return session
    }

    /// The live session `id` of the agent, started by the same key; nil when there is none.
    public func find(id: String, agentID: String, keyID: String) async throws -> Session? {
        let oldest = clock.now().addingTimeInterval(-Self.idleLifetime).millis
        let row = try await database.read { db in
            try await db.raw(
                """
                SELECT * FROM mcp_sessions WHERE id = \(bind: id) AND agent_id = \(bind: agentID) AND key_id = \(bind: keyID)
                AND last_used_at >= \(bind: oldest)
                """
            ).first()
        }
        guard let row else { return nil }
        return Session(
            id: try row.decode(column: "id", as: String.self), agentID: try row.decode(column: "agent_id", as: String.self),
            keyID: try row.decode(column: "key_id", as: String.self),
            protocolVersion: try row.decode(column: "protocol_version", as: String.self))
    }

    /// Ends a session; false when there was none.
    public func end(id: String, agentID: String, keyID: String) async throws -> Bool {
        try await database.write { db in
            let found =
                try await db.raw(
                    "SELECT id FROM mcp_sessions WHERE id = \(bind: id) AND agent_id = \(bind: agentID) AND key_id = \(bind: keyID)"
                ).first() != nil
            try await db.raw("DELETE FROM mcp_sessions WHERE id = \(bind: id) AND agent_id = \(bind: agentID) AND key_id = \(bind: keyID)")
                .run()
            return found
        }
    }
}
