import Hummingbird
import SwitchboardCore
import SwitchboardStore

/// `/agents/{agentId}/integrations/mcp_server...`: MCP servers (the shared family
/// routes), their test and tool discovery.
struct MCPServerRoutes {
    let lookup: PathLookup
    let integrations: IntegrationStore
    let actions: ActionStore
    let mcpServers: MCPService

    func register(on group: RouterGroup<ConsoleContext>) {
        let mcpServers = self.mcpServers
        let shared = FamilyRoutes(
            family: .mcpServer, lookup: lookup, integrations: integrations, actions: actions, view: IntegrationView.mcpServer
        ) { agent, body, limit in
            try await mcpServers.configure(agent: agent, setup: try MCPServerSetup(body: body), limit: limit)
        }
        shared.register(on: group)
        group.post(RouterPath(shared.base + "/{integrationId}/test")) { _, context in
            let integration = try await lookup.integration(context, family: .mcpServer)
            return try JSONResponse.success(try await mcpServers.test(integration))
        }
        group.post(RouterPath(shared.base + "/{integrationId}/discover")) { _, context in
            let integration = try await lookup.integration(context, family: .mcpServer)
            let result = try await mcpServers.discover(integration)
            return try JSONResponse.success(
                JSONValue.object([
                    "discovered": .int(result.discovered), "created": .int(result.created),
                    "updated": .int(result.updated), "disabled": .int(result.disabled),
                    "skipped": .array(result.skipped.map(JSONValue.string)),
                ]))
        }
    }
}
