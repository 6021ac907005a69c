import SwitchboardCore

/// The contract's JSON for executions.
enum ExecutionView {
    /// What execute answers for an execution awaiting approval, and reject answers.
    static func decision(_ execution: Execution) -> JSONValue {
        .object(["execution_id": .string(execution.id), "status": .string(execution.status.rawValue)])
    }

    /// The answer to execute or approve.
    static func result(_ execution: Execution) -> JSONValue {
        .object([
            "execution_id": .string(execution.id), "status": .string(execution.status.rawValue), "output": execution.output ?? .null,
            "message": .optional(execution.message), "upstream_status": execution.upstreamStatus.map { .int($0) } ?? .null,
            "duration_ms": execution.durationMS.map { .int($0) } ?? .null,
        ])
    }

    /// The record of a run, as listed.
    static func record(_ execution: Execution) -> JSONValue {
        .object([
            "id": .string(execution.id), "action_id": .string(execution.actionID), "action_name": .string(execution.actionName),
            "status": .string(execution.status.rawValue), "source": .string(execution.source.rawValue),
            "requested_by": .string(execution.requestedBy),
            "decided_by": .optional(execution.decidedBy), "arguments": execution.arguments,
            "request_line": .optional(execution.requestLine),
            "upstream_status": execution.upstreamStatus.map { .int($0) } ?? .null,
            "output": execution.output ?? .null, "message": .optional(execution.message),
            "created_at": .string(execution.createdAt.iso8601), "finished_at": execution.finishedAt.map { .string($0.iso8601) } ?? .null,
            "duration_ms": execution.durationMS.map { .int($0) } ?? .null,
        ])
    }
}
