import Foundation
import SQLKit
import SwitchboardCore

/// Actions (tools) of an agent's integrations; `action_name` is unique within the agent.
public struct ActionStore: Store {
    public let base: StoreBase
    public init(base: StoreBase) { self.base = base }

    /// Adds a tool to a live integration, naming it uniquely within the agent
    /// (`create_order`, then `create_order_2`...). `seal` receives the new id.
    public func add(
        to integration: Integration, name: String, description: String?, category: String, requireHumanApproval: Bool,
        definition: ActionDefinition, inputSchema: JSONValue, seal: @escaping @Sendable (String) throws -> String?
    ) async throws -> Action {
        let now = clock.now().truncatedToMillis
        let forUpdate = database.forUpdate
        return try await database.transaction { db in
            _ = try await db.raw("SELECT id FROM agents WHERE id = \(bind: integration.agentID)\(forUpdate)").first()
            let actionName = try await Self.freeName(ToolDefinition.snakeCase(name), agentID: integration.agentID, on: db)
            let id = Identifier.make("act_")
            let action = Action(
                id: id, teamID: integration.teamID, agentID: integration.agentID, integrationID: integration.id,
                actionName: actionName, name: name, description: description, category: category, isEnabled: true,
                requireHumanApproval: requireHumanApproval, definition: definition, inputSchema: inputSchema,
                sealedAuth: try seal(id), createdAt: now, updatedAt: now)
            try await Self.insert(action, on: db)
            return action
        }
    }

    /// `base`, or `base_2`, `base_3`... whichever no action of the agent has.
    static func freeName(_ base: String, agentID: String, on db: any SQLDatabase) async throws -> String {
        let taken = Set(
            try await db.raw(
                """
                SELECT action_name FROM actions WHERE agent_id = \(bind: agentID)
                AND action_name LIKE \(bind: ListQuery.escapeLike(base) + "%") ESCAPE '\\'
                """
            ).all().map { try $0.decode(column: "action_name", as: String.self) })
        var name = base
        var suffix = 2
        while taken.contains(name) {
            name = "\(base)_\(suffix)"
            suffix += 1
        }
        return name
    }

    /// The action name for a new tool of `integration`: the tool's name in snake case,
    /// or, when another action of the agent has that, `<slug>__<name>`, then `_2`, `_3`...
    static func newName(_ name: String, slug: String, of integration: Integration, on db: any SQLDatabase) async throws -> String {
        let base = ToolDefinition.snakeCase(name)
        let clash = try await db.raw(
            "SELECT id FROM actions WHERE agent_id = \(bind: integration.agentID) AND action_name = \(bind: base)"
        ).first()
        return try await freeName(clash == nil ? base : "\(slug)__\(base)", agentID: integration.agentID, on: db)
    }

    /// An audit event of a change no request asked for by name (a tool a sync changed or removed).
    static func audit(_ name: String, _ action: Action, at now: Date, on db: any SQLDatabase) async throws {
        try await AuditStore.insert(
            AuditStore.Event(
                teamID: action.teamID, keyID: nil, action: name, method: nil, route: nil, agentID: action.agentID,
                targetID: action.id, outcome: "succeeded", status: nil, requestID: nil, createdAt: now), on: db)
    }

    static func insert(_ action: Action, vanished: Bool = false, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO actions (id, team_id, agent_id, integration_id, action_name, name, description, category,
                is_enabled, require_human_approval, definition, input_schema, sealed_auth, source, vanished, created_at, updated_at)
            VALUES (\(bind: action.id), \(bind: action.teamID), \(bind: action.agentID), \(bind: action.integrationID),
                \(bind: action.actionName), \(bind: action.name), \(bind: action.description), \(bind: action.category),
                \(bind: action.isEnabled), \(bind: action.requireHumanApproval), \(bind: try encode(action.definition.json)),
                \(bind: try encode(action.inputSchema)), \(bind: action.sealedAuth), \(bind: action.source?.jsonText), \(bind: vanished),
                \(bind: action.createdAt.millis), \(bind: action.updatedAt.millis))
            """
        ).run()
    }

    /// Brings a connected first-party integration's actions up to its catalog, by
    /// definition name: missing ones are created (enabled), changed ones updated
    /// (staying enabled or disabled as they were), ones the catalog no longer has
    /// deleted. Runs inside the caller's transaction, which holds the agent's lock.
    static func install(_ catalog: [ToolDefinition], for integration: Integration, now: Date, on db: any SQLDatabase) async throws {
        var existing: [String: Action] = [:]
        for row in try await db.raw("SELECT * FROM actions WHERE integration_id = \(bind: integration.id)").all() {
            let action = try Self.action(row)
            if let name = action.definition.tool?.name { existing[name] = action }
        }
        for (index, definition) in catalog.enumerated() {
            if let action = existing.removeValue(forKey: definition.name) {
                guard
                    action.definition != .http(definition) || action.inputSchema != definition.inputSchema
                        || action.description != definition.description || action.category != definition.category
                        || action.requireHumanApproval != definition.requireHumanApproval
                else { continue }
                try await db.raw(
                    """
                    UPDATE actions SET description = \(bind: definition.description), category = \(bind: definition.category),
                    require_human_approval = \(bind: definition.requireHumanApproval), definition = \(bind: try encode(definition.json)),
                    input_schema = \(bind: try encode(definition.inputSchema)), updated_at = \(bind: now.millis) WHERE id = \(bind: action.id)
                    """
                ).run()
                continue
            }
            // A millisecond apart, so lists (oldest first) show the catalog's order.
            let created = Date(millis: now.millis + Int64(index))
            let action = Action(
                id: Identifier.make("act_"), teamID: integration.teamID, agentID: integration.agentID, integrationID: integration.id,
                actionName: try await newName(definition.name, slug: integration.type, of: integration, on: db),
                name: definition.name, description: definition.description, category: definition.category, isEnabled: true,
                requireHumanApproval: definition.requireHumanApproval, definition: .http(definition), inputSchema: definition.inputSchema,
                sealedAuth: nil, createdAt: created, updatedAt: created)
            try await insert(action, on: db)
        }
        for action in existing.values {
            try await db.raw("DELETE FROM actions WHERE id = \(bind: action.id)").run()
        }
    }

    /// Makes an MCP integration's actions match what its server offers: new tools are
    /// created (enabled); a changed title, description or input schema is an update;
    /// a tool no longer offered is disabled; one that comes back is enabled again
    /// and counted as updated. A tool someone disabled by hand stays disabled.
    public func sync(_ integration: Integration, slug: String, tools: [DiscoveredTool]) async throws -> DiscoveryResult {
        let now = clock.now().truncatedToMillis
        let forUpdate = database.forUpdate
        return try await database.transaction { db in
            _ = try await db.raw("SELECT id FROM agents WHERE id = \(bind: integration.agentID)\(forUpdate)").first()
            let rows = try await db.raw("SELECT * FROM actions WHERE integration_id = \(bind: integration.id)").all()
            var existing: [String: (Action, Bool)] = [:]
            for row in rows {
                let action = try Self.action(row)
                guard let toolName = action.definition.mcpName else { continue }
                existing[toolName] = (action, try row.decode(column: "vanished", as: Bool.self))
            }
            var result = DiscoveryResult()
            result.discovered = tools.count
            var offered: Set<String> = []
            for tool in tools where offered.insert(tool.name).inserted {
                let name = tool.title ?? tool.name
                let definition = ActionDefinition.mcp(name: tool.name, title: tool.title)
                if let (action, vanished) = existing[tool.name] {
                    let changed = action.name != name || action.description != tool.description || action.inputSchema != tool.inputSchema
                    guard changed || vanished else { continue }
                    // A changed definition waits, disabled, for a person to enable it again (which accepts it).
                    let enabled = changed ? false : (vanished ? true : action.isEnabled)
                    try await db.raw(
                        """
                        UPDATE actions SET name = \(bind: name), description = \(bind: tool.description),
                        definition = \(bind: try Self.encode(definition.json)), input_schema = \(bind: try Self.encode(tool.inputSchema)),
                        is_enabled = \(bind: enabled), needs_review = \(bind: changed || action.needsReview), vanished = \(bind: false),
                        previous_shape = \(bind: Self.previousShape(of: action, changing: changed)), updated_at = \(bind: now.millis) WHERE id = \(bind: action.id)
                        """
                    ).run()
                    if changed && !action.needsReview { try await Self.audit("action.needs_review", action, at: now, on: db) }
                    result.updated += 1
                } else {
                    let action = Action(
                        id: Identifier.make("act_"), teamID: integration.teamID, agentID: integration.agentID,
                        integrationID: integration.id, actionName: try await Self.newName(tool.name, slug: slug, of: integration, on: db),
                        name: name, description: tool.description, category: "mcp", isEnabled: true, requireHumanApproval: false,
                        definition: definition, inputSchema: tool.inputSchema, sealedAuth: nil, createdAt: now, updatedAt: now)
                    try await Self.insert(action, on: db)
                    result.created += 1
                }
            }
            for (toolName, (action, vanished)) in existing where !offered.contains(toolName) && !vanished {
                try await db.raw(
                    """
                    UPDATE actions SET is_enabled = \(bind: false), vanished = \(bind: true), updated_at = \(bind: now.millis)
                    WHERE id = \(bind: action.id)
                    """
                ).run()
                result.disabled += 1
            }
            try await WebhookEvents.toolsChanged(
                integration, ["created": result.created, "updated": result.updated, "disabled": result.disabled], at: now, on: db)
            return result
        }
    }

    /// Every action of the agent's live integrations, by integration then age.
    public func list(agentID: String) async throws -> [ActionSummary] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT \(Self.summaryColumns) FROM actions a JOIN integrations i ON i.id = a.integration_id
                WHERE a.agent_id = \(bind: agentID) AND i.disconnected_at IS NULL ORDER BY a.created_at, a.id
                """
            ).all().map(Self.summary)
        }
    }

    /// An action of the agent whose integration is live.
    public func find(id: String, agentID: String) async throws -> Action? {
        try await database.read { db in
            try await db.raw(
                """
                SELECT a.* FROM actions a JOIN integrations i ON i.id = a.integration_id
                WHERE a.id = \(bind: id) AND a.agent_id = \(bind: agentID) AND i.disconnected_at IS NULL
                """
            ).first().map(Self.action)
        }
    }

    /// Up to `limit` enabled actions of the agent's live integrations whose names
    /// sort after `after`, by name: the agent's tools, a page at a time.
    public func enabled(agentID: String, after: String?, limit: Int) async throws -> [Action] {
        let byteOrder = database.byteOrder
        return try await database.read { db in
            try await db.raw(
                """
                SELECT a.* FROM actions a JOIN integrations i ON i.id = a.integration_id
                WHERE a.agent_id = \(bind: agentID) AND a.is_enabled AND i.disconnected_at IS NULL
                AND a.action_name\(byteOrder) > \(bind: after ?? "") ORDER BY a.action_name\(byteOrder) LIMIT \(bind: limit)
                """
            ).all().map(Self.action)
        }
    }

    /// The enabled action of the agent named `actionName`, whose integration is live.
    public func enabled(agentID: String, actionName: String) async throws -> Action? {
        try await database.read { db in
            try await db.raw(
                """
                SELECT a.* FROM actions a JOIN integrations i ON i.id = a.integration_id
                WHERE a.agent_id = \(bind: agentID) AND a.action_name = \(bind: actionName) AND a.is_enabled
                AND i.disconnected_at IS NULL
                """
            ).first().map(Self.action)
        }
    }

    /// Enables or disables those of `ids` that are the agent's actions; returns how
    /// many that is. Enabling accepts a changed definition (the review is done).
    public func setEnabled(_ enabled: Bool, ids: [String], agentID: String) async throws -> Int {
        let now = clock.now().millis
        return try await database.transaction { db in
            var count = 0
            for id in Set(ids) {
                let row = try await db.raw(
                    """
                    UPDATE actions SET is_enabled = \(bind: enabled), updated_at = \(bind: now),
                    needs_review = \(bind: enabled ? false : true) AND needs_review,
                    previous_shape = CASE WHEN \(bind: enabled) THEN NULL ELSE previous_shape END
                    WHERE id = \(bind: id) AND agent_id = \(bind: agentID) RETURNING id
                    """
                ).first()
                if row != nil { count += 1 }
            }
            return count
        }
    }

    /// Deletes a tool of the integration; false when it has none by that id.
    public func delete(id: String, integrationID: String) async throws -> Bool {
        try await database.write { db in
            try await db.raw(
                """
                DELETE FROM actions WHERE id = \(bind: id) AND integration_id = \(bind: integrationID) RETURNING id
                """
            ).first() != nil
        }
    }

    static func encode(_ value: JSONValue) throws -> String { value.jsonText }

    /// What a tool keeps as its accepted definition when a change to it is stored:
    /// the one it had, if this change is the one that starts its review.
    static func previousShape(of action: Action, changing: Bool) -> String? {
        (changing && !action.needsReview ? action.shape : action.previousShape)?.jsonText
    }

    static func decode(_ text: String) throws -> JSONValue { try JSONValue.parse(text: text) }

    static let summaryColumns: SQLQueryString = """
        a.id, a.integration_id, a.action_name, a.name, a.description, a.category, a.is_enabled, a.require_human_approval,
        a.needs_review, a.source
        """

    static func summary(_ row: any SQLRow) throws -> ActionSummary {
        ActionSummary(
            id: try row.decode(column: "id", as: String.self),
            integrationID: try row.decode(column: "integration_id", as: String.self),
            actionName: try row.decode(column: "action_name", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            description: try row.optionalString("description"),
            category: try row.decode(column: "category", as: String.self),
            isEnabled: try row.decode(column: "is_enabled", as: Bool.self),
            requireHumanApproval: try row.decode(column: "require_human_approval", as: Bool.self),
            needsReview: try row.decode(column: "needs_review", as: Bool.self),
            source: try row.optionalString("source").map(decode))
    }

    static func action(_ row: any SQLRow) throws -> Action {
        let summary = try summary(row)
        return Action(
            id: summary.id, teamID: try row.decode(column: "team_id", as: String.self),
            agentID: try row.decode(column: "agent_id", as: String.self), integrationID: summary.integrationID,
            actionName: summary.actionName, name: summary.name, description: summary.description, category: summary.category,
            isEnabled: summary.isEnabled, requireHumanApproval: summary.requireHumanApproval, needsReview: summary.needsReview,
            definition: ActionDefinition(json: try decode(try row.decode(column: "definition", as: String.self))),
            inputSchema: try decode(try row.decode(column: "input_schema", as: String.self)),
            sealedAuth: try row.optionalString("sealed_auth"), source: summary.source,
            previousShape: try row.optionalString("previous_shape").map(decode),
            createdAt: Date(millis: try row.decode(column: "created_at", as: Int64.self)),
            updatedAt: Date(millis: try row.decode(column: "updated_at", as: Int64.self)))
    }
}
