import Foundation
import SQLKit
import SwitchboardCore

/// The record of every action run, and the approval state machine: a pending
/// execution is decided once, atomically, even when decisions race.
public struct ExecutionStore: Store {
    public enum Decision: Sendable, Equatable {
        case decided(Execution)
        case alreadyDecided
        case expired
        case notFound
    }

    public let base: StoreBase
    public init(base: StoreBase) { self.base = base }

    /// Records a new run; one waiting for approval is an event for the team's webhooks.
    public func create(_ execution: Execution) async throws {
        let waits = execution.status == .pendingApproval
        let body: @Sendable (any SQLDatabase) async throws -> Void = { db in
            try await db.raw(
                """
                INSERT INTO executions (id, team_id, agent_id, action_id, action_name, status, requested_by, arguments, created_at, source)
                VALUES (\(bind: execution.id), \(bind: execution.teamID), \(bind: execution.agentID), \(bind: execution.actionID),
                    \(bind: execution.actionName), \(bind: execution.status.rawValue), \(bind: execution.requestedBy),
                    \(bind: try Self.encode(execution.arguments)), \(bind: execution.createdAt.millis), \(bind: execution.source.rawValue))
                """
            ).run()
            if waits {
                try await WebhookEvents.record(
                    "execution.pending_approval", teamID: execution.teamID, data: WebhookEvents.data(execution), at: execution.createdAt,
                    on: db)
            }
        }
        try await waits ? database.transaction(body) : database.write(body)
    }

    /// Records how a run ended, and tells the team's webhooks.
    public func finish(_ execution: Execution) async throws {
        let now = clock.now()
        try await database.transaction { db in
            try await db.raw(
                """
                UPDATE executions SET status = \(bind: execution.status.rawValue), request_line = \(bind: execution.requestLine),
                upstream_status = \(bind: execution.upstreamStatus), output = \(bind: try execution.output.map(Self.encode)),
                message = \(bind: execution.message), finished_at = \(bind: execution.finishedAt?.millis),
                duration_ms = \(bind: execution.durationMS) WHERE id = \(bind: execution.id)
                """
            ).run()
            try await WebhookEvents.record(
                "execution.\(execution.status.rawValue)", teamID: execution.teamID, data: WebhookEvents.data(execution), at: now, on: db)
        }
    }

    /// Moves a pending execution to `running` (approve) or `rejected`, once.
    public func decide(id: String, agentID: String, approve: Bool, by keyID: String) async throws -> Decision {
        let now = clock.now()
        let oldest = now.addingTimeInterval(-Execution.approvalWindow).millis
        return try await database.transaction { db in
            guard
                let row = try await db.raw(
                    """
                    SELECT * FROM executions WHERE id = \(bind: id) AND agent_id = \(bind: agentID)
                    """
                ).first()
            else { return .notFound }
            var execution = try Self.execution(row)
            guard execution.status == .pendingApproval else { return execution.status == .expired ? .expired : .alreadyDecided }
            if execution.createdAt.millis <= oldest {
                try await db.raw(
                    """
                    UPDATE executions SET status = 'expired', finished_at = \(bind: now.millis) WHERE id = \(bind: id)
                    """
                ).run()
                execution.status = .expired
                try await WebhookEvents.record(
                    "execution.expired", teamID: execution.teamID, data: WebhookEvents.data(execution), at: now, on: db)
                return .expired
            }
            execution.status = approve ? .running : .rejected
            execution.decidedBy = keyID
            let changed = try await db.raw(
                """
                UPDATE executions SET status = \(bind: execution.status.rawValue), decided_by = \(bind: keyID),
                finished_at = \(bind: approve ? nil : now.millis)
                WHERE id = \(bind: id) AND status = 'pending_approval' RETURNING id
                """
            ).first()
            guard changed != nil else { return .alreadyDecided }
            if !approve {
                try await WebhookEvents.record(
                    "execution.rejected", teamID: execution.teamID, data: WebhookEvents.data(execution), at: now, on: db)
            }
            return .decided(execution)
        }
    }

    /// How many executions wait for a decision, across all teams (the approvals gauge).
    public func pendingCount() async throws -> Int {
        let oldest = clock.now().addingTimeInterval(-Execution.approvalWindow).millis
        return try await database.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM executions WHERE status = 'pending_approval' AND created_at >= \(bind: oldest)")
                .first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    public func find(id: String, agentID: String) async throws -> Execution? {
        try await database.read { db in
            try await db.raw("SELECT * FROM executions WHERE id = \(bind: id) AND agent_id = \(bind: agentID)").first().map(Self.execution)
        }
    }

    public func list(agentID: String, status: String?, actionID: String?, page: PageRequest) async throws -> Page<Execution> {
        var filter: SQLQueryString = "agent_id = \(bind: agentID)"
        if let status { filter = "\(filter) AND status = \(bind: status)" }
        if let actionID { filter = "\(filter) AND action_id = \(bind: actionID)" }
        let query = ListQuery(table: "executions", filter: filter, sortColumns: ["created_at": "created_at"], searchable: false)
        return try await database.read { try await query.page(page, on: $0, decode: Self.execution) }
    }

    static func encode(_ value: JSONValue) throws -> String { try ActionStore.encode(value) }

    static func execution(_ row: any SQLRow) throws -> Execution {
        func int(_ column: String) throws -> Int? { try row.decodeNil(column: column) ? nil : try row.decode(column: column, as: Int.self) }
        return Execution(
            id: try row.decode(column: "id", as: String.self), teamID: try row.decode(column: "team_id", as: String.self),
            agentID: try row.decode(column: "agent_id", as: String.self), actionID: try row.decode(column: "action_id", as: String.self),
            actionName: try row.decode(column: "action_name", as: String.self),
            status: Execution.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .failed,
            requestedBy: try row.decode(column: "requested_by", as: String.self), decidedBy: try row.optionalString("decided_by"),
            arguments: try ActionStore.decode(try row.decode(column: "arguments", as: String.self)),
            requestLine: try row.optionalString("request_line"), upstreamStatus: try int("upstream_status"),
            output: try row.optionalString("output").map(ActionStore.decode), message: try row.optionalString("message"),
            createdAt: Date(millis: try row.decode(column: "created_at", as: Int64.self)),
            finishedAt: try row.decodeNil(column: "finished_at")
                ? nil : Date(millis: try row.decode(column: "finished_at", as: Int64.self)),
            durationMS: try int("duration_ms"),
            source: Execution.Source(rawValue: try row.decode(column: "source", as: String.self)) ?? .api)
    }
}
