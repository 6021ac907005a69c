import SwitchboardCore
import SwitchboardStore

/// Finds what a route's path names, in the order the contract checks (the scope
/// came first, in `ScopeMiddleware`): the team's agent (404), for integration
/// routes the agent's workflow (400), then the integration (404, or 400 when it
/// belongs to another family).
struct PathLookup: Sendable {
    let agents: AgentStore
    let integrations: IntegrationStore

    static let agentNotFound = ConsoleError.notFound("Agent not found")

    /// The team's agent named by `{agentId}`.
    func agent(_ context: ConsoleContext) async throws -> Agent {
        let identity = try context.authenticated()
        guard let agent = try await agents.find(id: try context.pathID("agentId"), teamID: identity.teamID) else {
            throw Self.agentNotFound
        }
        return agent
    }

    /// The agent of an integration route, which must have a workflow.
    func integrationAgent(_ context: ConsoleContext) async throws -> Agent {
        let agent = try await agent(context)
        try agent.requireWorkflow()
        return agent
    }

    /// The agent of an integration route with its live integrations and their tools (one statement).
    func agentIntegrations(_ context: ConsoleContext) async throws -> IntegrationStore.AgentIntegrations {
        let identity = try context.authenticated()
        guard let found = try await integrations.agentIntegrations(agentID: try context.pathID("agentId"), teamID: identity.teamID) else {
            throw Self.agentNotFound
        }
        try found.agent.requireWorkflow()
        return found
    }

    /// The agent's integration named by `{integrationId}`, of `family`, with its tools (one statement).
    func integrationTools(_ context: ConsoleContext, family: Integration.Family) async throws -> (Integration, [ActionSummary]) {
        let identity = try context.authenticated()
        guard
            let found = try await integrations.agentIntegration(
                agentID: try context.pathID("agentId"), teamID: identity.teamID, integrationID: try context.pathID("integrationId"))
        else { throw Self.agentNotFound }
        try found.agent.requireWorkflow()
        return (try Integration.of(family, found.integrations.first), found.tools)
    }

    /// The agent's integration named by `{integrationId}`, of `family`.
    func integration(_ context: ConsoleContext, family: Integration.Family) async throws -> Integration {
        let agent = try await integrationAgent(context)
        return try await integrations.find(id: try context.pathID("integrationId"), agentID: agent.id, family: family)
    }
}
