import Foundation
import SwitchboardConnectors
import SwitchboardCore
import SwitchboardStore
import Tracing

/// Running actions, with human approval where an action asks for it, and the record of each run.
struct ActionService: Sendable {
    let actions: ActionStore
    let integrations: IntegrationStore
    let executions: ExecutionStore
    let runner: ActionRunner
    let clock: any TimeSource
    let metrics: ServerMetrics

    static let actionNotFound = ConsoleError.notFound("Action not found")
    static let disabled = ConsoleError.conflict("Action is disabled")
    /// Output kept in the record is cut at this many bytes of JSON.
    static let recordLimit = 8 * 1024

    /// `POST .../actions/{actionId}/execute`: the body holds only `arguments`.
    func execute(actionID: String, agent: Agent, body: JSONValue?, keyID: String) async throws -> Execution {
        guard let action = try await actions.find(id: actionID, agentID: agent.id) else { throw Self.actionNotFound }
        var reader = FieldReader(body: body)
        let arguments = reader.raw("arguments") ?? .object([:])
        reader.refuseUnknown()
        return try await execute(action, agent: agent, arguments: arguments, keyID: keyID, source: .api, bodyProblems: reader.problems)
    }

    /// Runs the action now, or records it as awaiting approval (`status: pending_approval`).
    /// Arguments that fail the action's schema are a validation error naming every
    /// problem, and nothing is sent.
    func execute(
        _ action: Action, agent: Agent, arguments: JSONValue, keyID: String, source: Execution.Source, bodyProblems: [String] = []
    ) async throws -> Execution {
        try await ActionSpan.run("execute", action, source: source) { span in
            try await execute(
                action, agent: agent, arguments: arguments, keyID: keyID, source: source, bodyProblems: bodyProblems, span: span)
        }
    }

    private func execute(
        _ action: Action, agent: Agent, arguments: JSONValue, keyID: String, source: Execution.Source, bodyProblems: [String],
        span: any Span
    ) async throws -> Execution {
        let started = ContinuousClock.now
        var problems = bodyProblems + ArgumentValidator.problems(arguments, schema: action.inputSchema)
        let found = try await integrations.find(id: action.integrationID)
        if let found { problems += runner.problems(action, of: found, arguments: arguments) }
        if !problems.isEmpty { throw ConsoleError.validation(problems) }
        let integration = try runnable(action, found)
        let execution = Execution(
            id: Identifier.make("exe_"), teamID: agent.teamID, agentID: agent.id, actionID: action.id, actionName: action.actionName,
            status: action.requireHumanApproval ? .pendingApproval : .running, requestedBy: keyID, arguments: arguments,
            createdAt: clock.now().truncatedToMillis, source: source)
        try await executions.create(execution)
        if action.requireHumanApproval {
            metrics.execution(integrationType: integration.type, source: source.rawValue, status: execution.status.rawValue, duration: nil)
            ActionSpan.finish(execution, integration: integration, on: span)
            return execution
        }
        let done = try await run(execution, action: action, integration: integration, since: started)
        ActionSpan.finish(done, integration: integration, on: span)
        return done
    }

    /// What execute checks before anything is sent, checked again when an approval
    /// is decided: the action is enabled and its integration still connected.
    private func runnable(_ action: Action, _ integration: Integration?) throws -> Integration {
        guard action.isEnabled else { throw Self.disabled }
        guard let integration else { throw Integration.notFound }
        return integration
    }

    /// Approves (and runs) or rejects a pending execution.
    func decide(executionID: String, agent: Agent, approve: Bool, keyID: String) async throws -> Execution {
        try await withQuietSpan(approve ? "approve" : "reject") { span in
            if span.isRecording { span.attributes["switchboard.execution.id"] = executionID }
            let (execution, ran) = try await decide(executionID: executionID, agent: agent, approve: approve, keyID: keyID)
            ActionSpan.finish(execution, action: ran?.0, integration: ran?.1, on: span)
            return execution
        }
    }

    /// The decided execution, and the action and integration when it ran.
    private func decide(executionID: String, agent: Agent, approve: Bool, keyID: String) async throws -> (
        Execution, (Action, Integration)?
    ) {
        // An approval runs the action as it is now: one disabled or disconnected
        // since it was requested is refused and the execution stays pending.
        var checked: (Action, Integration)?
        if approve, let pending = try await executions.find(id: executionID, agentID: agent.id), pending.status == .pendingApproval,
            let action = try await actions.find(id: pending.actionID, agentID: agent.id)
        {
            checked = (action, try runnable(action, try await integrations.find(id: action.integrationID)))
        }
        switch try await executions.decide(id: executionID, agentID: agent.id, approve: approve, by: keyID) {
        case .notFound: throw Execution.notFound
        case .alreadyDecided: throw ConsoleError.conflict("Execution has already been decided")
        case .expired: throw ConsoleError.conflict("Execution has expired")
        case .decided(let execution):
            guard approve else { return (execution, nil) }
            guard let (action, integration) = checked, action.id == execution.actionID else {
                var gone = execution
                gone.status = .failed
                gone.message = "The action no longer exists"
                gone.finishedAt = clock.now()
                try await executions.finish(gone)
                return (gone, nil)
            }
            return (try await run(execution, action: action, integration: integration, since: .now), (action, integration))
        }
    }

    /// Runs an execution that needs no (more) approval and records the outcome; `since` is when the request began.
    private func run(
        _ execution: Execution, action: Action, integration: Integration, since: ContinuousClock.Instant
    ) async throws -> Execution {
        let started = ContinuousClock.now
        let outcome = try await runner.run(action, integration: integration, arguments: execution.arguments)
        metrics.upstream(integrationType: integration.type, outcome: ActionSpan.upstreamOutcome(outcome), duration: .now - started)
        var done = execution
        done.status = outcome.succeeded ? .succeeded : .failed
        done.output = outcome.output
        done.message = outcome.message
        done.requestLine = outcome.requestLine
        done.upstreamStatus = outcome.upstreamStatus
        done.finishedAt = clock.now()
        done.durationMS = Int((ContinuousClock.now - started) / .milliseconds(1))
        var recorded = done
        recorded.output = done.output.map(Self.cut)
        try await executions.finish(recorded)
        metrics.execution(
            integrationType: integration.type, source: done.source.rawValue, status: done.status.rawValue, duration: .now - since)
        return done
    }

    /// Output bigger than the record keeps is replaced by its beginning.
    /// So is output nested deeper than a record can be read back.
    static func cut(_ output: JSONValue) -> JSONValue {
        let text = output.text
        guard text.utf8.count > recordLimit || output.depth > DiscoveredTool.maxSchemaDepth else { return output }
        return .object(["truncated": .bool(true), "preview": .string(String(decoding: text.utf8.prefix(recordLimit), as: UTF8.self))])
    }
}
