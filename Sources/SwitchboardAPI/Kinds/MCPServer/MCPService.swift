import Foundation
import SwitchboardConnectors
import SwitchboardCore
import SwitchboardStore

/// MCP server integrations: configure (stored, not called), test, discover tools,
/// and call one.
struct MCPService: Sendable {
    let parts: KindParts
    let client: MCPClient
    /// Servers that require the MCP authorization flow.
    let oauth: MCPOAuth

    init(parts: KindParts) {
        self.parts = parts
        client = parts.mcp
        oauth = MCPOAuth(parts: parts)
    }

    func configure(agent: Agent, setup: MCPServerSetup, limit: Int?) async throws -> Integration {
        try await parts.check(setup.serverURL, field: "server_url")
        if setup.auth.type == "oauth" { return try await oauth.configure(agent: agent, setup: setup, limit: limit) }
        return try await parts.create(
            agent: agent, family: MCPServerKind.family, name: setup.name, config: setup.settings.config, auth: setup.auth,
            limit: limit, status: .pending)
    }

    /// Finds out afresh which era the server speaks, connects and counts the tools;
    /// the integration's status and remembered revision follow (a server still
    /// waiting for its authorization keeps its status).
    func test(_ integration: Integration) async throws -> Result<(info: MCPServerInfo, tools: Int), MCPError> {
        let outcome: Result<(info: MCPServerInfo, tools: Int), MCPError>
        do {
            outcome = .success(
                try await withSession(integration, fresh: true) { session in (session.info, try await session.listTools().count) })
        } catch let error as Unauthorized {
            return .failure(MCPError(error.message))
        } catch {
            outcome = .failure(error as? MCPError ?? MCPError(String(describing: type(of: error))))
        }
        let status: Integration.Status = if case .success = outcome { .active } else { .failed }
        if let current = try await parts.integrations.find(id: integration.id), status != current.status {
            try await parts.integrations.update(id: integration.id, status: status, sealedSecret: current.sealedSecret)
        }
        if case .success(let (info, _)) = outcome { await remember(info.protocolVersion, for: integration) }
        return outcome
    }

    /// Reads every page of the server's tools and makes the integration's actions match.
    func discover(_ integration: Integration) async throws -> DiscoveryResult {
        let tools: [MCPTool]
        let version: String
        do {
            (tools, version) = try await withSession(integration) { (try await $0.listTools(), $0.info.protocolVersion) }
        } catch let error as Unauthorized {
            throw Integration.connectionFailed("Could not discover tools: \(error.message)")
        } catch let error as MCPError {
            throw Integration.connectionFailed("Could not discover tools: \(error.description)")
        }
        await remember(version, for: integration)
        return try await adopt(tools, for: integration)
    }

    /// Runs `body` with a session to the integration's server. An OAuth-protected
    /// server that refuses the access token (401) gets one renewed token and one more try.
    func withSession<T: Sendable>(
        _ integration: Integration, fresh: Bool = false, _ body: @escaping @Sendable (MCPSession) async throws -> T
    ) async throws -> T {
        let (server, token) = try await server(of: integration)
        let first = await attempt(server, fresh: fresh, body)
        guard case .failure(let error) = first, error.status == 401, token != nil else { return try first.get() }
        return try await attempt(try await self.server(of: integration, rejected: token).config, fresh: fresh, body).get()
    }

    private func attempt<T: Sendable>(
        _ server: MCPServerConfig, fresh: Bool, _ body: @escaping @Sendable (MCPSession) async throws -> T
    ) async -> Result<T, MCPError> {
        do {
            return .success(try await client.withSession(server, fresh: fresh, body))
        } catch {
            return .failure(error)
        }
    }

    /// Makes the integration's actions match `tools` (those with usable schemas) and marks it active.
    func adopt(_ tools: [MCPTool], for integration: Integration) async throws -> DiscoveryResult {
        let (usable, refused) = tools.reduce(into: ([MCPTool](), [String]())) { split, tool in
            if tool.inputSchema.depth > DiscoveredTool.maxSchemaDepth {
                split.1.append("\(tool.name.prefix(128)): the input schema is nested deeper than \(DiscoveredTool.maxSchemaDepth) levels")
            } else if let problem = MCPParamHeaders.problem(in: tool.inputSchema) {
                split.1.append("\(tool.name.prefix(128)): \(problem)")
            } else {
                split.0.append(tool)
            }
        }
        var result = try await parts.actions.sync(
            integration, slug: MCPServerSetup.slug(integration.name),
            tools: usable.map { DiscoveredTool(name: $0.name, title: $0.title, description: $0.description, inputSchema: $0.inputSchema) })
        result.skipped = refused
        try await parts.integrations.update(id: integration.id, status: .active, sealedSecret: integration.sealedSecret)
        return result
    }

    /// Calls one tool; what the server answers becomes the outcome, its credentials
    /// taken out. A 401 of an OAuth-protected server is answered as in `withSession`.
    func call(_ action: Action, of integration: Integration, arguments: JSONValue) async throws -> Execution.Outcome {
        let line = "tools/call \(action.definition.mcpName ?? action.actionName)"
        do {
            let (server, token) = try await server(of: integration)
            let first = await call(action, on: server, of: integration, arguments: arguments)
            guard first.error?.status == 401, token != nil else { return first.outcome }
            return await call(
                action, on: try await self.server(of: integration, rejected: token).config, of: integration, arguments: arguments
            )
            .outcome
        } catch let error as Unauthorized {
            return .failed(error.message, requestLine: line)
        } catch let error as MCPError {
            return .failed(error.description, requestLine: line)
        }
    }

    /// Calls `action`'s tool on `server`; the error, when the server could not be
    /// asked, is kept for the caller. The revision the server spoke is remembered.
    func call(
        _ action: Action, on server: MCPServerConfig, of integration: Integration, arguments: JSONValue
    ) async -> (outcome: Execution.Outcome, error: MCPError?) {
        let tool = action.definition.mcpName ?? action.actionName
        let line = "tools/call \(tool)"
        let result: JSONValue
        do {
            let version: String
            (result, version) = try await client.withSession(server) {
                (try await $0.callTool(tool, arguments: arguments, inputSchema: action.inputSchema), $0.info.protocolVersion)
            }
            await remember(version, for: integration)
        } catch {
            return (.failed(error.description, requestLine: line), error)
        }
        guard case .object(let fields) = result else {
            return (.failed("protocol error: the tool result is not an object", requestLine: line), nil)
        }
        if fields["resultType"] == .string("input_required") {
            return (.failed(server.redactor.redact(Self.inputRequired(fields)), requestLine: line), nil)
        }
        let content: [JSONValue] = if case .array(let parts)? = fields["content"] { parts } else { [] }
        let texts = content.compactMap { part -> String? in
            if case .object(let fields) = part, fields["type"] == .string("text"), case .string(let text)? = fields["text"] {
                text
            } else {
                nil
            }
        }
        let failed = fields["isError"] == .bool(true)
        // Text alone reads as before (one JSON text is parsed); any other content is kept part by part.
        let output: JSONValue =
            if let structured = fields["structuredContent"] {
                structured
            } else if texts.count == content.count {
                texts.count == 1 ? (MCPSession.parse(texts[0]) ?? .string(texts[0])) : .array(texts.map(JSONValue.string))
            } else {
                .array(content.map(Self.kept))
            }
        let redactor = server.redactor
        let outcome = Execution.Outcome(
            succeeded: !failed, output: redactor.redact(output), message: failed ? redactor.redact(texts.joined(separator: "\n")) : nil,
            requestLine: line, upstreamStatus: nil)
        return (outcome, nil)
    }

    /// What a server that asked for input (the stateless era's `input_required`) wanted, in words.
    static func inputRequired(_ fields: [String: JSONValue]) -> String {
        var asked: [String] = []
        if case .object(let requests)? = fields["inputRequests"] {
            for (_, request) in requests.sorted(by: { $0.key < $1.key }) {
                guard case .object(let request) = request, case .string(let method)? = request["method"] else { continue }
                if case .object(let params)? = request["params"], case .string(let message)? = params["message"] {
                    asked.append("\(method): \(message.prefix(500))")
                } else {
                    asked.append(method)
                }
            }
        }
        let what = asked.isEmpty ? "" : " (\(asked.joined(separator: "; ")))"
        return "The server needs more input before it can finish\(what), which a tool call through Switchboard cannot give."
    }

    /// Remembers the revision the server spoke, when it is not the one remembered. It
    /// only spares the next call a handshake, so a failure to store it fails nothing.
    func remember(_ version: String, for integration: Integration) async {
        guard !version.isEmpty, integration.settings(MCPServerSettings.self)?.protocolVersion != version else { return }
        try? await parts.integrations.merge(
            id: integration.id, config: [MCPServerSettings.CodingKeys.protocolVersion.stringValue: .string(version)])
    }

    /// The most base64 text of an image, audio or blob kept in an output (the record keeps 8 KiB).
    static let inlineData = 8 << 10

    /// A content part as the output keeps it: binary data larger than `inlineData`
    /// is replaced by its size in bytes.
    static func kept(_ part: JSONValue) -> JSONValue {
        guard case .object(var fields) = part else { return part }
        func shrink(_ fields: inout [String: JSONValue], key: String) {
            guard case .string(let data)? = fields[key], data.utf8.count > inlineData else { return }
            fields[key] = nil
            fields["size"] = .int(data.utf8.count / 4 * 3 - data.suffix(2).filter { $0 == "=" }.count)
            fields["omitted"] = .string("\(key) larger than \(inlineData / 1024) KiB of base64")
        }
        shrink(&fields, key: "data")
        if case .object(var resource)? = fields["resource"] {
            shrink(&resource, key: "blob")
            fields["resource"] = .object(resource)
        }
        return .object(fields)
    }

    /// An OAuth-protected server the integration holds no usable authorization for.
    struct Unauthorized: Error {
        let message: String
    }

    /// Where and how to reach the integration's server, in the era it spoke last,
    /// and the OAuth access token it is given, if any (renewed when due or `rejected`).
    /// Not optimized: Swift 6.3.1's optimizer crashes (signal 11 while splitting the
    /// coroutine) on this function in release builds; it runs once per MCP call.
    @_optimize(none)
    func server(of integration: Integration, rejected: String? = nil) async throws -> (config: MCPServerConfig, token: String?) {
        guard let settings = integration.settings(MCPServerSettings.self) else { throw ConsoleError.internalError }
        let transport = MCPServerConfig.Transport(rawValue: settings.transport) ?? .streamableHTTP
        var server: MCPServerConfig
        var token: String?
        if settings.authType == "oauth" {
            let grant = try await authorizedGrant(of: integration, rejected: rejected)
            token = grant.tokens.accessToken
            server = MCPServerConfig(
                url: settings.serverURL, transport: transport, headers: [("Authorization", "Bearer \(grant.tokens.accessToken)")],
                redactor: Redactor(secrets: grant.secretForms))
        } else {
            server = MCPServerConfig(
                url: settings.serverURL, transport: transport, auth: try parts.secrets.auth(integration.sealedSecret, owner: integration.id)
            )
        }
        server.knownVersion = settings.protocolVersion
        server.keepAs = integration.id
        return (server, token)
    }

    /// The integration's OAuth grant, renewed when due or `rejected`; without one, an
    /// error that says how to authorize the server again.
    private func authorizedGrant(of integration: Integration, rejected: String?) async throws -> MCPAuthorization.Grant {
        let renewed: MCPAuthorization.Grant?
        do {
            renewed = try await oauth.grant(of: integration, rejected: rejected)
        } catch let error as OutboundError {
            throw MCPError("could not refresh the access token: \(error.description)")
        }
        if let renewed { return renewed }
        let current = try await parts.integrations.find(id: integration.id)?.status ?? integration.status
        let reauthorize = Endpoints.Integrations.reauthorize.url(
            parts.config.publicURL, ["agentId": integration.agentID, "integrationId": integration.id])
        throw Unauthorized(
            message:
                "\(integration.name) is not authorized (\(current.rawValue)): open the onboarding_url that POST \(reauthorize) answers.")
    }
}

/// The consent flow of OAuth-protected servers; once authorized, the tools are discovered.
extension MCPService: ConsentFlow {
    func begin(_ integration: Integration, state: String) async throws -> Result<(url: String, context: String), PageError> {
        try await oauth.begin(integration, state: state)
    }

    func finish(_ integration: Integration, context: String, answer: [String: String]) async throws -> Result<Integration, PageError> {
        let finished = try await oauth.finish(integration, context: context, answer: answer)
        if case .success(let connected) = finished { _ = try? await discover(connected) }
        return finished
    }
}
