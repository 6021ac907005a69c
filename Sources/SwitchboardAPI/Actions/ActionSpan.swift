import SwitchboardCore
import Tracing

/// The internal span of an action run (execute, approval) and what it says: ids,
/// names, the integration's type, the source and the outcome — never arguments
/// or output. A run that failed upstream marks the span as an error.
enum ActionSpan {
    static func run<T>(_ verb: String, _ action: Action, source: Execution.Source, _ body: (any Span) async throws -> T)
        async throws -> T
    {
        try await withSpan("\(verb) \(action.actionName)") { span in
            span.updateAttributes { attributes in
                describe(action, in: &attributes)
                attributes["switchboard.execution.source"] = source.rawValue
            }
            return try await body(span)
        }
    }

    static func describe(_ action: Action, in attributes: inout SpanAttributes) {
        attributes["switchboard.action.id"] = action.id
        attributes["switchboard.action.name"] = action.actionName
        attributes["switchboard.integration.id"] = action.integrationID
    }

    static func integration(_ integration: Integration, on span: any Span) {
        span.updateAttributes { attributes in
            attributes["switchboard.integration.id"] = integration.id
            attributes["switchboard.integration.type"] = integration.type
        }
    }

    static func execution(_ execution: Execution, on span: any Span) {
        span.updateAttributes { attributes in
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
