import SwitchboardConnectors
import SwitchboardCore
import Tracing

/// The internal span of an action run (execute, approval) and what it says: ids,
/// names, the integration's type, the source and the outcome — never arguments
/// or output. A run that failed upstream marks the span as an error.
/// Each change of an exported span's attributes copies all of them under a lock, so a
/// run's span is given its attributes twice: what is known at the start, the rest at the end.
enum ActionSpan {
    static func run<T>(_ verb: String, _ action: Action, source: Execution.Source, _ body: (any Span) async throws -> T)
        async throws -> T
    {
        try await withQuietSpan("\(verb) \(action.actionName)") { span in
            if span.isRecording {
                var attributes = SpanAttributes()
                describe(action, in: &attributes)
                attributes["switchboard.execution.source"] = source.rawValue
                span.attributes = attributes
            }
            return try await body(span)
        }
    }

    static func describe(_ action: Action, in attributes: inout SpanAttributes) {
        attributes["switchboard.action.id"] = action.id
        attributes["switchboard.action.name"] = action.actionName
        attributes["switchboard.integration.id"] = action.integrationID
    }

    /// The outcome, with the action and integration where they are known; a failed run is an error.
    static func finish(_ execution: Execution, action: Action? = nil, integration: Integration? = nil, on span: any Span) {
        guard span.isRecording else { return }
        span.updateAttributes { attributes in
            if let action { describe(action, in: &attributes) }
            if let integration {
                attributes["switchboard.integration.id"] = integration.id
                attributes["switchboard.integration.type"] = integration.type
            }
            attributes["switchboard.execution.id"] = execution.id
            attributes["switchboard.execution.source"] = execution.source.rawValue
            attributes["switchboard.execution.status"] = execution.status.rawValue
        }
        if execution.status == .failed { span.setStatus(.init(code: .error, message: "the action failed")) }
    }

    /// How a run's upstream call went, for the metrics: `success`, `http_error` (an answer that is not a success) or `error`.
    static func upstreamOutcome(_ outcome: Execution.Outcome) -> String {
        if outcome.succeeded { return "success" }
        return outcome.upstreamStatus != nil ? "http_error" : "error"
    }
}
