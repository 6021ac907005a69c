import Hummingbird
import SwitchboardCore
import SwitchboardStore

/// `/agents/{agentId}/integrations/mcp_server...`: MCP servers, their test and tool discovery.
struct MCPServerRoutes {
    let lookup: PathLookup
    let integrations: IntegrationStore
    let actions: ActionStore
    let mcpServers: MCPService
    static let base = "/agents/{agentId}/integrations/mcp_server"

    func register(on group: RouterGroup<ConsoleContext>) {
        group.get(RouterPath(Self.base)) { _, context in
            let agent = try await lookup.integrationAgent(context)
            return try JSONResponse.success(
                try await integrations.live(agentID: agent.id, family: .mcpServer).map(IntegrationView.mcpServer))
        }
        group.post(RouterPath(Self.base + "/configure")) { request, context in
            let agent = try await lookup.integrationAgent(context)
            var request = request
            let setup = try MCPServerSetup(body: try await request.jsonBody())
            let integration = try await mcpServers.configure(
                agent: agent, setup: setup, limit: context.identity?.limits.integrationsPerAgent)
            return try JSONResponse.success(IntegrationView.mcpServer(integration), status: .created)
        }
        group.delete(RouterPath(Self.base + "/{integrationId}")) { _, context in
            let agent = try await lookup.integrationAgent(context)
            try await integrations.disconnect(id: try context.pathID("integrationId"), agentID: agent.id, family: .mcpServer)
            return try JSONResponse.success(JSONValue.null)
        }
        group.post(RouterPath(Self.base + "/{integrationId}/test")) { _, context in
            let integration = try await lookup.integration(context, family: .mcpServer)
            return try JSONResponse.success(try await mcpServers.test(integration))
        }
        group.post(RouterPath(Self.base + "/{integrationId}/discover")) { _, context in
            let integration = try await lookup.integration(context, family: .mcpServer)
            let result = try await mcpServers.discover(integration)
            return try JSONResponse.success(
                JSONValue.object([
                    "discovered": .int(result.discovered), "created": .int(result.created),
                    "updated": .int(result.updated), "disabled": .int(result.disabled),
                    "skipped": .array(result.skipped.map(JSONValue.string)),
                ]))
        }
        group.get(RouterPath(Self.base + "/{integrationId}/tools")) { _, context in
            let integration = try await lookup.integration(context, family: .mcpServer)
            return try JSONResponse.success(try await actions.list(integrationID: integration.id).map(IntegrationView.tool))
        }
    }
}
