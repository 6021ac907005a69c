import Hummingbird
import SwitchboardCore
import SwitchboardStore

/// `GET /audit-events`: the team's append-only record of changes.
struct AuditRoutes {
    let audit: AuditStore

    func register(on routes: ConsoleRoutes) {
        routes.on(Endpoints.auditEvents, use: list)
    }

    @Sendable func list(_ request: Request, context: ConsoleContext) async throws -> Response {
        let identity = try context.authenticated()
        let query = request.queryItems
        let page = try PageRequest(query: query.filter { $0.key != "search" }, sortable: ["created_at"])
        let filters = try request.filters(["agent_id", "action"])
        let result = try await audit.list(teamID: identity.teamID, agentID: filters["agent_id"], action: filters["action"], page: page)
        return try JSONResponse.success(result.items.map(Self.event), meta: result.meta)
    }

    static func event(_ event: AuditStore.Event) -> JSONValue {
        .object([
            "id": .string(event.id), "key_id": .optional(event.keyID), "action": .string(event.action),
            "method": .optional(event.method), "route": .optional(event.route), "agent_id": .optional(event.agentID),
            "target_id": .optional(event.targetID), "outcome": .string(event.outcome),
            "status": event.status.map { .int($0) } ?? .null, "request_id": .optional(event.requestID),
            "created_at": .string(event.createdAt.iso8601),
        ])
    }
}
