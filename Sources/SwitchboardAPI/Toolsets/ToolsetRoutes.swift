import Foundation
import Hummingbird
import SwitchboardCore
import SwitchboardStore

/// `/agents/{agentId}/toolsets`: named subsets of the agent's actions, each served
/// as its own MCP gateway at `.../toolsets/{toolsetId}/mcp`.
struct ToolsetRoutes {
    let lookup: PathLookup
    let toolsets: ToolsetStore
    let publicURL: String
    let clock: any TimeSource

    func register(on routes: ConsoleRoutes) {
        routes.on(Endpoints.Toolsets.collection, list: list, create: create, find: find, update: update, delete: delete)
    }

    @Sendable func list(_ request: Request, context: ConsoleContext) async throws -> Response {
        let agent = try await lookup.agent(context)
        return try JSONResponse.success(try await toolsets.list(agentID: agent.id).map(view))
    }

    @Sendable func create(_ request: Request, context: ConsoleContext) async throws -> Response {
        let found = try await lookup.agentIntegrations(context)
        var request = request
        let setup = try ToolsetSetup(body: try await request.jsonBody(), creating: true, agent: found)
        let now = clock.now().truncatedToMillis
        let toolset = Toolset(
            id: Identifier.make("ts_"), teamID: found.agent.teamID, agentID: found.agent.id, name: setup.name ?? "",
            description: setup.description ?? "", integrationIDs: setup.integrationIDs ?? [], actionIDs: setup.actionIDs ?? [],
            readOnly: setup.readOnly ?? false, createdAt: now, updatedAt: now)
        try await toolsets.create(toolset)
        return try JSONResponse.success(view(toolset), status: .created)
    }

    @Sendable func find(_ request: Request, context: ConsoleContext) async throws -> Response {
        try JSONResponse.success(view(try await toolset(context, agentID: try await lookup.agent(context).id)))
    }

    @Sendable func update(_ request: Request, context: ConsoleContext) async throws -> Response {
        let found = try await lookup.agentIntegrations(context)
        var toolset = try await toolset(context, agentID: found.agent.id)
        var request = request
        let setup = try ToolsetSetup(body: try await request.jsonBody(), creating: false, agent: found)
        toolset.name = setup.name ?? toolset.name
        toolset.description = setup.description ?? toolset.description
        toolset.integrationIDs = setup.integrationIDs ?? toolset.integrationIDs
        toolset.actionIDs = setup.actionIDs ?? toolset.actionIDs
        toolset.readOnly = setup.readOnly ?? toolset.readOnly
        toolset.updatedAt = clock.now().truncatedToMillis
        guard try await toolsets.update(toolset) else { throw Toolset.notFound }
        return try JSONResponse.success(view(toolset))
    }

    @Sendable func delete(_ request: Request, context: ConsoleContext) async throws -> Response {
        let agent = try await lookup.agent(context)
        guard try await toolsets.delete(id: try context.pathID("toolsetId"), agentID: agent.id) else { throw Toolset.notFound }
        return try JSONResponse.success(JSONValue.null)
    }

    private func toolset(_ context: ConsoleContext, agentID: String) async throws -> Toolset {
        guard let toolset = try await toolsets.find(id: try context.pathID("toolsetId"), agentID: agentID) else {
            throw Toolset.notFound
        }
        return toolset
    }

    func view(_ toolset: Toolset) -> JSONValue {
        .object([
            "id": .string(toolset.id), "name": .string(toolset.name), "description": .string(toolset.description),
            "integration_ids": .array(toolset.integrationIDs.map(JSONValue.string)),
            "action_ids": .array(toolset.actionIDs.map(JSONValue.string)), "read_only": .bool(toolset.readOnly),
            "mcp_url": .string(Endpoints.Gateway.toolsetPost.url(publicURL, ["agentId": toolset.agentID, "toolsetId": toolset.id])),
            "created_at": .string(toolset.createdAt.iso8601), "updated_at": .string(toolset.updatedAt.iso8601),
        ])
    }
}
