import SQLKit
import SwitchboardCore

/// The hot reads of an agent's integrations: the team's agent with the live
/// integrations and tools a route shows, in one statement on PostgreSQL.
extension IntegrationStore {
    public struct AgentIntegrations: Sendable {
        public let agent: Agent
        public let integrations: [Integration]
        public let tools: [ActionSummary]
    }

    static let columns = NestedRows.Columns([
        "id", "team_id", "agent_id", "family", "type", "name", "status", "config", "sealed_secret", "created_at", "updated_at",
    ])
    static let toolColumns = NestedRows.Columns([
        "id", "integration_id", "action_name", "name", "description", "category", "is_enabled", "require_human_approval", "needs_review",
        "source",
    ])

    /// The team's agent, its live integrations (oldest first) and their tools; nil when the team has no such agent.
    public func agentIntegrations(agentID: String, teamID: String) async throws -> AgentIntegrations? {
        let integrations = NestedRows(
            columns: Self.columns, source: "FROM integrations t WHERE t.agent_id = \(bind: agentID) AND t.disconnected_at IS NULL",
            order: "t.created_at, t.id")
        let tools = NestedRows(
            columns: Self.toolColumns,
            source: """
                FROM actions t JOIN integrations i ON i.id = t.integration_id
                WHERE t.agent_id = \(bind: agentID) AND i.disconnected_at IS NULL
                """,
            order: "t.created_at, t.id")
        return try await agent(agentID: agentID, teamID: teamID, integrations: integrations, tools: tools)
    }

    /// The team's agent, its live integration `integrationID` (nil when it has none
    /// such) and that integration's tools; nil when the team has no such agent.
    public func agentIntegration(agentID: String, teamID: String, integrationID: String) async throws -> AgentIntegrations? {
        let integrations = NestedRows(
            columns: Self.columns,
            source:
                "FROM integrations t WHERE t.id = \(bind: integrationID) AND t.agent_id = \(bind: agentID) AND t.disconnected_at IS NULL",
            order: "t.id")
        let tools = NestedRows(
            columns: Self.toolColumns, source: "FROM actions t WHERE t.integration_id = \(bind: integrationID)",
            order: "t.created_at, t.action_name")
        return try await agent(agentID: agentID, teamID: teamID, integrations: integrations, tools: tools)
    }

    private func agent(agentID: String, teamID: String, integrations: NestedRows, tools: NestedRows) async throws -> AgentIntegrations? {
        let kind = database.kind
        return try await database.read { db in
            switch kind {
            case .postgres:
                guard
                    let row = try await db.raw(
                        """
                        SELECT ag.*, \(integrations.expression) AS nested_integrations, \(tools.expression) AS nested_tools
                        FROM agents ag WHERE ag.id = \(bind: agentID) AND ag.team_id = \(bind: teamID)
                        """
                    ).first()
                else { return nil }
                return AgentIntegrations(
                    agent: try AgentStore.agent(row),
                    integrations: try NestedRows.rows(row, column: "nested_integrations").map(Self.integration),
                    tools: try NestedRows.rows(row, column: "nested_tools").map(ActionStore.summary))
            case .sqlite:
                guard let agent = try await AgentStore.find(id: agentID, teamID: teamID, on: db) else { return nil }
                return AgentIntegrations(
                    agent: agent, integrations: try await integrations.read(on: db).map(Self.integration),
                    tools: try await tools.read(on: db).map(ActionStore.summary))
            }
        }
    }
}
