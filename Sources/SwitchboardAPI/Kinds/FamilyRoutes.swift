import Hummingbird
import SwitchboardCore
import SwitchboardStore

/// The routes the user-configured kinds share, under
/// `/agents/{agentId}/integrations/<family>`: list, configure, disconnect, and the
/// integration's tools. A kind adds its own routes beside these.
struct FamilyRoutes: Sendable {
    let family: Integration.Family
    let parts: KindParts
    /// How the kind shows an integration.
    let view: @Sendable (Integration) throws -> JSONValue
    /// Reads a configure body and sets the integration up for the agent, within the plan's cap.
    let configure: @Sendable (_ agent: Agent, _ body: JSONValue?, _ limit: Int?) async throws -> Integration

    var rows: Endpoints.Integrations.Family { .init(family) }

    func register(on routes: ConsoleRoutes) {
        routes.on(rows.list, use: list)
            .on(rows.configure, use: configured)
            .on(rows.tools, use: tools)
        Self.registerDisconnect(on: routes, family: family, parts: parts)
    }

    @Sendable func list(_ request: Request, context: ConsoleContext) async throws -> Response {
        let agent = try await parts.lookup.integrationAgent(context)
        return try JSONResponse.success(try await parts.integrations.live(agentID: agent.id, family: family).map(view))
    }

    @Sendable func configured(_ request: Request, context: ConsoleContext) async throws -> Response {
        let agent = try await parts.lookup.integrationAgent(context)
        var request = request
        let integration = try await configure(agent, try await request.jsonBody(), context.identity?.limits.integrationsPerAgent)
        return try JSONResponse.success(try view(integration), status: .created)
    }

    @Sendable func tools(_ request: Request, context: ConsoleContext) async throws -> Response {
        let (_, tools) = try await parts.lookup.integrationTools(context, family: family)
        return try JSONResponse.success(tools.map(IntegrationView.tool))
    }

    /// `DELETE .../<family>/{integrationId}`, which every kind has.
    static func registerDisconnect(on routes: ConsoleRoutes, family: Integration.Family, parts: KindParts) {
        let (lookup, integrations) = (parts.lookup, parts.integrations)
        routes.on(Endpoints.Integrations.Family(family).disconnect) { _, context in
            let agent = try await lookup.integrationAgent(context)
            try await integrations.disconnect(id: try context.pathID("integrationId"), agentID: agent.id, family: family)
            return try JSONResponse.success(JSONValue.null)
        }
    }
}
