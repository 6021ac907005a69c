import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import SwitchboardCore

/// Streamable HTTP (MCP 2025-03-26 to 2025-11-25): each message is a POST whose
/// answer is JSON or an SSE stream; the session id and protocol version are echoed.
final class StreamableHTTPSession: MCPSession {
    let server: MCPServerConfig
    let http: GuardedHTTP
    let requestTimeout: TimeInterval
    let deadline: NIODeadline
    var sessionID: String?
    var negotiated: String?
    var reinitialized = false

    struct SessionGone: Error {}

    /// What one POST brought back.
    struct Answer: Sendable {
        var sessionID: String?
        var result: JSONValue?
    }

    init(server: MCPServerConfig, http: GuardedHTTP, requestTimeout: TimeInterval, deadline: NIODeadline) {
        self.server = server
        self.http = http
        self.requestTimeout = requestTimeout
        self.deadline = deadline
    }

    override func initialize() async throws {
        try await super.initialize()
        negotiated = info.protocolVersion
    }

    /// Ends the session at the server (`DELETE` with its id), as the transport asks
    /// of a client that is done; a server that does not allow it is left alone.
    func close() async {
        guard let sessionID else { return }
        var headers = server.headers
        headers.append(("Mcp-Session-Id", sessionID))
        if let negotiated { headers.append(("MCP-Protocol-Version", negotiated)) }
        let limit = TimeAmount.seconds(5)
        _ = try? await http.withResponse(.DELETE, server.url, headers: headers, body: nil, deadline: .now() + limit, idle: limit) {
            response in
            _ = try await BoundedRead.collect(response.body, maxBytes: 64 << 10)
        }
        self.sessionID = nil
    }

    override func request(_ method: String, _ params: JSONValue) async throws -> JSONValue {
        do {
            return try await post(method, params, id: takeID()) ?? .null
        } catch is SessionGone where method != "initialize" && !reinitialized {
            // The server forgot the session: start a new one, once, and try again.
            reinitialized = true
            sessionID = nil
            negotiated = nil
            try await initialize()
            return try await request(method, params)
        } catch is SessionGone {
            throw MCPError("HTTP 404: the server ended the session")
        }
    }

    override func notify(_ method: String, _ params: JSONValue) async throws {
        do {
            _ = try await post(method, params, id: nil)
        } catch is SessionGone {
            throw MCPError("HTTP 404: the server ended the session")
        }
    }

    private func post(_ method: String, _ params: JSONValue, id: Int?) async throws -> JSONValue? {
        var headers = [("Content-Type", "application/json"), ("Accept", "application/json, text/event-stream")]
        headers += server.headers
        if let sessionID { headers.append(("Mcp-Session-Id", sessionID)) }
        if let negotiated { headers.append(("MCP-Protocol-Version", negotiated)) }
        let limit = TimeAmount.milliseconds(Int64(requestTimeout * 1000))
        let hasSession = sessionID != nil
        let answer = try await http.withResponse(
            .POST, server.url, headers: headers, body: Self.encode(id, method, params), deadline: min(deadline, .now() + limit), idle: limit
        ) { response in
            try await Self.read(response, id: id, hasSession: hasSession)
        }
        if let session = answer.sessionID { sessionID = session }
        return answer.result
    }

    /// The answer to request `id` (none for a notification), from JSON or an event stream.
    private static func read(_ response: HTTPClientResponse, id: Int?, hasSession: Bool) async throws -> Answer {
        let status = Int(response.status.code)
        if status == 404 && hasSession { throw SessionGone() }
        guard (200..<300).contains(status) else { throw MCPError("HTTP \(status)", status: status) }
        var answer = Answer(sessionID: response.headers.first(name: "mcp-session-id"))
        guard let id else { return answer }
        let contentType = response.headers.first(name: "content-type")?.lowercased() ?? ""
        if contentType.hasPrefix("text/event-stream") {
            var parser = SSEParser()
            try await BoundedRead.forEachChunk(of: response.body, maxBytes: GuardedHTTP.maxBody) { chunk in
                for event in try parser.feed(chunk) where event.event == "message" {
                    if let message = parse(event.data), let result = try result(for: id, in: message) {
                        answer.result = result
                        return false
                    }
                }
                return true
            }
            guard answer.result != nil else { throw MCPError("protocol error: the event stream ended without an answer") }
            return answer
        }
        let bytes = try await BoundedRead.collect(response.body, maxBytes: GuardedHTTP.maxBody)
        guard let message = parse(String(buffer: bytes)), let result = try result(for: id, in: message) else {
            throw MCPError("protocol error: the answer is not a JSON-RPC response to the request")
        }
        answer.result = result
        return answer
    }
}

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

    override func request(_ method: String, _ params: JSONValue) async throws -> JSONValue {
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

    override func notify(_ method: String, _ params: JSONValue) async throws {
        try await post(method, params, id: nil)
    }

    private func post(_ method: String, _ params: JSONValue, id: Int?) async throws {
        var headers = [("Content-Type", "application/json")]
        headers += server.headers
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
