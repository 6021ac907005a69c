import Hummingbird
import SwitchboardCore
import SwitchboardStore

/// The routes every user-configured integration family shares, under
/// `/agents/{agentId}/integrations/<family>`: list, configure, disconnect, and the
/// integration's tools. A family adds its own routes beside these.
struct FamilyRoutes: Sendable {
    let family: Integration.Family
    let lookup: PathLookup
    let integrations: IntegrationStore
    let actions: ActionStore
    /// How the family shows an integration.
    let view: @Sendable (Integration) -> JSONValue
    /// Reads a configure body and sets the integration up for the agent, within the plan's cap.
    let configure: @Sendable (_ agent: Agent, _ body: JSONValue?, _ limit: Int?) async throws -> Integration

    /// `/agents/{agentId}/integrations/<family>`.
    var base: String { "/agents/{agentId}/integrations/\(family.rawValue)" }

    func register(on group: RouterGroup<ConsoleContext>) {
        group.get(RouterPath(base)) { _, context in
            let agent = try await lookup.integrationAgent(context)
            return try JSONResponse.success(try await integrations.live(agentID: agent.id, family: family).map(view))
        }
        group.post(RouterPath(base + "/configure")) { request, context in
            let agent = try await lookup.integrationAgent(context)
            var request = request
            let integration = try await configure(agent, try await request.jsonBody(), context.identity?.limits.integrationsPerAgent)
            return try JSONResponse.success(view(integration), status: .created)
        }
        group.delete(RouterPath(base + "/{integrationId}")) { _, context in
            let agent = try await lookup.integrationAgent(context)
            try await integrations.disconnect(id: try context.pathID("integrationId"), agentID: agent.id, family: family)
            return try JSONResponse.success(JSONValue.null)
        }
        group.get(RouterPath(base + "/{integrationId}/tools")) { _, context in
            let integration = try await lookup.integration(context, family: family)
            return try JSONResponse.success(try await actions.list(integrationID: integration.id).map(IntegrationView.tool))
        }
    }
}
