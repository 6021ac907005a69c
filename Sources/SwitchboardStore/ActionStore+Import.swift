import Foundation
import SQLKit
import SwitchboardCore

extension ActionStore {
    /// Makes an integration's imported tools match `tools`, by operation (`METHOD
    /// /path`): a new operation's tool is created, enabled; a changed one is updated,
    /// and if it was enabled it is disabled to wait for a person's review (audited as
    /// `action.needs_review`); a tool whose operation is gone is deleted (audited as
    /// `tool.delete`). A tool's approval setting is the person's, and a re-import
    /// keeps it. Tools added by hand are left alone. Runs inside the caller's
    /// transaction, which holds the agent's lock.
    static func reconcile(_ tools: [ImportedTool], for integration: Integration, now: Date, on db: any SQLDatabase) async throws
        -> ImportChanges
    {
        var existing: [String: Action] = [:]
        for row in try await db.raw("SELECT * FROM actions WHERE integration_id = \(bind: integration.id) AND source IS NOT NULL").all() {
            let action = try Self.action(row)
            if let source = action.source { existing[ImportedTool.key(of: source)] = action }
        }
        var changes = ImportChanges()
        let slug = ToolDefinition.snakeCase(integration.name)
        for (index, tool) in tools.enumerated() {
            guard let action = existing.removeValue(forKey: tool.key) else {
                // A millisecond apart, so lists (oldest first) show the document's order.
                let created = Date(millis: now.millis + Int64(index))
                let definition = tool.definition
                let action = Action(
                    id: Identifier.make("act_"), teamID: integration.teamID, agentID: integration.agentID, integrationID: integration.id,
                    actionName: try await newName(definition.name, slug: slug, of: integration, on: db), name: definition.name,
                    description: definition.description, category: definition.category, isEnabled: true,
                    requireHumanApproval: definition.requireHumanApproval, definition: .http(definition),
                    inputSchema: definition.inputSchema, sealedAuth: nil, source: tool.source, createdAt: created, updatedAt: created)
                try await insert(action, on: db)
                changes.created += 1
                continue
            }
            var definition = tool.definition
            definition.requireHumanApproval = action.requireHumanApproval
            guard action.definition != .http(definition) || action.source != tool.source else {
                changes.unchanged += 1
                continue
            }
            try await db.raw(
                """
                UPDATE actions SET name = \(bind: definition.name), description = \(bind: definition.description),
                category = \(bind: definition.category), definition = \(bind: try encode(definition.json)),
                input_schema = \(bind: try encode(definition.inputSchema)), source = \(bind: tool.source.jsonText),
                is_enabled = \(bind: false), needs_review = \(bind: action.isEnabled || action.needsReview),
                previous_shape = \(bind: previousShape(of: action, changing: action.isEnabled)), updated_at = \(bind: now.millis) WHERE id = \(bind: action.id)
                """
            ).run()
            if action.isEnabled && !action.needsReview { try await audit("action.needs_review", action, at: now, on: db) }
            changes.updated += 1
        }
        for action in existing.values.sorted(by: { $0.id < $1.id }) {
            try await db.raw("DELETE FROM actions WHERE id = \(bind: action.id)").run()
            try await audit("tool.delete", action, at: now, on: db)
            changes.removed += 1
        }
        try await WebhookEvents.toolsChanged(
            integration, ["created": changes.created, "updated": changes.updated, "removed": changes.removed], at: now, on: db)
        return changes
    }
}
