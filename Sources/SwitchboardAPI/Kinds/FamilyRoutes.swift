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
    let view: @Sendable (Integration) -> JSONValue
    /// Reads a configure body and sets the integration up for the agent, within the plan's cap.
    let configure: @Sendable (_ agent: Agent, _ body: JSONValue?, _ limit: Int?) async throws -> Integration

    var base: String { family.basePath }

    /// The operations of these routes, for the endpoint table.
    static func endpoints(_ family: Integration.Family) -> [Endpoint] {
        commonEndpoints(family) + [Endpoint(.get, family.basePath + "/{integrationId}/tools", .integrationsRead)]
    }

    /// List, configure and disconnect: the operations of every kind.
    static func commonEndpoints(_ family: Integration.Family) -> [Endpoint] {
        let base = family.basePath
        return [
            Endpoint(.get, base, .integrationsRead),
            Endpoint(.post, base + "/configure", .integrationsWrite, audit: "integration.configure"),
            Endpoint(.delete, base + "/{integrationId}", .integrationsWrite, audit: "integration.disconnect"),
        ]
    }

    func register(on group: RouterGroup<ConsoleContext>) {
        let (lookup, integrations) = (parts.lookup, parts.integrations)
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
        Self.registerDisconnect(on: group, family: family, parts: parts)
        group.get(RouterPath(base + "/{integrationId}/tools")) { _, context in
            let (_, tools) = try await lookup.integrationTools(context, family: family)
            return try JSONResponse.success(tools.map(IntegrationView.tool))
        }
    }

    /// `DELETE .../<family>/{integrationId}`, which every kind has.
    static func registerDisconnect(on group: RouterGroup<ConsoleContext>, family: Integration.Family, parts: KindParts) {
        let (lookup, integrations) = (parts.lookup, parts.integrations)
        group.delete(RouterPath(family.basePath + "/{integrationId}")) { _, context in
            let agent = try await lookup.integrationAgent(context)
            try await integrations.disconnect(id: try context.pathID("integrationId"), agentID: agent.id, family: family)
            return try JSONResponse.success(JSONValue.null)
        }
    }
}

extension Integration.Family {
    /// `/agents/{agentId}/integrations/<family>`, where a kind's routes live.
    var basePath: String { "/agents/{agentId}/integrations/\(rawValue)" }
}
