import Hummingbird
import SwitchboardConnectors
import SwitchboardCore
import SwitchboardStore

/// MCP servers: the shared family routes, their test and tool discovery, and a
/// tool run as `tools/call`.
struct MCPServerKind: IntegrationKind {
    static let family = Integration.Family(rawValue: "mcp_server")
    static let endpoints =
        Endpoints.Integrations.mcpServer.common + [
            Endpoints.Integrations.mcpServer.tools, Endpoints.Integrations.test, Endpoints.Integrations.discover,
            Endpoints.Integrations.reauthorize,
        ]

    let service: MCPService
    var parts: KindParts { service.parts }

    init(_ parts: KindParts) {
        service = MCPService(parts: parts)
    }

    var consent: (any ConsentFlow)? { service }

    func register(on routes: ConsoleRoutes) {
        let service = service
        let view = { @Sendable (integration: Integration) in try Self.view(integration, link: service.oauth.pendingLink(integration)) }
        FamilyRoutes(family: Self.family, parts: parts, view: view) { agent, body, limit in
            try await service.configure(agent: agent, setup: try MCPServerSetup(body: body), limit: limit)
        }.register(on: routes)
        routes.on(Endpoints.Integrations.test, use: test)
            .on(Endpoints.Integrations.reauthorize, use: reauthorize)
            .on(Endpoints.Integrations.discover, use: discover)
    }

    @Sendable func test(_ request: Request, context: ConsoleContext) async throws -> Response {
        let integration = try await parts.lookup.integration(context, family: Self.family)
        return try JSONResponse.success(Self.view(try await service.test(integration)))
    }

    @Sendable func reauthorize(_ request: Request, context: ConsoleContext) async throws -> Response {
        let integration = try await parts.lookup.integration(context, family: Self.family)
        return try JSONResponse.success(.object(["onboarding_url": .string(try await service.oauth.reauthorize(integration))]))
    }

    @Sendable func discover(_ request: Request, context: ConsoleContext) async throws -> Response {
        let integration = try await parts.lookup.integration(context, family: Self.family)
        let result = try await service.discover(integration)
        return try JSONResponse.success(
            JSONValue.object([
                "discovered": .int(result.discovered), "created": .int(result.created),
                "updated": .int(result.updated), "disabled": .int(result.disabled),
                "skipped": .array(result.skipped.map(JSONValue.string)),
            ]))
    }

    /// `{id, config, status}`, and the onboarding link of a server that waits for its
    /// authorization; the config never holds credentials.
    static func view(_ integration: Integration, link: String?) throws -> JSONValue {
        guard let settings = integration.settings(MCPServerSettings.self) else { throw ConsoleError.internalError }
        var fields: [String: JSONValue] = [
            "id": .string(integration.id), "status": .string(integration.status.rawValue),
            "config": .object([
                "name": .string(settings.name), "server_url": .string(settings.serverURL), "transport": .string(settings.transport),
                "auth_type": .string(settings.authType),
                "protocol_version": .optional(settings.protocolVersion),
            ]),
        ]
        if let link { fields["onboarding_url"] = .string(link) }
        return .object(fields)
    }

    /// The answer to test: what the server said it is and how many tools it has, or why it failed.
    static func view(_ test: Result<(info: MCPServerInfo, tools: Int), MCPError>) -> JSONValue {
        switch test {
        case .success(let (info, tools)):
            .object([
                "success": .bool(true),
                "message": .string("Connected to \(info.name) \(info.version) (MCP \(info.protocolVersion), \(info.era) era)"),
                "tools_count": .int(tools),
            ])
        case .failure(let error):
            .object(["success": .bool(false), "message": .string("Connection failed"), "error": .string(error.description)])
        }
    }

    func run(_ action: Action, integration: Integration, arguments: JSONValue) async throws -> Execution.Outcome {
        try await service.call(action, of: integration, arguments: arguments)
    }
}
