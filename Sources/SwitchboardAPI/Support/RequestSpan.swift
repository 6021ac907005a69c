import HTTPTypes
import Hummingbird
import NIOCore
import Tracing

/// The server span of a request, with the OpenTelemetry HTTP semantic conventions.
/// Only the route's template, the method, the status and addresses are recorded:
/// never a query, a header value beyond the user agent, a body or a path with ids.
/// The attributes are gathered here and given to the span once, as the request ends:
/// each change of an exported span's attributes copies all of them under a lock.
final class RequestSpan: @unchecked Sendable {
    // Unchecked: only the request's own task touches `attributes`, one middleware after another.
    let span: any Span
    private var attributes = SpanAttributes()

    init(_ span: any Span, request: Request, context: ConsoleContext) {
        self.span = span
        attributes["http.request.method"] = request.method.rawValue
        attributes["url.scheme"] = "http"
        if let authority = request.head.authority {
            let (host, port) = Self.split(authority)
            attributes["server.address"] = host
            if let port { attributes["server.port"] = port }
        }
        if let address = context.remoteAddress?.ipAddress { attributes["client.address"] = address }
        if let agent = request.headers[.userAgent] { attributes["user_agent.original"] = String(agent.prefix(256)) }
        attributes["switchboard.request_id"] = context.requestID
    }

    /// Who the request acts as, once the key is known; the agent when the route names one.
    func identify(teamID: String, agentID: String?) {
        attributes["switchboard.team_id"] = teamID
        attributes["switchboard.agent_id"] = agentID
    }

    func finish(method: String, route: String?, status: Int) {
        if let route { span.operationName = "\(method) \(route)" }
        attributes["http.route"] = route
        attributes["http.response.status_code"] = status
        span.attributes = attributes
        // Server spans are errors for 5xx only: a 4xx is the client's mistake.
        if status >= 500 { span.setStatus(.init(code: .error)) }
    }

    static func split(_ authority: String) -> (String, Int?) {
        if authority.hasPrefix("["), let end = authority.firstIndex(of: "]") {
            let host = String(authority[authority.index(after: authority.startIndex)..<end])
            let rest = authority[authority.index(after: end)...]
            return (host, rest.hasPrefix(":") ? Int(rest.dropFirst()) : nil)
        }
        let parts = authority.split(separator: ":", maxSplits: 1)
        return (String(parts.first ?? ""), parts.count == 2 ? Int(parts[1]) : nil)
    }
}

/// Reads trace context (`traceparent`, `tracestate`) from request headers.
struct HTTPFieldsExtractor: Extractor {
    func extract(key name: String, from headers: HTTPFields) -> String? {
        HTTPField.Name(name).flatMap { headers[$0] }
    }
}
