import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import SwitchboardCore

/// The HTTP+SSE transport of MCP 2024-11-05: a GET opens an event stream whose
/// first `endpoint` event names where to POST; answers come back on the stream.
final class LegacySSESession: MCPSession {
    let server: MCPServerConfig
    let http: GuardedHTTP
    let deadline: NIODeadline
    let requestTimeout: TimeAmount
    var endpoint = ""
    var events: HTTPClientResponse.Body.AsyncIterator
    var parser = SSEParser()
    var pending: [SSEEvent] = []
    /// Bytes of the stream read since the last request was sent: what one answer may
    /// take is capped as an answer of the streamable transport is.
    var streamed = 0

    init(
        server: MCPServerConfig, http: GuardedHTTP, deadline: NIODeadline, requestTimeout: TimeAmount,
        events: HTTPClientResponse.Body.AsyncIterator
    ) {
        self.server = server
        self.http = http
        self.deadline = deadline
        self.requestTimeout = requestTimeout
        self.events = events
    }

    static func run<T: Sendable>(
        server: MCPServerConfig, http: GuardedHTTP, deadline: NIODeadline, requestTimeout: TimeAmount,
        _ body: @escaping @Sendable (MCPSession) async throws -> T
    ) async throws -> T {
        var headers = [("Accept", "text/event-stream")]
        headers += server.headers
        // The stream stays open for the whole session: no more than a request's time may pass without a byte.
        return try await http.withResponse(.GET, server.url, headers: headers, body: nil, deadline: deadline, idle: requestTimeout) {
            response in
            guard (200..<300).contains(Int(response.status.code)) else {
                throw MCPError("HTTP \(response.status.code)", status: Int(response.status.code))
            }
            let session = LegacySSESession(
                server: server, http: http, deadline: deadline, requestTimeout: requestTimeout, events: response.body.makeAsyncIterator())
            let first = try await session.nextEvent()
            guard first.event == "endpoint", let endpoint = URL(string: first.data, relativeTo: URL(string: server.url))?.absoluteString
            else {
                throw MCPError("protocol error: the event stream did not start with an endpoint event")
            }
            guard GuardedHTTP.origin(endpoint) == GuardedHTTP.origin(server.url) else {
                throw MCPError("protocol error: the endpoint \(endpoint) is not on the server's origin")
            }
            session.endpoint = endpoint
            try await session.initialize()
            return try await body(session)
        }
    }

    /// The next event of the stream; comments (pings) count as nothing, so `by`
    /// bounds how long a stream that only pings can keep a request waiting.
    func nextEvent(by answerBy: NIODeadline? = nil) async throws -> SSEEvent {
        while pending.isEmpty {
            if let answerBy, NIODeadline.now() >= answerBy { throw MCPError("timed out") }
            guard let chunk = try await events.next() else { throw MCPError("protocol error: the event stream closed") }
            try BoundedRead.countChunk(chunk, total: &streamed, maxBytes: GuardedHTTP.maxBody)
            pending = try parser.feed(chunk)
            await Task.yield()
        }
        return pending.removeFirst()
    }

    override func request(_ method: String, _ params: JSONValue, headers: [(String, String)]) async throws -> JSONValue {
        let id = takeID()
        try await post(method, params, id: id)
        streamed = 0
        // A server that keeps the stream alive (pings) but never answers is cut at the request limit.
        let answerBy = NIODeadline.now() + requestTimeout
        while true {
            let event = try await nextEvent(by: answerBy)
            guard event.event == "message", let message = Self.parse(event.data) else { continue }
            if let result = try Self.result(for: id, in: message) { return result }
        }
    }

    override var handshakeEra: String { "legacy HTTP+SSE" }

    override func notify(_ method: String, _ params: JSONValue) async throws {
        try await post(method, params, id: nil)
    }

    private func post(_ method: String, _ params: JSONValue, id: Int?) async throws {
        var headers = [("Content-Type", "application/json")]
        headers += server.headers
        try await OutboundTrace.$mcpMethod.withValue(method) {
            try await http.withResponse(
                .POST, endpoint, headers: headers, body: Self.encode(id, method, params), deadline: min(deadline, .now() + requestTimeout),
                idle: requestTimeout
            ) { response in
                guard (200..<300).contains(Int(response.status.code)) else {
                    throw MCPError("HTTP \(response.status.code)", status: Int(response.status.code))
                }
                _ = try await BoundedRead.collect(response.body, maxBytes: GuardedHTTP.maxBody)
            }
        }
    }
}
