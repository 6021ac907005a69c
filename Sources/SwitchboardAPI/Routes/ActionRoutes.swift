import Hummingbird
import SwitchboardCore
import SwitchboardStore

/// `/agents/{agentId}/actions...` and `/executions...`: list, enable, disable, run and approve actions.
struct ActionRoutes {
    let lookup: PathLookup
    let integrations: IntegrationStore
    let actions: ActionStore
    let executions: ExecutionStore
    let service: ActionService

    func register(on routes: ConsoleRoutes) {
        routes.on(Endpoints.Actions.list, use: list)
            .on(Endpoints.Actions.find, use: action)
            .on(Endpoints.Actions.enable) { request, context in try await setEnabled(true, request, context) }
            .on(Endpoints.Actions.disable) { request, context in try await setEnabled(false, request, context) }
            .on(Endpoints.Actions.execute, use: execute)
            .on(Endpoints.Actions.approve) { _, context in try await decide(true, context) }
            .on(Endpoints.Actions.reject) { _, context in try await decide(false, context) }
            .on(Endpoints.Actions.executions, use: executionList)
            .on(Endpoints.Actions.execution, use: execution)
    }

    @Sendable func list(_ request: Request, context: ConsoleContext) async throws -> Response {
        let agent = try await lookup.agent(context)
        let live = Dictionary(uniqueKeysWithValues: try await integrations.live(agentID: agent.id).map { ($0.id, $0) })
        return try JSONResponse.success(
            try await actions.list(agentID: agent.id).compactMap { action -> JSONValue? in
                live[action.integrationID].map { ActionView.listed(action, of: $0) }
            })
    }

    /// One action with its input schema and, while it waits for review, what changed.
    @Sendable func action(_ request: Request, context: ConsoleContext) async throws -> Response {
        let agent = try await lookup.agent(context)
        guard let action = try await actions.find(id: try context.pathID("actionId"), agentID: agent.id),
            let integration = try await integrations.find(id: action.integrationID, agentID: agent.id)
        else { throw Action.notFound }
        return try JSONResponse.success(ActionView.detail(action, of: integration))
    }

    func setEnabled(_ enabled: Bool, _ request: Request, _ context: ConsoleContext) async throws -> Response {
        let agent = try await lookup.agent(context)
        var request = request
        var reader = FieldReader(body: try await request.jsonBody())
        var ids: [String] = []
        if let raw = reader.raw("action_ids"), case .array(let items) = raw, (1...100).contains(items.count),
            items.allSatisfy({ if case .string = $0 { true } else { false } })
        {
            ids = items.compactMap(\.stringValue)
        } else {
            reader.add("action_ids", "must be a list of 1 to 100 action ids")
        }
        try reader.finish()
        let count = try await actions.setEnabled(enabled, ids: ids, agentID: agent.id)
        return try JSONResponse.success(JSONValue.object(["updated_count": .int(count)]))
    }

    @Sendable func execute(_ request: Request, context: ConsoleContext) async throws -> Response {
        let agent = try await lookup.agent(context)
        var request = request
        let execution = try await service.execute(
            actionID: try context.pathID("actionId"), agent: agent, body: try await request.jsonBody(),
            keyID: context.identity?.keyID ?? "")
        if execution.status == .pendingApproval {
            return try JSONResponse.success(ExecutionView.decision(execution), status: .accepted)
        }
        return try JSONResponse.success(ExecutionView.result(execution))
    }

    func decide(_ approve: Bool, _ context: ConsoleContext) async throws -> Response {
        let agent = try await lookup.agent(context)
        let execution = try await service.decide(
            executionID: try context.pathID("executionId"), agent: agent, approve: approve, keyID: context.identity?.keyID ?? "")
        return try JSONResponse.success(approve ? ExecutionView.result(execution) : ExecutionView.decision(execution))
    }

    @Sendable func executionList(_ request: Request, context: ConsoleContext) async throws -> Response {
        let agent = try await lookup.agent(context)
        let query = request.queryItems
        let page = try PageRequest(query: query.filter { $0.key != "search" }, sortable: ["created_at"])
        if let status = query["status"], Execution.Status(rawValue: status) == nil {
            throw ConsoleError.validation([
                "status: must be one of \(Execution.Status.allCases.map(\.rawValue).joined(separator: ", "))"
            ])
        }
        let filters = try request.filters(["status", "action_id"])
        let result = try await executions.list(agentID: agent.id, status: filters["status"], actionID: filters["action_id"], page: page)
        return try JSONResponse.success(result.items.map(ExecutionView.record), meta: result.meta)
    }

    @Sendable func execution(_ request: Request, context: ConsoleContext) async throws -> Response {
        let agent = try await lookup.agent(context)
        guard let execution = try await executions.find(id: try context.pathID("executionId"), agentID: agent.id) else {
            throw Execution.notFound
        }
        return try JSONResponse.success(ExecutionView.record(execution))
    }
}
