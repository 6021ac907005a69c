import Foundation
import SwitchboardConnectors
import SwitchboardCore
import SwitchboardStore

/// MCP servers that require authorization (`auth_type: "oauth"`): the sealed
/// record, the onboarding link, the consent flow and fresh tokens.
struct MCPOAuth: TokenHolder {
    /// What such an integration keeps, sealed to its id.
    struct Record: Codable, Sendable {
        var type = "oauth"
        /// A client registered by the person beforehand (`auth_config.client_id`).
        var preset: MCPAuthorization.Client?
        var scope: String?
        /// The onboarding link not opened yet, shown while the integration waits for it.
        var link: String?
        var linkExpires: Date?
        /// The authorization, once the person consented.
        var grant: MCPAuthorization.Grant?
    }

    /// What the callback needs, sealed with the state.
    struct Pending: Codable, Sendable {
        var verifier: String
        var server: MCPAuthorization.Server
        var client: MCPAuthorization.Client
    }

    let parts: KindParts
    let authorization: MCPAuthorization
    let identity: MCPAuthorization.Identity
    let oauth: OAuthStore

    init(parts: KindParts) {
        self.parts = parts
        authorization = MCPAuthorization(http: parts.guarded, timeout: parts.config.mcpRequestTimeoutSeconds)
        identity = MCPAuthorization.Identity(publicURL: parts.config.publicURL)
        oauth = parts.oauth
    }

    /// Adds the integration, pending, with a fresh onboarding link in its record.
    func configure(agent: Agent, setup: MCPServerSetup, limit: Int?) async throws -> Integration {
        let token = Identifier.make("", length: 40)
        var record = Record(scope: setup.auth.values["scopes"])
        record.preset = setup.auth.values["client_id"].map {
            MCPAuthorization.Client(id: $0, secret: setup.auth.values["client_secret"], authMethod: nil)
        }
        record.link = token
        record.linkExpires = parts.clock.now().addingTimeInterval(ConnectorService.linkLifetime)
        let sealed = try Self.encode(record)
        let secrets = parts.secrets
        let integration = try await parts.integrations.create(
            agent: agent, family: MCPServerKind.family, name: setup.name, config: setup.settings.config, limit: limit,
            status: .pending
        ) { id in try secrets.seal(sealed, owner: id) }
        try await oauth.addLink(tokenHash: Identifier.hash(token), integrationID: integration.id, lifetime: ConnectorService.linkLifetime)
        return integration
    }

    /// A fresh link for the same integration (pending, or after `needs_reauth`); the
    /// authorization it has keeps serving until a new one replaces it.
    func reauthorize(_ integration: Integration) async throws -> String {
        guard try record(of: integration) != nil else { throw ConsoleError.badRequest("This MCP server does not use OAuth.") }
        let token = Identifier.make("", length: 40)
        let expires = parts.clock.now().addingTimeInterval(ConnectorService.linkLifetime)
        try await changeRecord(of: integration) { record in
            record.link = token
            record.linkExpires = expires
        }
        try await oauth.addLink(tokenHash: Identifier.hash(token), integrationID: integration.id, lifetime: ConnectorService.linkLifetime)
        return onboardingURL(token)
    }

    /// The unopened link of a pending integration (or one that must be authorized again).
    func pendingLink(_ integration: Integration) -> String? {
        guard integration.status != .active, let record = try? record(of: integration), let link = record.link,
            let expires = record.linkExpires, expires > parts.clock.now()
        else { return nil }
        return onboardingURL(link)
    }

    func onboardingURL(_ token: String) -> String { "\(parts.config.publicURL)/oauth/start/\(token)" }

    /// Discovery, the client identity and the authorization URL; the link is spent.
    func begin(_ integration: Integration, state: String) async throws -> Result<(url: String, context: String), PageError> {
        guard let record = try record(of: integration) else {
            return .failure(PageError(status: 404, message: "This integration is not connected by consent."))
        }
        try await changeRecord(of: integration) { record in
            record.link = nil
            record.linkExpires = nil
        }
        let server: MCPAuthorization.Server
        let client: MCPAuthorization.Client
        do {
            guard let settings = integration.settings(MCPServerSettings.self) else { throw ConsoleError.internalError }
            server = try await authorization.discover(serverURL: settings.serverURL)
            if let preset = record.preset { client = preset } else { client = try await registeredClient(at: server) }
        } catch let refusal as MCPAuthorization.Refusal {
            if integration.status == .pending { try await changeRecord(of: integration, status: .failed) { _ in } }
            return .failure(PageError(status: 502, message: "Cannot authorize \(integration.name): \(refusal.description)."))
        }
        let pending = Pending(verifier: PKCE.makeVerifier(), server: server, client: client)
        let url = authorization.authorizationURL(
            server, client: client, identity: identity, state: state, verifier: pending.verifier, scope: record.scope)
        return .success((url, try Self.encode(pending)))
    }

    /// Checks the redirect back (`iss` when the server sends it), trades the code and keeps the grant.
    func finish(_ integration: Integration, context: String, answer: [String: String]) async throws -> Result<Integration, PageError> {
        guard var record = try record(of: integration), let pending = try? JSONDecoder.millis.decode(Pending.self, from: Data(context.utf8))
        else { return .failure(PageError(status: 404, message: "This integration is not connected by consent.")) }
        let again = "Ask for a new link with POST .../mcp_server/\(integration.id)/reauthorize."
        if let error = answer["error"] {
            if integration.status == .pending { try await changeRecord(of: integration, status: .failed) { _ in } }
            return .failure(.denied(error, by: "The authorization server", retry: again))
        }
        if answer["iss"].map({ $0 != pending.server.issuer }) ?? pending.server.sendsIssuer {
            return .failure(
                PageError(status: 400, message: "The answer does not come from the authorization server that was asked. \(again)"))
        }
        guard let code = answer["code"], !code.isEmpty else { return .failure(.noCode(from: "the authorization server")) }
        let tokens: OAuthTokens
        do {
            tokens = try await authorization.exchange(
                code: code, verifier: pending.verifier, server: pending.server, client: pending.client, identity: identity,
                now: parts.clock.now())
        } catch .invalidGrant {
            return .failure(PageError(status: 400, message: "The authorization server refused the authorization code. \(again)"))
        } catch .other(let reason) {
            return .failure(PageError(status: 502, message: "Could not finish connecting: \(reason)."))
        }
        record.grant = MCPAuthorization.Grant(server: pending.server, client: pending.client, tokens: tokens)
        var connected = integration
        connected.status = .active
        connected.sealedSecret = try seal(record, for: integration)
        try await parts.integrations.update(id: integration.id, status: .active, sealedSecret: connected.sealedSecret)
        return .success(connected)
    }

    /// The integration's grant with fresh tokens (`TokenLease`); nil when it has none that serve.
    func grant(of integration: Integration, rejected: String? = nil) async throws -> MCPAuthorization.Grant? {
        try await TokenLease(
            integrations: parts.integrations, oauth: oauth, refreshMargin: parts.config.oauthRefreshMarginSeconds, clock: parts.clock
        ).fresh(self, integrationID: integration.id, rejected: rejected)?.grant
    }

    func held(by integration: Integration) throws -> Record? {
        try record(of: integration).flatMap { $0.grant == nil ? nil : $0 }
    }

    func tokens(in held: Record) -> OAuthTokens { held.grant!.tokens }

    func renewed(_ held: Record, of integration: Integration, now: Date) async throws(OAuthFailure) -> (held: Record, sealed: String) {
        guard var grant = held.grant else { throw .invalidGrant }
        grant.tokens = try await authorization.refresh(grant, now: now)
        var record = held
        record.grant = grant
        do {
            return (record, try seal(record, for: integration))
        } catch {
            throw .other("could not seal the new token")
        }
    }

    /// The client Switchboard registered with this authorization server before, or a new one.
    private func registeredClient(at server: MCPAuthorization.Server) async throws -> MCPAuthorization.Client {
        let key = "\(server.issuer) \(identity.redirectURI)"
        if !server.acceptsMetadataDocument, let sealed = try await oauth.client(key: key) {
            return try JSONDecoder.millis.decode(MCPAuthorization.Client.self, from: Data(try parts.secrets.open(sealed, owner: key).utf8))
        }
        let client = try await authorization.register(at: server, as: identity)
        if server.acceptsMetadataDocument { return client }
        let kept = try await oauth.keepClient(key: key, sealed: try parts.secrets.seal(try Self.encode(client), owner: key))
        return try JSONDecoder.millis.decode(MCPAuthorization.Client.self, from: Data(try parts.secrets.open(kept, owner: key).utf8))
    }

    /// Changes the record as it is now in the database (not as it was read), and the status when given.
    private func changeRecord(
        of integration: Integration, status: Integration.Status? = nil, _ change: @escaping @Sendable (inout Record) -> Void
    ) async throws {
        try await parts.integrations.reseal(id: integration.id, status: status) { current in
            guard var record = try record(of: current) else { return current.sealedSecret }
            change(&record)
            return try seal(record, for: current)
        }
    }

    /// The integration's record; nil when it does not use OAuth.
    func record(of integration: Integration) throws -> Record? {
        guard integration.settings(MCPServerSettings.self)?.authType == "oauth", let sealed = integration.sealedSecret else {
            return nil
        }
        return try JSONDecoder.millis.decode(Record.self, from: Data(try parts.secrets.open(sealed, owner: integration.id).utf8))
    }

    private func seal(_ record: Record, for integration: Integration) throws -> String {
        try parts.secrets.seal(try Self.encode(record), owner: integration.id)
    }

    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

extension JSONDecoder {
    /// Reads what `MCPOAuth.encode` wrote (dates in milliseconds).
    static var millis: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return decoder
    }
}
