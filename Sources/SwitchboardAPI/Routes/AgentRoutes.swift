import Hummingbird
import SwitchboardCore
import SwitchboardStore

/// `/agents`: the team's agents, their live status, channels and test code.
struct AgentRoutes {
    let lookup: PathLookup
    let agents: AgentStore
    let integrations: IntegrationStore

    func register(on routes: ConsoleRoutes) {
        routes.on(Endpoints.Agents.collection, list: list, create: create, find: find, update: update, delete: delete)
            .on(Endpoints.Agents.liveStatus, use: setLiveStatus)
            .on(Endpoints.Agents.channels, use: channels)
            .on(Endpoints.Agents.testCode, use: testCode)
    }

    @Sendable func list(_ request: Request, context: ConsoleContext) async throws -> Response {
        let identity = try context.authenticated()
        let page = try PageRequest(query: request.queryItems, sortable: ["created_at", "updated_at", "name"])
        let result = try await agents.list(teamID: identity.teamID, page: page)
        return try JSONResponse.success(result.items.map { JSONValue.object(AgentView.agent($0)) }, meta: result.meta)
    }

    @Sendable func create(_ request: Request, context: ConsoleContext) async throws -> Response {
        let identity = try context.authenticated()
        var request = request
        let changes = try AgentChanges(body: try await request.jsonBody(), creating: true)
        let (agent, workflow) = try await agents.create(teamID: identity.teamID, changes: changes, limit: identity.limits.agents)
        return try JSONResponse.success(AgentView.created(agent, workflow: workflow), status: .created)
    }

    @Sendable func find(_ request: Request, context: ConsoleContext) async throws -> Response {
        let agent = try await lookup.agent(context)
        let live = try await integrations.live(agentID: agent.id).map(IntegrationView.summary)
        return try JSONResponse.success(AgentView.detail(agent, integrations: live))
    }

    @Sendable func update(_ request: Request, context: ConsoleContext) async throws -> Response {
        let identity = try context.authenticated()
        var request = request
        let changes = try AgentChanges(body: try await request.jsonBody(), creating: false)
        guard let agent = try await agents.update(id: try context.pathID("agentId"), teamID: identity.teamID, changes: changes) else {
            throw PathLookup.agentNotFound
        }
        return try JSONResponse.success(JSONValue.object(AgentView.agent(agent)))
    }

    @Sendable func delete(_ request: Request, context: ConsoleContext) async throws -> Response {
        let identity = try context.authenticated()
        guard try await agents.delete(id: try context.pathID("agentId"), teamID: identity.teamID) else {
            throw PathLookup.agentNotFound
        }
        return try JSONResponse.success(JSONValue.null)
    }

    @Sendable func setLiveStatus(_ request: Request, context: ConsoleContext) async throws -> Response {
        let identity = try context.authenticated()
        var request = request
        let change = try LiveStatusChange(body: try await request.jsonBody())
        guard let agent = try await agents.setStatus(id: try context.pathID("agentId"), teamID: identity.teamID, change: change) else {
            throw PathLookup.agentNotFound
        }
        return try JSONResponse.success(
            JSONValue.object(["status": .string(agent.status.rawValue), "status_reason": .optional(agent.statusReason)]))
    }

    @Sendable func channels(_ request: Request, context: ConsoleContext) async throws -> Response {
        let agent = try await lookup.agent(context)
        return try JSONResponse.success(try await integrations.live(agentID: agent.id).map(IntegrationView.summary))
    }

    @Sendable func testCode(_ request: Request, context: ConsoleContext) async throws -> Response {
        try JSONResponse.success(AgentView.testCode(try await lookup.agent(context)))
    }
}
