import Hummingbird
import SwitchboardCore
import SwitchboardStore

/// `/agents/{agentId}/integrations...`: the aggregate list and the first-party connectors.
struct IntegrationRoutes {
    let agents: AgentStore
    let connectors: ConnectorService

    func register(on group: RouterGroup<ConsoleContext>) {
        group.get("/agents/{agentId}/integrations") { _, context in
            let agent = try await agentWithWorkflow(context, requiring: .integrationsRead)
            return try JSONResponse.success(try await connectors.integrations.live(agentID: agent.id).map(IntegrationView.detail))
        }
        group.get("/agents/{agentId}/integrations/bimpeai") { _, context in
            let agent = try await agentWithWorkflow(context, requiring: .integrationsRead)
            return try JSONResponse.success(IntegrationView.connectors(try await connectors.integrations.live(agentID: agent.id)))
        }
        group.post("/agents/{agentId}/integrations/bimpeai/configure") { request, context in
            let agent = try await agentWithWorkflow(context, requiring: .integrationsWrite)
            var request = request
            let setup = try ConnectorSetup(body: try await request.jsonBody())
            let done = try await connectors.configure(agent: agent, setup: setup, limit: context.identity?.limits.integrationsPerAgent)
            return try JSONResponse.success(
                JSONValue.object([
                    "success": .bool(true), "channel_id": .string(done.integration.id), "onboarding_url": .string(done.onboardingURL),
                ]),
                status: done.created ? .created : .ok)
        }
        group.delete("/agents/{agentId}/integrations/bimpeai/{integrationId}") { _, context in
            let agent = try await agentWithWorkflow(context, requiring: .integrationsWrite)
            try await connectors.integrations.disconnect(id: try context.pathID("integrationId"), agentID: agent.id, family: .bimpeai)
            return try JSONResponse.success(JSONValue.null)
        }
    }

    /// The team's agent in the path, which must have a workflow to manage integrations.
    func agentWithWorkflow(_ context: ConsoleContext, requiring scope: Scope) async throws -> Agent {
        let identity = try context.identity(requiring: scope)
        guard let agent = try await agents.find(id: try context.pathID("agentId"), teamID: identity.teamID) else { throw AgentRoutes.notFound }
        try agent.requireWorkflow()
        return agent
    }
}
