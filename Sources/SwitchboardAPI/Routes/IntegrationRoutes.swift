import Hummingbird
import SwitchboardCore
import SwitchboardStore

/// `GET /agents/{agentId}/integrations`: every live integration of the agent, of
/// every kind, with the actions it brings. Each kind's own routes are in `Kinds/`.
struct IntegrationRoutes {
    let lookup: PathLookup

    func register(on routes: ConsoleRoutes) {
        routes.on(Endpoints.Integrations.list, use: list)
    }

    @Sendable func list(_ request: Request, context: ConsoleContext) async throws -> Response {
        let found = try await lookup.agentIntegrations(context)
        let byIntegration = Dictionary(grouping: found.tools, by: \.integrationID)
        return try JSONResponse.success(found.integrations.map { IntegrationView.detail($0, actions: byIntegration[$0.id] ?? []) })
    }
}
