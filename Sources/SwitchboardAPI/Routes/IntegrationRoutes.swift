import Hummingbird
import SwitchboardCore
import SwitchboardStore

/// `/agents/{agentId}/integrations...`: the aggregate list and the first-party connectors.
struct IntegrationRoutes {
    let lookup: PathLookup
    let integrations: IntegrationStore
    let actions: ActionStore
    let connectors: ConnectorService

    func register(on group: RouterGroup<ConsoleContext>) {
        group.get("/agents/{agentId}/integrations") { _, context in
            let agent = try await lookup.integrationAgent(context)
            let byIntegration = Dictionary(grouping: try await actions.list(agentID: agent.id), by: \.integrationID)
            return try JSONResponse.success(
                try await integrations.live(agentID: agent.id).map {
                    IntegrationView.detail($0, actions: byIntegration[$0.id] ?? [])
                })
        }
        group.get("/agents/{agentId}/integrations/bimpeai") { _, context in
            let agent = try await lookup.integrationAgent(context)
            return try JSONResponse.success(IntegrationView.connectors(try await integrations.live(agentID: agent.id)))
        }
        group.post("/agents/{agentId}/integrations/bimpeai/configure") { request, context in
            let agent = try await lookup.integrationAgent(context)
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
            let agent = try await lookup.integrationAgent(context)
            try await integrations.disconnect(id: try context.pathID("integrationId"), agentID: agent.id, family: .bimpeai)
            return try JSONResponse.success(JSONValue.null)
        }
    }
}
