import Hummingbird
import SwitchboardCore
import SwitchboardStore

/// `GET /agents/{agentId}/integrations`: every live integration of the agent, of
/// every kind, with the actions it brings. Each kind's own routes are in `Kinds/`.
struct IntegrationRoutes {
    static let endpoints = [Endpoint(.get, "/agents/{agentId}/integrations", .integrationsRead)]

    let lookup: PathLookup
    let integrations: IntegrationStore
    let actions: ActionStore

    func register(on group: RouterGroup<ConsoleContext>) {
        group.get("/agents/{agentId}/integrations") { _, context in
            let agent = try await lookup.integrationAgent(context)
            let byIntegration = Dictionary(grouping: try await actions.list(agentID: agent.id), by: \.integrationID)
            return try JSONResponse.success(
                try await integrations.live(agentID: agent.id).map {
                    IntegrationView.detail($0, actions: byIntegration[$0.id] ?? [])
                })
        }
    }
}
