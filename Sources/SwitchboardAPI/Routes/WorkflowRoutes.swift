import Hummingbird
import SwitchboardCore
import SwitchboardStore

/// `/workflows`: the team's own workflows and the public catalog.
struct WorkflowRoutes {
    let workflows: WorkflowStore
    static let notFound = ConsoleError.notFound("Workflow not found")

    func register(on routes: ConsoleRoutes) {
        routes.on(Endpoints.Workflows.collection, list: list, create: create, find: find, update: update, delete: delete)
            .on(Endpoints.Workflows.clone, use: clone)
    }

    @Sendable func list(_ request: Request, context: ConsoleContext) async throws -> Response {
        let identity = try context.authenticated()
        let query = request.queryItems
        let page = try PageRequest(query: query, sortable: ["created_at", "updated_at", "name"])
        guard let scope = WorkflowStore.Scope(rawValue: query["scope"] ?? "accessible") else {
            throw ConsoleError.validation(["scope: must be one of accessible, owned, public"])
        }
        let result = try await workflows.list(teamID: identity.teamID, scope: scope, page: page)
        return try JSONResponse.success(result.items.map { WorkflowView.workflow($0, teamID: identity.teamID) }, meta: result.meta)
    }

    @Sendable func create(_ request: Request, context: ConsoleContext) async throws -> Response {
        let identity = try context.authenticated()
        var request = request
        let changes = try WorkflowChanges(body: try await request.jsonBody(), creating: true)
        let workflow = changes.newWorkflow(teamID: identity.teamID, now: context.now)
        try await workflows.create(workflow)
        return try JSONResponse.success(WorkflowView.workflow(workflow, teamID: identity.teamID), status: .created)
    }

    @Sendable func clone(_ request: Request, context: ConsoleContext) async throws -> Response {
        let identity = try context.authenticated()
        var request = request
        var reader = FieldReader(body: try await request.jsonBody())
        let source = reader.string("source_workflow_id", required: true, maxLength: 128)
        try reader.finish()
        guard let copy = try await workflows.clone(id: source!, teamID: identity.teamID) else { throw Self.notFound }
        return try JSONResponse.success(WorkflowView.workflow(copy, teamID: identity.teamID), status: .created)
    }

    @Sendable func find(_ request: Request, context: ConsoleContext) async throws -> Response {
        let identity = try context.authenticated()
        guard let workflow = try await workflows.find(id: try context.pathID("workflowId"), teamID: identity.teamID) else {
            throw Self.notFound
        }
        return try JSONResponse.success(WorkflowView.workflow(workflow, teamID: identity.teamID))
    }

    @Sendable func update(_ request: Request, context: ConsoleContext) async throws -> Response {
        let identity = try context.authenticated()
        var request = request
        let changes = try WorkflowChanges(body: try await request.jsonBody(), creating: false)
        guard let workflow = try await workflows.update(id: try context.pathID("workflowId"), teamID: identity.teamID, changes: changes)
        else {
            throw Self.notFound
        }
        return try JSONResponse.success(WorkflowView.workflow(workflow, teamID: identity.teamID))
    }

    @Sendable func delete(_ request: Request, context: ConsoleContext) async throws -> Response {
        let identity = try context.authenticated()
        guard try await workflows.delete(id: try context.pathID("workflowId"), teamID: identity.teamID) else { throw Self.notFound }
        return try JSONResponse.success(JSONValue.null)
    }
}
