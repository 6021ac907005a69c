import Hummingbird
import SwitchboardCore
import SwitchboardStore

/// `/agents/{agentId}/integrations/custom_api...`: custom HTTP APIs (the shared
/// family routes) and the tools a person adds to them.
struct CustomAPIRoutes {
    let lookup: PathLookup
    let integrations: IntegrationStore
    let actions: ActionStore
    let customAPIs: CustomAPIService

    func register(on group: RouterGroup<ConsoleContext>) {
        let customAPIs = self.customAPIs
        let shared = FamilyRoutes(
            family: .customAPI, lookup: lookup, integrations: integrations, actions: actions, view: IntegrationView.customAPI
        ) { agent, body, limit in
            try await customAPIs.configure(agent: agent, setup: try CustomAPISetup(body: body), limit: limit)
        }
        shared.register(on: group)
        group.post(RouterPath(shared.base + "/{integrationId}/tools")) { request, context in
            let integration = try await lookup.integration(context, family: .customAPI)
            var request = request
            let tool = try await customAPIs.addTool(to: integration, body: try await request.jsonBody())
            return try JSONResponse.success(IntegrationView.tool(tool.summary), status: .created)
        }
        group.delete(RouterPath(shared.base + "/{integrationId}/tools/{toolId}")) { _, context in
            let integration = try await lookup.integration(context, family: .customAPI)
            guard try await actions.delete(id: try context.pathID("toolId"), integrationID: integration.id) else {
                throw Action.notFound
            }
            return try JSONResponse.success(JSONValue.null)
        }
    }
}
