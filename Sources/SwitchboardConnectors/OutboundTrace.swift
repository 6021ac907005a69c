import AsyncHTTPClient
import Foundation
import NIOHTTP1
import Tracing

/// The client span of each outbound HTTP call, and the `traceparent` it carries so
/// that the upstream's own traces join ours. What a span may say of a URL: its
/// scheme, host, port and path — or, for a tool's call, the path's template, since
/// a filled-in path holds argument values — and the query's names, never its
/// values nor any userinfo.
public enum OutboundTrace {
    /// The URL template of the tool whose call is being made (`https://api.example.com/users/{id}`).
    @TaskLocal public static var urlTemplate: String?
    /// The JSON-RPC method of the MCP message being sent (`tools/call`).
    @TaskLocal public static var mcpMethod: String?

    /// Runs `body` in a client span for `method` to `url`, with `headers` plus the trace context.
    static func withClientSpan<T>(
        _ method: HTTPMethod, _ url: String, host: String, headers: HTTPHeaders,
        _ body: (any Span, HTTPHeaders) async throws -> T
    ) async throws -> T {
        let (mcpMethod, template) = (Self.mcpMethod, Self.urlTemplate)
        let name = mcpMethod.map { "\($0) \(host)" } ?? method.rawValue
        return try await withQuietSpan(name, ofKind: .client) { span in
            if span.isRecording {
                // A new span's attributes are set whole: each change copies them under a lock.
                var attributes = SpanAttributes()
                attributes["http.request.method"] = method.rawValue
                attributes["server.address"] = host
                let shown = safeURL(template ?? url)
                attributes["url.full"] = shown.url
                if let port = shown.port { attributes["server.port"] = port }
                if template != nil { attributes["url.template"] = shown.url }
                if let mcpMethod { attributes["mcp.method.name"] = mcpMethod }
                span.attributes = attributes
            }
            var headers = headers
            InstrumentationSystem.instrument.inject(ServiceContext.current ?? .topLevel, into: &headers, using: HTTPHeadersInjector())
            return try await body(span, headers)
        }
    }

    static func record(status: Int, on span: any Span) {
        guard span.isRecording else { return }
        span.attributes["http.response.status_code"] = status
        if status >= 400 { span.setStatus(.init(code: .error)) }
    }

    /// `url` without userinfo, with every query value replaced by `REDACTED`, and its port (given or the scheme's).
    static func safeURL(_ url: String) -> (url: String, port: Int?) {
        var head = Substring(url)
        var query: Substring?
        if let mark = url.firstIndex(of: "?") {
            head = url[..<mark]
            query = url[url.index(after: mark)...]
        }
        if let hash = head.firstIndex(of: "#") { head = head[..<hash] }
        var port: Int?
        if let schemeEnd = head.range(of: "://") {
            let scheme = head[..<schemeEnd.lowerBound].lowercased()
            let afterScheme = head[schemeEnd.upperBound...]
            let authorityEnd = afterScheme.firstIndex(of: "/") ?? afterScheme.endIndex
            var authority = afterScheme[..<authorityEnd]
            if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
            if let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]") {
                port = Int(authority[authority.index(after: colon)...])
            }
            port = port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : nil)
            head = Substring("\(scheme)://\(authority)\(afterScheme[authorityEnd...])")
        }
        guard let query, !query.isEmpty else { return (String(head), port) }
        let names = query.split(separator: "&").map { pair in
            let name = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[0]
            return "\(name)=REDACTED"
        }
        return ("\(head)?\(names.joined(separator: "&"))", port)
    }
}

/// Writes trace context (`traceparent`, `tracestate`) into request headers.
struct HTTPHeadersInjector: Injector {
    func inject(_ value: String, forKey key: String, into headers: inout HTTPHeaders) {
        headers.replaceOrAdd(name: key, value: value)
    }
}
