import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SwitchboardCore
import SwitchboardStore

/// `/agents/{agentId}/mcp`: the agent's MCP server over Streamable HTTP, in both
/// eras on one URL; `/agents/{agentId}/toolsets/{toolsetId}/mcp` the same for a
/// toolset, whose tools are only those it holds. A request whose `MCP-Protocol-Version` header names a
/// stateless revision (2026-07-28) stands alone; anything else belongs to the
/// session era (`initialize`, then `Mcp-Session-Id`, sessions kept in the database).
/// Keys, scope (`actions:execute`), rate limits and request ids are the console's.
struct GatewayRoutes {
    let lookup: PathLookup
    let sessions: MCPSessionStore
    let gateway: MCPGateway
    let feed: ToolChangeFeed
    let toolsets: ToolsetStore
    let allowedOrigins: Set<String>
    let limits: GatewayLimits
    let slots: StreamSlots

    static let sessionHeader = HTTPField.Name("Mcp-Session-Id")!
    static let versionHeader = HTTPField.Name("MCP-Protocol-Version")!
    static let methodHeader = HTTPField.Name("Mcp-Method")!
    static let nameHeader = HTTPField.Name("Mcp-Name")!

    func register(on routes: ConsoleRoutes) {
        routes.on(Endpoints.Gateway.post, use: post)
            .on(Endpoints.Gateway.stream, use: listen)
            .on(Endpoints.Gateway.end, use: end)
            .on(Endpoints.Gateway.toolsetPost, use: post)
            .on(Endpoints.Gateway.toolsetStream, use: listen)
            .on(Endpoints.Gateway.toolsetEnd, use: end)
    }

    @Sendable func post(_ request: Request, context: ConsoleContext) async throws -> Response {
        let (agent, toolset) = try await checked(request, context)
        guard let mode = Self.toolsMode(request) else {
            let error = RPCError(code: RPCError.invalidRequest, "Bad request: ?tools= must be one of all, search, auto")
            return Self.reply(error.reply(to: nil), status: .badRequest, request: request)
        }
        var request = request
        let body = try await BodyReader.collect(&request)
        switch RPCRequest.read(Array(body.readableBytesView)) {
        case .failure(let error):
            return Self.reply(error.reply(to: nil), status: error.httpStatus, request: request)
        case .success(let message):
            // Only what the mode changes asks whether the gateway searches (a read); a direct call needs no answer.
            let asks =
                ["initialize", "server/discover", "tools/list"].contains(message.method)
                || [ToolSearchTools.search, ToolSearchTools.call].contains(message.params["name"]?.stringValue ?? "")
            let searching =
                asks ? try await gateway.searches(mode, agentID: agent.id, toolset: toolset, threshold: limits.searchThreshold) : false
            let caller = { (stateless: Bool) in
                MCPGateway.Caller(
                    agent: agent, identity: try context.authenticated(), requestID: context.requestID, stateless: stateless,
                    toolset: toolset,
                    searching: searching)
            }
            if let version = request.headers[Self.versionHeader], !MCPGateway.sessionVersions.contains(version) {
                return try await stateless(message, version: version, request: request, caller: try caller(true))
            }
            return try await session(message, request: request, caller: try caller(false))
        }
    }

    /// `?tools=all|search|auto` (auto unless told); nil for anything else.
    static func toolsMode(_ request: Request) -> MCPGateway.ToolsMode? {
        guard let asked = request.uri.queryParameters["tools"].map(String.init) else { return .auto }
        return MCPGateway.ToolsMode(rawValue: asked)
    }

    /// The session era's stream of server messages: tool list changes.
    @Sendable func listen(_ request: Request, context: ConsoleContext) async throws -> Response {
        guard let id = request.headers[Self.sessionHeader] else { return Self.sessionRequired(request) }
        let (agent, toolset) = try await checked(request, context)
        let keyID = try context.authenticated().keyID
        guard try await sessions.find(id: id, agentID: agent.id, keyID: keyID) != nil else {
            return Self.sessionNotFound(request)
        }
        if let toolset {
            let changes = try await toolsetChanges.changes(toolset)
            return stream(keyID: keyID, id: nil, request: request) { slot in GatewayStream.response(changes: changes, slot: slot) }
        }
        return stream(keyID: keyID, id: nil, request: request) { slot in
            GatewayStream.response(changes: feed.changes(agentID: agent.id), slot: slot)
        }
    }

    var toolsetChanges: ToolsetChanges { ToolsetChanges(feed: feed, toolsets: toolsets, gateway: gateway) }

    @Sendable func end(_ request: Request, context: ConsoleContext) async throws -> Response {
        guard let id = request.headers[Self.sessionHeader] else { return Self.sessionRequired(request) }
        let (agent, _) = try await checked(request, context)
        guard try await sessions.end(id: id, agentID: agent.id, keyID: try context.authenticated().keyID) else {
            return Self.sessionNotFound(request)
        }
        return Response(status: .ok)
    }

    /// The team's agent and the toolset the URL names (if it names one), once the
    /// `Origin` (when a browser sent one) is allowed.
    private func checked(_ request: Request, _ context: ConsoleContext) async throws -> (Agent, Toolset?) {
        if let origin = request.headers[.origin], !allowedOrigins.contains(origin) {
            throw ConsoleError.forbidden("Origin \(origin.prefix(200)) may not use the MCP gateway.")
        }
        let agent = try await lookup.agent(context)
        guard let toolsetID = context.parameters.get("toolsetId") else { return (agent, nil) }
        guard let toolset = try await toolsets.find(id: toolsetID, agentID: agent.id) else { throw Toolset.notFound }
        return (agent, toolset)
    }

    /// The 2026-07-28 checks, in the specification's order: the `_meta` envelope, the
    /// headers against the body, then the version.
    private func stateless(_ message: RPCRequest, version: String, request: Request, caller: MCPGateway.Caller) async throws
        -> Response
    {
        guard case .object(let meta)? = message.params["_meta"],
            let declared = meta["io.modelcontextprotocol/protocolVersion"], meta["io.modelcontextprotocol/clientCapabilities"] != nil
        else {
            return Self.fail(
                RPCError(
                    code: RPCError.invalidParams,
                    "Invalid params: params._meta must carry io.modelcontextprotocol/protocolVersion and clientCapabilities"),
                message, request)
        }
        if declared != .string(version) {
            return Self.fail(mismatch("MCP-Protocol-Version", "the protocol version in params._meta"), message, request)
        }
        if request.headers[Self.methodHeader] != message.method {
            return Self.fail(mismatch("Mcp-Method", "the method"), message, request)
        }
        if message.method == "tools/call", let name = message.params["name"]?.stringValue,
            Self.decodeHeader(request.headers[Self.nameHeader]) != name
        {
            return Self.fail(mismatch("Mcp-Name", "the tool's name"), message, request)
        }
        guard MCPGateway.statelessVersions.contains(version) else {
            let supported = JSONValue.array((MCPGateway.statelessVersions + MCPGateway.sessionVersions).map(JSONValue.string))
            return Self.fail(
                RPCError(
                    code: RPCError.unsupportedVersion, "Unsupported protocol version: \(version.prefix(64))",
                    data: .object(["supported": supported, "requested": .string(version)])),
                message, request)
        }
        guard let id = message.id else { return Response(status: .accepted) }
        if message.method == "subscriptions/listen" {
            let changes: any AsyncSequence<Void, Never> & Sendable =
                if let toolset = caller.toolset { try await toolsetChanges.changes(toolset) } else {
                    feed.changes(agentID: caller.agent.id)
                }
            return stream(keyID: caller.identity.keyID, id: id, request: request) { slot in
                listen(message, id: id, changes: changes, slot: slot)
            }
        }
        return try await answer(message, caller: caller, request: request)
    }

    /// `subscriptions/listen`: the answer is the stream. It opens with the
    /// acknowledgement of what will be sent (tool list changes, if asked for) and
    /// stamps every frame with the request's id.
    private func listen(
        _ message: RPCRequest, id: JSONValue, changes: any AsyncSequence<Void, Never> & Sendable, slot: StreamSlots.Slot
    ) -> Response {
        let tools = message.params["notifications"]?.value(at: "toolsListChanged") == .bool(true)
        let stamp = JSONValue.object(["io.modelcontextprotocol/subscriptionId": id])
        let acknowledged = JSONValue.object([
            "jsonrpc": .string("2.0"), "method": .string("notifications/subscriptions/acknowledged"),
            "params": .object([
                "notifications": .object(tools ? ["toolsListChanged": .bool(true)] : [:]),
                "_meta": stamp,
            ]),
        ])
        let silent: any AsyncSequence<Void, Never> & Sendable = AsyncStream<Void> { _ in }
        return GatewayStream.response(changes: tools ? changes : silent, slot: slot, first: [acknowledged], stamp: stamp)
    }

    private func mismatch(_ header: String, _ what: String) -> RPCError {
        RPCError(code: RPCError.headerMismatch, "Header mismatch: \(header) does not match \(what) in the body")
    }

    private func session(_ message: RPCRequest, request: Request, caller: MCPGateway.Caller) async throws -> Response {
        if message.method == "initialize" {
            guard message.id != nil else { return Response(status: .accepted) }
            let asked = message.params["protocolVersion"]?.stringValue ?? ""
            let version = MCPGateway.sessionVersions.contains(asked) ? asked : MCPGateway.sessionVersions[0]
            guard
                let session = try await sessions.start(
                    agent: caller.agent, keyID: caller.identity.keyID, protocolVersion: version, limit: limits.sessionsPerKey)
            else {
                return Self.tooMany(
                    "Too many sessions: this API key has \(limits.sessionsPerKey) live sessions of the MCP gateway, the most it may; "
                        + "end one (DELETE with its Mcp-Session-Id) or wait for one to expire",
                    id: message.id, retryAfter: 60, request: request)
            }
            var response = Self.reply(
                message.result(MCPGateway.initialized(version: version, toolset: caller.toolset, searching: caller.searching)), status: .ok,
                request: request)
            response.headers[Self.sessionHeader] = session.id
            return response
        }
        guard let id = request.headers[Self.sessionHeader] else {
            let error = RPCError(code: RPCError.invalidRequest, "Bad request: the Mcp-Session-Id header is required; send initialize first")
            return Self.reply(error.reply(to: message.id), status: .badRequest, request: request)
        }
        guard try await sessions.find(id: id, agentID: caller.agent.id, keyID: caller.identity.keyID) != nil else {
            return Self.sessionNotFound(request)
        }
        guard message.id != nil else { return Response(status: .accepted) }
        return try await answer(message, caller: caller, request: request)
    }

    private func answer(_ message: RPCRequest, caller: MCPGateway.Caller, request: Request) async throws -> Response {
        switch try await gateway.answer(message, caller: caller) {
        case .success(let result): return Self.reply(message.result(result), status: .ok, request: request)
        case .failure(let error): return Self.fail(error, message, request, stateless: caller.stateless)
        }
    }

    private static func fail(_ error: RPCError, _ message: RPCRequest, _ request: Request, stateless: Bool = true) -> Response {
        reply(error.reply(to: message.id), status: stateless ? error.httpStatus : .ok, request: request)
    }

    /// 429 with a JSON-RPC error and `Retry-After`: a cap of the gateway is reached.
    static func tooMany(_ message: String, id: JSONValue?, retryAfter: Int, request: Request) -> Response {
        var response = reply(RPCError(code: RPCError.serverBusy, message).reply(to: id), status: .tooManyRequests, request: request)
        response.headers[.retryAfter] = String(retryAfter)
        return response
    }

    /// An event stream opened with a slot of the key's, or 429 when a cap is reached.
    private func stream(keyID: String, id: JSONValue?, request: Request, _ open: (StreamSlots.Slot) -> Response) -> Response {
        switch slots.take(keyID: keyID) {
        case .success(let slot): return open(slot)
        case .failure(.key):
            return Self.tooMany(
                "Too many open streams: this API key has \(slots.perKey) open, the most it may; close one and retry", id: id,
                retryAfter: 30, request: request)
        case .failure(.process):
            return Self.tooMany(
                "Too many open streams on this server (\(slots.total)); retry later", id: id, retryAfter: 30, request: request)
        }
    }

    private static func sessionRequired(_ request: Request) -> Response {
        let error = RPCError(code: RPCError.invalidRequest, "Bad request: the Mcp-Session-Id header is required")
        return reply(error.reply(to: nil), status: .badRequest, request: request)
    }

    private static func sessionNotFound(_ request: Request) -> Response {
        reply(RPCError(code: -32001, "Session not found").reply(to: nil), status: .notFound, request: request)
    }

    /// JSON, or one server-sent event when the client takes only event streams.
    static func reply(_ body: JSONValue, status: HTTPResponse.Status, request: Request) -> Response {
        let accept = request.headers[.accept]?.lowercased() ?? ""
        if accept.contains("text/event-stream") && !accept.contains("application/json") && !accept.contains("*/*") {
            return Response(
                status: status, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
                body: .init(byteBuffer: ByteBuffer(string: "event: message\ndata: \(body.jsonText)\n\n")))
        }
        return JSONResponse.json(body.serialized, status: status)
    }

    /// `Mcp-Name` as sent: verbatim, or `=?base64?...?=` for values a header cannot carry.
    static func decodeHeader(_ value: String?) -> String? {
        guard let value, value.hasPrefix("=?base64?"), value.hasSuffix("?=") else { return value }
        let payload = value.dropFirst("=?base64?".count).dropLast(2)
        guard let data = Data(base64Encoded: String(payload)) else { return nil }
        return String(data: data, encoding: .utf8)
    }
}
