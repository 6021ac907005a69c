import Foundation
import NIOHTTP1
import SwitchboardConnectors
import SwitchboardCore
import SwitchboardStore

/// The first-party connectors end to end: verify and store keys, run the Google
/// consent flow, and keep OAuth tokens fresh.
struct ConnectorService: ConsentFlow, TokenHolder {
    let parts: KindParts
    let google: GoogleOAuth

    init(parts: KindParts) {
        self.parts = parts
        google = GoogleOAuth(http: parts.providers, settings: parts.config.google, timeout: parts.config.providerTimeoutSeconds)
    }

    var integrations: IntegrationStore { parts.integrations }
    var oauth: OAuthStore { parts.oauth }
    var catalogs: ConnectorCatalogs { parts.config.catalogs }
    var publicURL: String { parts.config.publicURL }

    static let linkLifetime: TimeInterval = 3600

    struct Configured: Sendable {
        let integration: Integration
        let created: Bool
        let onboardingURL: String
    }

    var callbackURL: String { publicURL + "/oauth/callback" }

    /// Configures the agent's connector. Direct keys are checked with the provider
    /// before anything is stored; OAuth connectors get a pending record and a link.
    func configure(agent: Agent, setup: ConnectorSetup, limit: Int?) async throws -> Configured {
        let connector = setup.connector
        if connector.usesOAuth {
            if let missing = google.missingSetting {
                throw ConsoleError.badRequest("Google OAuth is not configured on this server: set \(missing).")
            }
            let (integration, created) = try await integrations.upsertConnector(
                agent: agent, family: ConnectorKind.family, type: connector.type, name: connector.name, limit: limit
            ) { record in record }
            let token = Identifier.make("", length: 40)
            try await oauth.addLink(tokenHash: Identifier.hash(token), integrationID: integration.id, lifetime: Self.linkLifetime)
            return Configured(integration: integration, created: created, onboardingURL: "\(publicURL)/oauth/start/\(token)")
        }
        try await verify(connector, credential: setup.credential ?? "")
        let payload = JSONValue.object(setup.secrets.mapValues(JSONValue.string)).jsonText
        let secrets = parts.secrets
        let (integration, created) = try await integrations.upsertConnector(
            agent: agent, family: ConnectorKind.family, type: connector.type, name: connector.name, limit: limit,
            catalog: catalogs.definitions[connector] ?? []
        ) { record in
            var record = record
            record.status = .active
            record.config = ConnectorSettings(currency: setup.currency).config
            record.sealedSecret = try secrets.seal(payload, owner: record.id)
            return record
        }
        // The status page's link carries a token of its own, never the bare id.
        let token = Identifier.make("", length: 40)
        try await oauth.addLink(tokenHash: Identifier.hash(token), integrationID: integration.id, lifetime: Self.linkLifetime)
        return Configured(integration: integration, created: created, onboardingURL: "\(publicURL)/connect/\(token)")
    }

    /// Google's consent URL for the connector, with a fresh PKCE verifier (the context).
    func begin(_ integration: Integration, state: String) async throws -> Result<(url: String, context: String), PageError> {
        guard let scope = Connector(type: integration.type)?.oauthScope else {
            return .failure(PageError(status: 404, message: "This integration is not connected by consent."))
        }
        let verifier = PKCE.makeVerifier()
        return .success((google.consentURL(scope: scope, state: state, verifier: verifier, redirectURI: callbackURL), verifier))
    }

    /// Handles Google's redirect back: trade the code for tokens and store them sealed.
    func finish(_ integration: Integration, context verifier: String, answer: [String: String]) async throws -> Result<
        Integration, PageError
    > {
        if let error = answer["error"] {
            if integration.status == .pending { try await integrations.update(id: integration.id, status: .failed, sealedSecret: nil) }
            return .failure(.denied(error, by: "Google", retry: "Configure the integration again to retry."))
        }
        guard let code = answer["code"], !code.isEmpty else { return .failure(.noCode(from: "Google")) }
        let tokens: OAuthTokens
        do {
            tokens = try await google.exchange(code: code, verifier: verifier, redirectURI: callbackURL, now: parts.clock.now())
        } catch .invalidGrant {
            return .failure(
                PageError(
                    status: 400, message: "Google refused the authorization code (invalid_grant). Configure the integration again to retry."
                ))
        } catch .other(let reason) {
            return .failure(PageError(status: 502, message: "Could not finish connecting: \(reason)."))
        }
        try await integrations.connect(
            id: integration.id, sealedSecret: try seal(tokens, for: integration.id),
            catalog: Connector(type: integration.type).flatMap { catalogs.definitions[$0] } ?? [])
        var connected = integration
        connected.status = .active
        return .success(connected)
    }

    /// The integration's tokens, refreshed first when due (`TokenLease`). Nil when
    /// the integration is not active (a failed refresh makes it `needs_reauth`).
    @discardableResult
    func freshTokens(integrationID: String, rejected: String? = nil) async throws -> OAuthTokens? {
        try await TokenLease(
            integrations: integrations, oauth: oauth, refreshMargin: parts.config.oauthRefreshMarginSeconds, clock: parts.clock
        )
        .fresh(self, integrationID: integrationID, rejected: rejected)
    }

    func held(by integration: Integration) throws -> OAuthTokens? { try tokens(of: integration) }

    func tokens(in held: OAuthTokens) -> OAuthTokens { held }

    func renewed(_ held: OAuthTokens, of integration: Integration, now: Date) async throws(OAuthFailure) -> (
        held: OAuthTokens, sealed: String
    ) {
        let fresh = try await google.refresh(held, now: now)
        do {
            return (fresh, try seal(fresh, for: integration.id))
        } catch {
            throw .other("could not seal the new token")
        }
    }

    func tokens(of integration: Integration) throws -> OAuthTokens? {
        guard let sealed = integration.sealedSecret else { return nil }
        guard let tokens = OAuthTokens(sealedText: try parts.secrets.open(sealed, owner: integration.id)) else {
            throw ConsoleError.internalError
        }
        return tokens
    }

    private func seal(_ tokens: OAuthTokens, for id: String) throws -> String {
        try parts.secrets.seal(tokens.sealedText, owner: id)
    }

    /// Proves a key with the connector's read (the Stripe balance, the Paystack
    /// balance, the Bumpa store) before anything is stored.
    func verify(_ connector: Connector, credential: String) async throws(ConsoleError) {
        guard let keys = connector.keys else { return }
        let response: OutboundHTTP.Response
        do {
            response = try await parts.providers.send(
                .GET, parts.config.apiBase(connector) + keys.checkPath,
                headers: [("Authorization", "Bearer \(credential)"), ("Accept", "application/json")],
                timeout: parts.config.providerTimeoutSeconds)
        } catch {
            throw Integration.connectionFailed("Could not reach \(connector.name): \(error.description)")
        }
        switch response.status {
        case 200..<300: return
        case 401, 403: throw Integration.connectionFailed(keys.rejection)
        default: throw Integration.connectionFailed("Could not reach \(connector.name): HTTP \(response.status)")
        }
    }
}
