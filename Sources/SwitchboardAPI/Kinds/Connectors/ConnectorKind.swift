import Hummingbird
import Logging
import ServiceLifecycle
import SwitchboardConnectors
import SwitchboardCore
import SwitchboardStore

/// The first-party connectors (Stripe, Paystack, Bumpa by key; Google Calendar and
/// Sheets by OAuth): one per type and agent, listed whether configured or not.
struct ConnectorKind: IntegrationKind {
    static let family = Integration.Family(rawValue: "bimpeai")
    static let endpoints = Endpoints.Integrations.connectors.common

    let service: ConnectorService
    var parts: KindParts { service.parts }

    init(_ parts: KindParts) {
        service = ConnectorService(parts: parts)
    }

    var consent: (any ConsentFlow)? { service }

    /// Brings every connected integration's actions up to its catalog, so an
    /// upgrade's catalog reaches integrations connected before it.
    func start() async throws {
        try await parts.integrations.installCatalogs(family: Self.family, parts.config.catalogs.byType)
    }

    func services(logger: Logger) -> [any Service] {
        [TokenRefresher(connectors: service, interval: parts.config.oauthRefreshIntervalSeconds, logger: logger)]
    }

    func register(on routes: ConsoleRoutes) {
        routes.on(Endpoints.Integrations.connectors.list, use: list)
            .on(Endpoints.Integrations.connectors.configure, use: configure)
        FamilyRoutes.registerDisconnect(on: routes, family: Self.family, parts: parts)
    }

    @Sendable func list(_ request: Request, context: ConsoleContext) async throws -> Response {
        let agent = try await parts.lookup.integrationAgent(context)
        return try JSONResponse.success(Self.rows(try await parts.integrations.live(agentID: agent.id, family: Self.family)))
    }

    @Sendable func configure(_ request: Request, context: ConsoleContext) async throws -> Response {
        let agent = try await parts.lookup.integrationAgent(context)
        var request = request
        let setup = try ConnectorSetup(body: try await request.jsonBody())
        let done = try await service.configure(
            agent: agent, setup: setup, limit: context.identity?.limits.integrationsPerAgent)
        return try JSONResponse.success(
            JSONValue.object([
                "success": .bool(true), "channel_id": .string(done.integration.id), "onboarding_url": .string(done.onboardingURL),
            ]),
            status: done.created ? .created : .ok)
    }

    /// The five first-party rows, configured or not, by name.
    static func rows(_ live: [Integration]) -> [JSONValue] {
        Connector.all.map { connector in
            let integration = live.first { $0.type == connector.type }
            return .object([
                "id": integration.map { .string($0.id) } ?? .null, "type": .string(connector.type),
                "name": .string(connector.name), "status": .string(integration?.status.rawValue ?? "not_connected"),
                "is_connected": .bool(integration?.isConnected ?? false),
            ])
        }
    }

    func problems(_ action: Action, arguments: JSONValue) -> [String] {
        action.definition.tool.map { ToolRequest.problems(definition: $0, arguments: arguments) } ?? []
    }

    /// A catalog action: the provider's API with the connector's key, or with a
    /// Google access token refreshed before it expires and once after a 401.
    func run(_ action: Action, integration: Integration, arguments: JSONValue) async throws -> Execution.Outcome {
        guard let definition = action.definition.tool, let connector = Connector(type: integration.type) else {
            throw ConsoleError.internalError
        }
        let http = parts.providers
        let send: HTTPToolCall.Send = { method, url, headers, body, timeout throws(OutboundError) in
            try await http.send(method, url, headers: headers, body: body, timeout: timeout)
        }
        func call(bearer: String, secrets: [String]) async -> Execution.Outcome {
            let call = HTTPToolCall(
                definition: definition, baseURL: parts.config.apiBase(connector),
                credentials: [("Authorization", "Bearer \(bearer)")],
                redactor: Redactor(secrets: secrets))
            return await call.run(arguments: arguments, send: send)
        }
        if let rules = connector.keys {
            let opened = try keys(of: integration)
            return await call(bearer: rules.credential(in: opened) ?? "", secrets: Array(opened.values))
        }
        let line = "\(definition.method) \(definition.urlTemplate)"
        do {
            guard let tokens = try await service.freshTokens(integrationID: integration.id) else {
                return .failed(reconnect(integration), requestLine: line)
            }
            let outcome = await call(bearer: tokens.accessToken, secrets: tokens.secretForms)
            guard outcome.upstreamStatus == 401 else { return outcome }
            guard let fresh = try await service.freshTokens(integrationID: integration.id, rejected: tokens.accessToken) else {
                return .failed(reconnect(integration), requestLine: line)
            }
            return await call(bearer: fresh.accessToken, secrets: tokens.secretForms + fresh.secretForms)
        } catch let error as OutboundError {
            return .failed("Could not refresh the Google access token: \(error.description)", requestLine: line)
        }
    }

    /// The opened keys of a direct connector (`secret_key`, `public_key`, `token`).
    func keys(of integration: Integration) throws -> [String: String] {
        guard let sealed = integration.sealedSecret,
            case .object(let fields) = try JSONValue.parse(text: try parts.secrets.open(sealed, owner: integration.id))
        else { throw ConsoleError.internalError }
        return fields.compactMapValues(\.stringValue)
    }

    /// What a call of an OAuth connector that lost its authorization says: how to reconnect.
    func reconnect(_ integration: Integration) -> String {
        let configure = Endpoints.Integrations.connectors.configure.url(parts.config.publicURL, ["agentId": integration.agentID])
        return
            "\(integration.name) needs to be connected again: its Google authorization was revoked or has expired. "
            + "Reconnect with POST \(configure) {\"type\": \"\(integration.type)\"} and open the onboarding_url it answers."
    }
}
