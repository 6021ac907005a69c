import Hummingbird
import SwitchboardCore
import SwitchboardStore

/// `/agents`: the team's agents, their live status, channels and test code.
struct AgentRoutes {
    let lookup: PathLookup
    let agents: AgentStore
    let integrations: IntegrationStore

    func register(on group: RouterGroup<ConsoleContext>) {
        group.get("/agents") { request, context in
            let identity = try context.authenticated()
            let page = try PageRequest(query: request.queryItems, sortable: ["created_at", "updated_at", "name"])
            let result = try await agents.list(teamID: identity.teamID, page: page)
            return try JSONResponse.success(result.items.map { JSONValue.object(AgentView.agent($0)) }, meta: result.meta)
        }
        group.post("/agents") { request, context in
            let identity = try context.authenticated()
            var request = request
            let changes = try AgentChanges(body: try await request.jsonBody(), creating: true)
            let (agent, workflow) = try await agents.create(teamID: identity.teamID, changes: changes, limit: identity.limits.agents)
            return try JSONResponse.success(AgentView.created(agent, workflow: workflow), status: .created)
        }
        group.get("/agents/{agentId}") { _, context in
            let agent = try await lookup.agent(context)
            let live = try await integrations.live(agentID: agent.id).map(IntegrationView.summary)
            return try JSONResponse.success(AgentView.detail(agent, integrations: live))
        }
        group.patch("/agents/{agentId}") { request, context in
            let identity = try context.authenticated()
            var request = request
            let changes = try AgentChanges(body: try await request.jsonBody(), creating: false)
            guard let agent = try await agents.update(id: try context.pathID("agentId"), teamID: identity.teamID, changes: changes) else {
                throw PathLookup.agentNotFound
            }
            return try JSONResponse.success(JSONValue.object(AgentView.agent(agent)))
        }
        group.delete("/agents/{agentId}") { _, context in
            let identity = try context.authenticated()
            guard try await agents.delete(id: try context.pathID("agentId"), teamID: identity.teamID) else {
                throw PathLookup.agentNotFound
            }
            return try JSONResponse.success(JSONValue.null)
        }
        group.patch("/agents/{agentId}/live-status") { request, context in
            let identity = try context.authenticated()
            var request = request
            let change = try LiveStatusChange(body: try await request.jsonBody())
            guard let agent = try await agents.setStatus(id: try context.pathID("agentId"), teamID: identity.teamID, change: change) else {
                throw PathLookup.agentNotFound
            }
            return try JSONResponse.success(
                JSONValue.object(["status": .string(agent.status.rawValue), "status_reason": .optional(agent.statusReason)]))
        }
        group.get("/agents/{agentId}/channels") { _, context in
            let agent = try await lookup.agent(context)
            return try JSONResponse.success(try await integrations.live(agentID: agent.id).map(IntegrationView.summary))
        }
        group.get("/agents/{agentId}/deployment/agent-test-code") { _, context in
            try JSONResponse.success(AgentView.testCode(try await lookup.agent(context)))
        }
    }
}
