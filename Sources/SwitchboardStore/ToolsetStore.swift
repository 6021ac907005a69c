import Foundation
import SQLKit
import SwitchboardCore

/// An agent's toolsets; a name is unique within the agent.
public struct ToolsetStore: Store {
    public let base: StoreBase
    public init(base: StoreBase) { self.base = base }

    /// Adds a toolset, or refuses a name the agent's other toolsets have.
    public func create(_ toolset: Toolset) async throws {
        try await locked(toolset) { db in
            try await db.raw(
                """
                INSERT INTO toolsets (id, team_id, agent_id, name, description, integration_ids, action_ids, read_only, created_at,
                    updated_at)
                VALUES (\(bind: toolset.id), \(bind: toolset.teamID), \(bind: toolset.agentID), \(bind: toolset.name),
                    \(bind: toolset.description), \(bind: Self.encode(toolset.integrationIDs)), \(bind: Self.encode(toolset.actionIDs)),
                    \(bind: toolset.readOnly), \(bind: toolset.createdAt.millis), \(bind: toolset.updatedAt.millis))
                """
            ).run()
            return true
        }
    }

    /// The agent's toolsets, oldest first.
    public func list(agentID: String) async throws -> [Toolset] {
        try await database.read { db in
            try await db.raw("SELECT * FROM toolsets WHERE agent_id = \(bind: agentID) ORDER BY created_at, id").all().map(Self.toolset)
        }
    }

    public func find(id: String, agentID: String) async throws -> Toolset? {
        try await database.read { db in
            try await db.raw("SELECT * FROM toolsets WHERE id = \(bind: id) AND agent_id = \(bind: agentID)").first().map(Self.toolset)
        }
    }

    /// Stores a toolset's new settings; false when it no longer exists.
    public func update(_ toolset: Toolset) async throws -> Bool {
        try await locked(toolset) { db in
            try await db.raw(
                """
                UPDATE toolsets SET name = \(bind: toolset.name), description = \(bind: toolset.description),
                integration_ids = \(bind: Self.encode(toolset.integrationIDs)), action_ids = \(bind: Self.encode(toolset.actionIDs)),
                read_only = \(bind: toolset.readOnly), updated_at = \(bind: toolset.updatedAt.millis)
                WHERE id = \(bind: toolset.id) AND agent_id = \(bind: toolset.agentID) RETURNING id
                """
            ).first() != nil
        }
    }

    public func delete(id: String, agentID: String) async throws -> Bool {
        try await database.write { db in
            try await db.raw("DELETE FROM toolsets WHERE id = \(bind: id) AND agent_id = \(bind: agentID) RETURNING id").first() != nil
        }
    }

    /// Runs `body` holding the agent, after refusing a name another of its toolsets has.
    private func locked(_ toolset: Toolset, _ body: @escaping @Sendable (any SQLDatabase) async throws -> Bool) async throws -> Bool {
        let forUpdate = database.forUpdate
        return try await database.transaction { db in
            _ = try await db.raw("SELECT id FROM agents WHERE id = \(bind: toolset.agentID)\(forUpdate)").first()
            let clash = try await db.raw(
                """
                SELECT id FROM toolsets WHERE agent_id = \(bind: toolset.agentID) AND name = \(bind: toolset.name)
                AND id <> \(bind: toolset.id)
                """
            ).first()
            if clash != nil { throw Toolset.nameTaken(toolset.name) }
            return try await body(db)
        }
    }

    static func encode(_ ids: [String]) -> String { JSONValue.array(ids.map(JSONValue.string)).jsonText }

    static func ids(_ text: String) throws -> [String] {
        try JSONValue.parse(text: text).arrayItems.compactMap { if case .string(let id) = $0 { id } else { nil } }
    }

    static func toolset(_ row: any SQLRow) throws -> Toolset {
        Toolset(
            id: try row.decode(column: "id", as: String.self), teamID: try row.decode(column: "team_id", as: String.self),
            agentID: try row.decode(column: "agent_id", as: String.self), name: try row.decode(column: "name", as: String.self),
            description: try row.decode(column: "description", as: String.self),
            integrationIDs: try ids(try row.decode(column: "integration_ids", as: String.self)),
            actionIDs: try ids(try row.decode(column: "action_ids", as: String.self)),
            readOnly: try row.decode(column: "read_only", as: Bool.self),
            createdAt: Date(millis: try row.decode(column: "created_at", as: Int64.self)),
            updatedAt: Date(millis: try row.decode(column: "updated_at", as: Int64.self)))
    }
}
