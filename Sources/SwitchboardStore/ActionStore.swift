import Foundation
import SQLKit
import SwitchboardCore

/// Actions (tools) of an agent's integrations; `action_name` is unique within the agent.
public struct ActionStore: Sendable {
    let database: Database
    let clock: any TimeSource

    public init(database: Database, clock: any TimeSource = SystemTimeSource()) {
        self.database = database
        self.clock = clock
    }

    /// Adds a tool to a live integration, naming it uniquely within the agent
    /// (`create_order`, then `create_order_2`...). `seal` receives the new id.
    public func add(
        to integration: Integration, name: String, description: String?, category: String, requireHumanApproval: Bool,
        definition: JSONValue, inputSchema: JSONValue, seal: @Sendable (String) throws -> String?
    ) async throws -> Action {
        let now = clock.now().truncatedToMillis
        let forUpdate = database.forUpdate
        return try await database.transaction { db in
            _ = try await db.raw("SELECT id FROM agents WHERE id = \(bind: integration.agentID)\(forUpdate)").first()
            let base = ToolDefinition.snakeCase(name)
            let taken = Set(try await db.raw("""
                SELECT action_name FROM actions WHERE agent_id = \(bind: integration.agentID)
                AND action_name LIKE \(bind: ListQuery.escapeLike(base) + "%") ESCAPE '\\'
                """).all().map { try $0.decode(column: "action_name", as: String.self) })
            var actionName = base
            var suffix = 2
            while taken.contains(actionName) {
                actionName = "\(base)_\(suffix)"
                suffix += 1
            }
            let id = Identifier.make("act_")
            let action = Action(
                id: id, teamID: integration.teamID, agentID: integration.agentID, integrationID: integration.id,
                actionName: actionName, name: name, description: description, category: category, isEnabled: true,
                requireHumanApproval: requireHumanApproval, definition: definition, inputSchema: inputSchema,
                sealedAuth: try seal(id), createdAt: now, updatedAt: now)
            try await db.raw("""
                INSERT INTO actions (id, team_id, agent_id, integration_id, action_name, name, description, category,
                    is_enabled, require_human_approval, definition, input_schema, sealed_auth, created_at, updated_at)
                VALUES (\(bind: action.id), \(bind: action.teamID), \(bind: action.agentID), \(bind: action.integrationID),
                    \(bind: action.actionName), \(bind: action.name), \(bind: action.description), \(bind: action.category),
                    \(bind: action.isEnabled), \(bind: action.requireHumanApproval), \(bind: try Self.encode(definition)),
                    \(bind: try Self.encode(inputSchema)), \(bind: action.sealedAuth), \(bind: now.millis), \(bind: now.millis))
                """).run()
            return action
        }
    }

    public func list(integrationID: String) async throws -> [Action] {
        try await database.read { db in
            try await db.raw("SELECT * FROM actions WHERE integration_id = \(bind: integrationID) ORDER BY created_at, id")
                .all().map(Self.action)
        }
    }

    /// Every action of the agent's live integrations, by integration then age.
    public func list(agentID: String) async throws -> [Action] {
        try await database.read { db in
            try await db.raw("""
                SELECT a.* FROM actions a JOIN integrations i ON i.id = a.integration_id
                WHERE a.agent_id = \(bind: agentID) AND i.disconnected_at IS NULL ORDER BY a.created_at, a.id
                """).all().map(Self.action)
        }
    }

    /// Deletes a tool of the integration; false when it has none by that id.
    public func delete(id: String, integrationID: String) async throws -> Bool {
        try await database.read { db in
            try await db.raw("""
                DELETE FROM actions WHERE id = \(bind: id) AND integration_id = \(bind: integrationID) RETURNING id
                """).first() != nil
        }
    }

    static func encode(_ value: JSONValue) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    static func action(_ row: any SQLRow) throws -> Action {
        Action(
            id: try row.decode(column: "id", as: String.self),
            teamID: try row.decode(column: "team_id", as: String.self),
            agentID: try row.decode(column: "agent_id", as: String.self),
            integrationID: try row.decode(column: "integration_id", as: String.self),
            actionName: try row.decode(column: "action_name", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            description: try row.optionalString("description"),
            category: try row.decode(column: "category", as: String.self),
            isEnabled: try row.decode(column: "is_enabled", as: Bool.self),
            requireHumanApproval: try row.decode(column: "require_human_approval", as: Bool.self),
            definition: try decode(try row.decode(column: "definition", as: String.self)),
            inputSchema: try decode(try row.decode(column: "input_schema", as: String.self)),
            sealedAuth: try row.optionalString("sealed_auth"),
            createdAt: Date(millis: try row.decode(column: "created_at", as: Int64.self)),
            updatedAt: Date(millis: try row.decode(column: "updated_at", as: Int64.self)))
    }
}
