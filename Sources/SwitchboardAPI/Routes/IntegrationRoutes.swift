import Hummingbird
import SwitchboardCore
import SwitchboardStore

/// `GET /agents/{agentId}/integrations`: every live integration of the agent, of
/// every kind, with the actions it brings. Each kind's own routes are in `Kinds/`.
struct IntegrationRoutes {
    static let endpoints = [Endpoint(.get, "/agents/{agentId}/integrations", .integrationsRead)]

    let lookup: PathLookup

    func register(on group: RouterGroup<ConsoleContext>) {
        group.get("/agents/{agentId}/integrations") { _, context in
            let found = try await lookup.agentIntegrations(context)
            let byIntegration = Dictionary(grouping: found.tools, by: \.integrationID)
            return try JSONResponse.success(found.integrations.map { IntegrationView.detail($0, actions: byIntegration[$0.id] ?? []) })
        }
    }
}
