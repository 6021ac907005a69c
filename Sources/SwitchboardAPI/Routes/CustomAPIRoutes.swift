import Hummingbird
import SwitchboardCore
import SwitchboardStore

/// `/agents/{agentId}/integrations/custom_api...`: custom HTTP APIs and their tools.
struct CustomAPIRoutes {
    let lookup: PathLookup
    let integrations: IntegrationStore
    let actions: ActionStore
    let customAPIs: CustomAPIService
    static let base = "/agents/{agentId}/integrations/custom_api"

    func register(on group: RouterGroup<ConsoleContext>) {
        group.get(RouterPath(Self.base)) { _, context in
            let agent = try await lookup.integrationAgent(context)
            return try JSONResponse.success(
                try await integrations.live(agentID: agent.id, family: .customAPI).map(IntegrationView.customAPI))
        }
        group.post(RouterPath(Self.base + "/configure")) { request, context in
            let agent = try await lookup.integrationAgent(context)
            var request = request
            let setup = try CustomAPISetup(body: try await request.jsonBody())
            let integration = try await customAPIs.configure(
                agent: agent, setup: setup, limit: context.identity?.limits.integrationsPerAgent)
            return try JSONResponse.success(IntegrationView.customAPI(integration), status: .created)
        }
        group.delete(RouterPath(Self.base + "/{integrationId}")) { _, context in
            let agent = try await lookup.integrationAgent(context)
            try await integrations.disconnect(id: try context.pathID("integrationId"), agentID: agent.id, family: .customAPI)
            return try JSONResponse.success(JSONValue.null)
        }
        group.get(RouterPath(Self.base + "/{integrationId}/tools")) { _, context in
            let integration = try await lookup.integration(context, family: .customAPI)
            return try JSONResponse.success(try await actions.list(integrationID: integration.id).map(IntegrationView.tool))
        }
        group.post(RouterPath(Self.base + "/{integrationId}/tools")) { request, context in
            let integration = try await lookup.integration(context, family: .customAPI)
            var request = request
            let tool = try await customAPIs.addTool(to: integration, body: try await request.jsonBody())
            return try JSONResponse.success(IntegrationView.tool(tool.summary), status: .created)
        }
        group.delete(RouterPath(Self.base + "/{integrationId}/tools/{toolId}")) { _, context in
            let integration = try await lookup.integration(context, family: .customAPI)
            guard try await actions.delete(id: try context.pathID("toolId"), integrationID: integration.id) else {
                throw Action.notFound
            }
            return try JSONResponse.success(JSONValue.null)
        }
    }
}
