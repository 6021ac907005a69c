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
    public init(_ description: String, status: Int? = nil) {
        self.description = description
        self.status = status
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

/// What `initialize` told us about the server.
public struct MCPServerInfo: Sendable, Equatable {
    public let name: String
    public let version: String
    public let protocolVersion: String
}

/// A tool as `tools/list` describes it.
public struct MCPTool: Sendable, Equatable {
    public let name: String
    public let title: String?
    public let description: String?
    public let inputSchema: JSONValue
}

/// An MCP client over the two HTTP transports, on AsyncHTTPClient and the outbound guard.
public struct MCPClient: Sendable {
    public static let protocolVersions = ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"]
    public static let maxPages = 50
    public static let maxTools = 1000

    let http: GuardedHTTP
    let requestTimeout: TimeInterval
    let operationTimeout: TimeInterval

    public init(http: GuardedHTTP, requestTimeout: TimeInterval = 30, operationTimeout: TimeInterval = 60) {
        self.http = http
        self.requestTimeout = requestTimeout
        self.operationTimeout = operationTimeout
    }

    /// Connects, negotiates, runs `body` with the session, and closes; all of it
    /// within the operation timeout, each request within the request timeout. What
    /// the server says in an error has the integration's credentials taken out.
    public func withSession<T: Sendable>(
        _ server: MCPServerConfig, _ body: @escaping @Sendable (MCPSession) async throws -> T
    ) async throws(MCPError) -> T {
        let deadline = NIODeadline.now() + .milliseconds(Int64(operationTimeout * 1000))
        do {
            switch server.transport {
            case .streamableHTTP:
                let session = StreamableHTTPSession(server: server, http: http, requestTimeout: requestTimeout, deadline: deadline)
                let outcome: Result<T, any Error>
                do {
                    try await session.initialize()
                    outcome = .success(try await body(session))
                } catch {
                    outcome = .failure(error)
                }
                await session.close()
                return try outcome.get()
            case .httpSSE:
                return try await LegacySSESession.run(
                    server: server, http: http, deadline: deadline, requestTimeout: .milliseconds(Int64(requestTimeout * 1000)), body)
            }
        } catch let error as MCPError {
            throw MCPError(server.redactor.redact(error.description), status: error.status)
        } catch let error as OutboundError {
            throw MCPError(server.redactor.redact(error.description))
        } catch {
            throw MCPError(String(describing: type(of: error)))
        }
    }
}

/// A negotiated connection to an MCP server.
public class MCPSession {
    public internal(set) var info = MCPServerInfo(name: "", version: "", protocolVersion: "")
    var nextID = 1

    /// Sends a request and waits for its result.
    func request(_ method: String, _ params: JSONValue) async throws -> JSONValue { fatalError("subclass") }

    /// Sends a notification (no answer).
    func notify(_ method: String, _ params: JSONValue) async throws { fatalError("subclass") }

    func initialize() async throws {
        let result = try await request(
            "initialize",
            .object([
                "protocolVersion": .string(MCPClient.protocolVersions[0]), "capabilities": .object([:]),
                "clientInfo": .object(["name": .string("Switchboard"), "version": .string("0.1.0")]),
            ]))
        guard case .object(let fields) = result, case .string(let version)? = fields["protocolVersion"] else {
            throw MCPError("protocol error: the initialize answer has no protocolVersion")
        }
        guard MCPClient.protocolVersions.contains(version) else {
            throw MCPError("protocol error: the server speaks MCP \(version), which this client does not support")
        }
        var name = "MCP server"
        var serverVersion = ""
        if case .object(let server)? = fields["serverInfo"] {
            if case .string(let text)? = server["name"] { name = text }
            if case .string(let text)? = server["version"] { serverVersion = text }
        }
        info = MCPServerInfo(name: name, version: serverVersion, protocolVersion: version)
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

    /// `tools/call`: the result object (`content`, `isError`, `structuredContent`).
    public func callTool(_ name: String, arguments: JSONValue) async throws -> JSONValue {
        try await request("tools/call", .object(["name": .string(name), "arguments": arguments]))
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
            if case .object(let error)? = fields["error"] {
                let code = error["code"].flatMap { if case .number(let n) = $0 { n.int } else { nil } } ?? 0
                let text = error["message"].flatMap { if case .string(let s) = $0 { s } else { nil } } ?? "error"
                throw MCPError("the server answered error \(code): \(text)")
            }
            return fields["result"] ?? .null
        }
        return nil
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
