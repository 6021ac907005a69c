import Hummingbird
import SwitchboardCore
import SwitchboardStore

/// `/agents/{agentId}/integrations...`: the aggregate list and the first-party connectors.
struct IntegrationRoutes {
    let agents: AgentStore
    let connectors: ConnectorService
    let actions: ActionStore

    func register(on group: RouterGroup<ConsoleContext>) {
        let lookup = Lookup(agents: agents, integrations: connectors.integrations)
        group.get("/agents/{agentId}/integrations") { _, context in
            let agent = try await lookup.agent(context)
            let byIntegration = Dictionary(grouping: try await actions.list(agentID: agent.id), by: \.integrationID)
            return try JSONResponse.success(try await connectors.integrations.live(agentID: agent.id).map {
                IntegrationView.detail($0, actions: byIntegration[$0.id] ?? [])
            })
        }
        group.get("/agents/{agentId}/integrations/bimpeai") { _, context in
            let agent = try await lookup.agent(context)
            return try JSONResponse.success(IntegrationView.connectors(try await connectors.integrations.live(agentID: agent.id)))
        }
        group.post("/agents/{agentId}/integrations/bimpeai/configure") { request, context in
            let agent = try await lookup.agent(context)
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
            let agent = try await lookup.agent(context)
            try await connectors.integrations.disconnect(id: try context.pathID("integrationId"), agentID: agent.id, family: .bimpeai)
            return try JSONResponse.success(JSONValue.null)
        }
    }

    /// Finds what an integration route names, in the order the contract checks:
    /// scope, agent (404), workflow (400), integration (404, or 400 for another family).
    struct Lookup {
        let agents: AgentStore
        let integrations: IntegrationStore

        func agent(_ context: ConsoleContext) async throws -> Agent {
            let identity = try context.authenticated()
            guard let agent = try await agents.find(id: try context.pathID("agentId"), teamID: identity.teamID) else { throw AgentRoutes.notFound }
            try agent.requireWorkflow()
            return agent
        }

        func integration(_ context: ConsoleContext, family: Integration.Family) async throws -> Integration {
            let agent = try await agent(context)
            return try await integrations.find(id: try context.pathID("integrationId"), agentID: agent.id, family: family)
        }
    }
}
