import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import SwitchboardCore

/// Why talking to an MCP server failed, in words.
public struct MCPError: Error, Sendable, CustomStringConvertible {
    public let description: String
    /// The HTTP status when the server refused a request with one.
    public let status: Int?
    /// The JSON-RPC error code when the server answered with one.
    public let code: Int?
    /// The revisions the server supports, when it refused ours (`-32022`).
    public let supported: [String]

    public init(_ description: String, status: Int? = nil, code: Int? = nil, supported: [String] = []) {
        self.description = description
        self.status = status
        self.code = code
        self.supported = supported
    }

    /// The stateless era's answer to a revision the server does not speak.
    static let unsupportedVersion = -32022

    /// Whether the server's answer suggests it now speaks another era than the one
    /// remembered: a refused revision (`-32022`), or a 400, 404 or 405 without a
    /// JSON-RPC error.
    var looksLikeEraChange: Bool {
        code == Self.unsupportedVersion || (code == nil && [400, 404, 405].contains(status ?? 0))
    }
}

/// An MCP server as configured for an integration.
public struct MCPServerConfig: Sendable {
    public enum Transport: String, Sendable {
        case streamableHTTP = "streamable_http"
        case httpSSE = "http_sse"
    }
    public let url: String
    public let transport: Transport
    /// The integration's authentication headers, sent on every request.
    public let headers: [(String, String)]
    /// Takes the integration's credentials out of anything the server says.
    public let redactor: Redactor
    /// The revision the server spoke last time (its era follows), so it is not
    /// asked again; nil to find out.
    public var knownVersion: String?
    /// Whose session-era sessions may be kept for the next operation (an
    /// integration id); nil keeps none.
    public var keepAs: String?

    public init(url: String, transport: Transport, auth: AuthSettings?) {
        self.init(url: url, transport: transport, headers: auth?.header.map { [($0.name, $0.value)] } ?? [], redactor: Redactor(auth: auth))
    }

    public init(url: String, transport: Transport, headers: [(String, String)], redactor: Redactor) {
        self.url = url
        self.transport = transport
        self.headers = headers
        self.redactor = redactor
    }
}

/// What the handshake (`initialize` or `server/discover`) told us about the server.
public struct MCPServerInfo: Sendable, Equatable {
    public let name: String
    public let version: String
    public let protocolVersion: String
    /// `stateless`, `session` or `legacy HTTP+SSE`.
    public var era = ""
}

/// A tool as `tools/list` describes it.
public struct MCPTool: Sendable, Equatable {
    public let name: String
    public let title: String?
    public let description: String?
    public let inputSchema: JSONValue
}

/// An MCP client over the two HTTP transports, on AsyncHTTPClient and the outbound
/// guard, in every era: stateless (2026-07-28) first, the session era when the
/// server does not speak it, the legacy HTTP+SSE transport when configured so.
/// Session-era sessions are kept per integration for the next operation.
public struct MCPClient: Sendable {
    /// Revisions of the stateless era, newest first.
    public static let statelessVersions = ["2026-07-28"]
    /// Revisions negotiated with `initialize`, newest first.
    public static let sessionVersions = ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"]
    public static let maxPages = 50
    public static let maxTools = 1000

    let http: GuardedHTTP
    let requestTimeout: TimeInterval
    let operationTimeout: TimeInterval
    /// Session-era sessions kept between operations.
    public let kept: MCPSessionPool

    public init(http: GuardedHTTP, requestTimeout: TimeInterval = 30, operationTimeout: TimeInterval = 60) {
        self.http = http
        self.requestTimeout = requestTimeout
        self.operationTimeout = operationTimeout
        kept = MCPSessionPool()
    }

    /// Runs `body` with a session to `server`: a kept one, or a new one that speaks
    /// the remembered era or finds out which (`fresh` always finds out and keeps
    /// nothing from before). All of it within the operation timeout, each request
    /// within the request timeout. A remembered era the server no longer speaks
    /// is found out again, once. What the server says in an error has the
    /// integration's credentials taken out.
    public func withSession<T: Sendable>(
        _ server: MCPServerConfig, fresh: Bool = false, _ body: @escaping @Sendable (MCPSession) async throws -> T
    ) async throws(MCPError) -> T {
        let deadline = NIODeadline.now() + .milliseconds(Int64(operationTimeout * 1000))
        do {
            switch server.transport {
            case .streamableHTTP:
                do {
                    return try await streamable(server, known: fresh ? nil : server.knownVersion, reuse: !fresh, deadline: deadline, body)
                } catch let error as MCPError where !fresh && server.knownVersion != nil && error.looksLikeEraChange {
                    return try await streamable(server, known: nil, reuse: false, deadline: deadline, body)
                }
            case .httpSSE:
                return try await LegacySSESession.run(
                    server: server, http: http, deadline: deadline, requestTimeout: .milliseconds(Int64(requestTimeout * 1000)), body)
            }
        } catch let error as MCPError {
            throw MCPError(server.redactor.redact(error.description), status: error.status, code: error.code, supported: error.supported)
        } catch let error as OutboundError {
            throw MCPError(server.redactor.redact(error.description))
        } catch {
            throw MCPError(String(describing: type(of: error)))
        }
    }

    private func streamable<T: Sendable>(
        _ server: MCPServerConfig, known: String?, reuse: Bool, deadline: NIODeadline,
        _ body: @escaping @Sendable (MCPSession) async throws -> T
    ) async throws -> T {
        let session: StreamableHTTPSession
        if reuse, let key = server.keepAs, let kept = kept.take(key, for: server) {
            session = kept
            session.begin(deadline: deadline)
        } else {
            session = StreamableHTTPSession(server: server, http: http, requestTimeout: requestTimeout, deadline: deadline)
            do {
                try await session.open(known: known)
            } catch {
                await session.close()
                throw error
            }
        }
        do {
            let result = try await body(session)
            if let key = server.keepAs, session.sessionID != nil {
                for dropped in kept.put(session, as: key, for: server) { await dropped.close() }
            } else {
                await session.close()
            }
            return result
        } catch {
            await session.close()
            throw error
        }
    }
}

/// A negotiated connection to an MCP server.
public class MCPSession {
    public internal(set) var info = MCPServerInfo(name: "", version: "", protocolVersion: "")
    /// The era a session opened with `initialize` is in.
    var handshakeEra: String { "session" }
    var nextID = 1

    /// Sends a request and waits for its result; `headers` are the stateless era's `Mcp-Param-*`.
    func request(_ method: String, _ params: JSONValue, headers: [(String, String)]) async throws -> JSONValue { fatalError("subclass") }

    func request(_ method: String, _ params: JSONValue) async throws -> JSONValue {
        try await request(method, params, headers: [])
    }

    /// Sends a notification (no answer).
    func notify(_ method: String, _ params: JSONValue) async throws { fatalError("subclass") }

    func initialize() async throws {
        let result = try await request(
            "initialize",
            .object([
                "protocolVersion": .string(MCPClient.sessionVersions[0]), "capabilities": .object([:]),
                "clientInfo": .object(["name": .string("Switchboard"), "version": .string("0.1.0")]),
            ]))
        guard case .object(let fields) = result, case .string(let version)? = fields["protocolVersion"] else {
            throw MCPError("protocol error: the initialize answer has no protocolVersion")
        }
        guard MCPClient.sessionVersions.contains(version) else {
            throw MCPError("protocol error: the server speaks MCP \(version), which this client does not support")
        }
        var name = "MCP server"
        var serverVersion = ""
        if case .object(let server)? = fields["serverInfo"] {
            if case .string(let text)? = server["name"] { name = text }
            if case .string(let text)? = server["version"] { serverVersion = text }
        }
        info = MCPServerInfo(name: name, version: serverVersion, protocolVersion: version, era: handshakeEra)
        try await notify("notifications/initialized", .object([:]))
    }

    /// Every page of `tools/list`: follows `nextCursor`, stops on a repeated cursor, at most 50 pages and 1000 tools.
    public func listTools() async throws -> [MCPTool] {
        var tools: [MCPTool] = []
        var cursor: String?
        var seen: Set<String> = []
        for _ in 0..<MCPClient.maxPages {
            let params: JSONValue = cursor.map { .object(["cursor": .string($0)]) } ?? .object([:])
            guard case .object(let result) = try await request("tools/list", params), case .array(let items)? = result["tools"] else {
                throw MCPError("protocol error: tools/list answered without tools")
            }
            for item in items {
                guard case .object(let tool) = item, case .string(let name)? = tool["name"] else { continue }
                let text = { (key: String) -> String? in if case .string(let value)? = tool[key] { value } else { nil } }
                tools.append(
                    MCPTool(
                        name: name, title: text("title"), description: text("description"), inputSchema: tool["inputSchema"] ?? .object([:])
                    ))
                if tools.count >= MCPClient.maxTools { return tools }
            }
            guard case .string(let next)? = result["nextCursor"], !next.isEmpty, seen.insert(next).inserted else { break }
            cursor = next
        }
        return tools
    }

    /// `tools/call`: the result object (`content`, `isError`, `structuredContent`, or
    /// `resultType: "input_required"`). Arguments the tool's `inputSchema` marks with
    /// `x-mcp-header` are mirrored as `Mcp-Param-*` headers.
    public func callTool(_ name: String, arguments: JSONValue, inputSchema: JSONValue = .null) async throws -> JSONValue {
        try await request(
            "tools/call", .object(["name": .string(name), "arguments": arguments]),
            headers: MCPParamHeaders.headers(schema: inputSchema, arguments: arguments))
    }

    func takeID() -> Int {
        defer { nextID += 1 }
        return nextID
    }

    /// The result of the JSON-RPC answer with `id` among `messages`, or nil when it is not there.
    static func result(for id: Int, in message: JSONValue) throws -> JSONValue? {
        let candidates: [JSONValue] = if case .array(let batch) = message { batch } else { [message] }
        for candidate in candidates {
            guard case .object(let fields) = candidate, fields["id"] == .int(id) else { continue }
            if let error = rpcError(fields) { throw error }
            return fields["result"] ?? .null
        }
        return nil
    }

    /// The error a JSON-RPC message carries, whatever its id.
    static func rpcError(_ fields: [String: JSONValue], status: Int? = nil) -> MCPError? {
        guard case .object(let error)? = fields["error"], case .number(let number)? = error["code"], let code = number.int else {
            return nil
        }
        let text = error["message"].flatMap { if case .string(let s) = $0 { s } else { nil } } ?? "error"
        var supported: [String] = []
        if case .object(let data)? = error["data"], case .array(let versions)? = data["supported"] {
            supported = versions.compactMap { if case .string(let v) = $0 { v } else { nil } }
        }
        return MCPError("the server answered error \(code): \(text)", status: status, code: code, supported: supported)
    }

    static func encode(_ id: Int?, _ method: String, _ params: JSONValue) -> Data {
        var message: [String: JSONValue] = ["jsonrpc": .string("2.0"), "method": .string(method), "params": params]
        if let id { message["id"] = .int(id) }
        return Data(JSONValue.object(message).serialized)
    }

    public static func parse(_ text: String) -> JSONValue? {
        JSONValue.parse(upstream: text.utf8)
    }
}
