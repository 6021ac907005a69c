import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import SwitchboardCore

/// Streamable HTTP: each message is a POST whose answer is JSON or an SSE stream.
/// In the session era (2025-03-26 to 2025-11-25) `initialize` opens a session whose
/// id and revision every later request echoes. In the stateless era (2026-07-28)
/// there is no session: every request carries the revision, the client's
/// capabilities and its method (and tool name) in `_meta` and in headers.
///
/// One task at a time uses a session: the pool hands a kept one to one operation.
final class StreamableHTTPSession: MCPSession, @unchecked Sendable {
    enum Era { case stateless, session }

    let server: MCPServerConfig
    let http: GuardedHTTP
    let requestTimeout: TimeInterval
    var deadline: NIODeadline
    var era = Era.session
    var sessionID: String?
    var negotiated: String?
    var reinitialized = false
    /// When the session last answered, for the pool's idle limit.
    var lastUsed = NIODeadline.now()

    struct SessionGone: Error {}

    /// What one POST brought back.
    struct Answer: Sendable {
        var sessionID: String?
        var result: JSONValue?
    }

    /// The methods whose name (or URI) the stateless era repeats in `Mcp-Name`.
    static let namedBy = ["tools/call": "name", "prompts/get": "name", "resources/read": "uri"]

    init(server: MCPServerConfig, http: GuardedHTTP, requestTimeout: TimeInterval, deadline: NIODeadline) {
        self.server = server
        self.http = http
        self.requestTimeout = requestTimeout
        self.deadline = deadline
    }

    /// Starts another operation on a kept session.
    func begin(deadline: NIODeadline) {
        self.deadline = deadline
        reinitialized = false
    }

    /// Speaks the era of `known` (a revision), or finds out the server's: it is
    /// asked `server/discover` first; anything that is not a stateless answer (an
    /// error, a 4xx, a discover that offers no stateless revision) means the
    /// session era. A failure to reach the server is not an answer and is thrown.
    func open(known: String?) async throws {
        if let known, MCPClient.statelessVersions.contains(known) {
            era = .stateless
            negotiated = known
            info = MCPServerInfo(name: "", version: "", protocolVersion: known, era: "stateless")
            return
        }
        if known == nil, try await discover() { return }
        era = .session
        negotiated = nil
        try await initialize()
    }

    /// Whether the server answered `server/discover` in the stateless era.
    private func discover() async throws -> Bool {
        era = .stateless
        negotiated = MCPClient.statelessVersions[0]
        let result: JSONValue
        do {
            result = try await request("server/discover", .object([:]))
        } catch let error as MCPError {
            let ours = MCPClient.statelessVersions + MCPClient.sessionVersions
            if error.code == MCPError.unsupportedVersion, !error.supported.isEmpty, Set(error.supported).isDisjoint(with: ours) {
                throw MCPError("the server speaks MCP \(error.supported.joined(separator: ", ")), which this client does not support")
            }
            return false
        }
        guard case .object(let fields) = result, case .array(let offered)? = fields["supportedVersions"],
            let version = MCPClient.statelessVersions.first(where: { offered.contains(.string($0)) })
        else { return false }
        negotiated = version
        var name = "MCP server"
        var serverVersion = ""
        if case .object(let meta)? = fields["_meta"], case .object(let about)? = meta["io.modelcontextprotocol/serverInfo"] {
            if case .string(let text)? = about["name"] { name = text }
            if case .string(let text)? = about["version"] { serverVersion = text }
        }
        info = MCPServerInfo(name: name, version: serverVersion, protocolVersion: version, era: "stateless")
        return true
    }

    override func initialize() async throws {
        try await super.initialize()
        negotiated = info.protocolVersion
    }

    /// Ends a session-era session at the server (`DELETE` with its id), as the
    /// transport asks of a client that is done; a server that does not allow it is
    /// left alone.
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

    override func request(_ method: String, _ params: JSONValue, headers: [(String, String)]) async throws -> JSONValue {
        do {
            return try await post(method, params, id: takeID(), extra: headers) ?? .null
        } catch is SessionGone where method != "initialize" && !reinitialized {
            // The server forgot the session: start a new one, once, and try again.
            reinitialized = true
            sessionID = nil
            negotiated = nil
            try await initialize()
            return try await request(method, params, headers: headers)
        } catch is SessionGone {
            throw MCPError("HTTP 404: the server ended the session", status: 404)
        }
    }

    override func notify(_ method: String, _ params: JSONValue) async throws {
        do {
            _ = try await post(method, params, id: nil, extra: [])
        } catch is SessionGone {
            throw MCPError("HTTP 404: the server ended the session", status: 404)
        }
    }

    private func post(_ method: String, _ params: JSONValue, id: Int?, extra: [(String, String)]) async throws -> JSONValue? {
        var headers = [("Content-Type", "application/json"), ("Accept", "application/json, text/event-stream")]
        headers += server.headers
        if let sessionID { headers.append(("Mcp-Session-Id", sessionID)) }
        if let negotiated { headers.append(("MCP-Protocol-Version", negotiated)) }
        var params = params
        if era == .stateless { stamp(method, &params, &headers, extra: extra) }
        let limit = TimeAmount.milliseconds(Int64(requestTimeout * 1000))
        let hasSession = sessionID != nil
        let answer = try await OutboundTrace.$mcpMethod.withValue(method) {
            try await http.withResponse(
                .POST, server.url, headers: headers, body: Self.encode(id, method, params), deadline: min(deadline, .now() + limit),
                idle: limit
            ) { response in
                try await Self.read(response, id: id, hasSession: hasSession)
            }
        }
        if let session = answer.sessionID, era == .session { sessionID = session }
        lastUsed = .now()
        return answer.result
    }

    /// How long a stream that brought its answer may take to end. The server closes
    /// it after the answer, and a stream read to its end leaves the connection to
    /// be used again; one kept open longer is cut (and its connection closed).
    static let streamEnd = TimeAmount.milliseconds(250)

    /// The answer to request `id` from an event stream, which is then read to its
    /// end for at most `streamEnd`.
    private static func firstAnswer(in body: HTTPClientResponse.Body, id: Int) async throws -> JSONValue {
        let (answers, found) = AsyncThrowingStream<JSONValue, any Error>.makeStream()
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                var parser = SSEParser()
                var answered = false
                do {
                    try await BoundedRead.forEachChunk(of: body, maxBytes: GuardedHTTP.maxBody) { chunk in
                        for event in try parser.feed(chunk) where !answered && event.event == "message" {
                            if let message = parse(event.data), let result = try result(for: id, in: message) {
                                answered = true
                                found.yield(result)
                            }
                        }
                        return true
                    }
                    found.finish()
                } catch {
                    found.finish(throwing: error)
                }
            }
            defer { group.cancelAll() }
            var next = answers.makeAsyncIterator()
            guard let result = try await next.next() else { throw MCPError("protocol error: the event stream ended without an answer") }
            group.addTask { try await Task.sleep(nanoseconds: UInt64(streamEnd.nanoseconds)) }
            _ = try? await group.next()
            return result
        }
    }

    /// What the stateless era adds to every request: `_meta` with the revision, the
    /// client and its capabilities; `Mcp-Method`, `Mcp-Name` and `Mcp-Param-*`.
    private func stamp(_ method: String, _ params: inout JSONValue, _ headers: inout [(String, String)], extra: [(String, String)]) {
        guard case .object(var fields) = params, let negotiated else { return }
        var meta: [String: JSONValue] = if case .object(let given)? = fields["_meta"] { given } else { [:] }
        meta["io.modelcontextprotocol/protocolVersion"] = .string(negotiated)
        meta["io.modelcontextprotocol/clientInfo"] = .object(["name": .string("Switchboard"), "version": .string("0.1.0")])
        meta["io.modelcontextprotocol/clientCapabilities"] = .object([:])
        fields["_meta"] = .object(meta)
        params = .object(fields)
        headers.append(("Mcp-Method", method))
        if let key = Self.namedBy[method], case .string(let name)? = fields[key] {
            headers.append(("Mcp-Name", MCPParamHeaders.encode(name)))
        }
        headers += extra
    }

    /// The answer to request `id` (none for a notification), from JSON or an event
    /// stream. A refusal says what the server said when it answered in JSON-RPC.
    private static func read(_ response: HTTPClientResponse, id: Int?, hasSession: Bool) async throws -> Answer {
        let status = Int(response.status.code)
        if status == 404 && hasSession { throw SessionGone() }
        guard (200..<300).contains(status) else {
            let bytes = try? await BoundedRead.collect(response.body, maxBytes: 64 << 10)
            if let bytes, case .object(let fields)? = parse(String(buffer: bytes)), let error = rpcError(fields, status: status) {
                throw error
            }
            throw MCPError("HTTP \(status)", status: status)
        }
        var answer = Answer(sessionID: response.headers.first(name: "mcp-session-id"))
        guard let id else { return answer }
        let contentType = response.headers.first(name: "content-type")?.lowercased() ?? ""
        if contentType.hasPrefix("text/event-stream") {
            answer.result = try await firstAnswer(in: response.body, id: id)
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
