import Foundation
import SwitchboardConnectors
import SwitchboardCore
import SwitchboardStore

/// The first-party connectors end to end: verify and store keys, run the Google
/// consent flow, and keep OAuth tokens fresh.
struct ConnectorService: Sendable {
    let integrations: IntegrationStore
    let oauth: OAuthStore
    let secrets: SecretBox
    let verifier: ProviderVerifier
    let google: GoogleOAuth
    /// Calls to the providers' APIs (operator-configured bases) and their actions.
    let http: OutboundHTTP
    let catalogs: ConnectorCatalogs
    let publicURL: String
    let refreshMargin: TimeInterval
    let clock: any TimeSource

    static let linkLifetime: TimeInterval = 3600
    static let stateLifetime: TimeInterval = 600

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
                agent: agent, family: ConnectorKind.family, type: connector.rawValue, name: connector.name, limit: limit
            ) { record in record }
            let token = Identifier.make("", length: 40)
            try await oauth.addLink(tokenHash: Identifier.hash(token), integrationID: integration.id, lifetime: Self.linkLifetime)
            return Configured(integration: integration, created: created, onboardingURL: "\(publicURL)/oauth/start/\(token)")
        }
        try await verifier.verify(connector, credential: setup.credential ?? "")
        let payload = JSONValue.object(setup.secrets.mapValues(JSONValue.string)).jsonText
        let secrets = self.secrets
        let (integration, created) = try await integrations.upsertConnector(
            agent: agent, family: ConnectorKind.family, type: connector.rawValue, name: connector.name, limit: limit,
            catalog: catalogs.definitions[connector] ?? []
        ) { record in
            var record = record
            record.status = .active
            record.config = setup.currency.map { ["currency": .string($0)] } ?? [:]
            record.sealedSecret = try secrets.seal(payload, owner: record.id)
            return record
        }
        return Configured(integration: integration, created: created, onboardingURL: "\(publicURL)/connect/\(integration.id)")
    }

    /// What a page should say when the flow cannot go on.
    struct PageError: Error, Sendable {
        let status: Int
        let message: String
    }

    /// Opens an onboarding link: a fresh state and PKCE verifier, then Google's consent URL.
    func startConsent(token: String) async throws -> Result<String, PageError> {
        switch try await oauth.useLink(tokenHash: Identifier.hash(token)) {
        case .failure(let refusal):
            return .failure(Self.pageError(refusal, what: "link"))
        case .success(let integrationID):
            guard let integration = try await integrations.find(id: integrationID), let connector = Connector(rawValue: integration.type),
                let scope = connector.oauthScope
            else { return .failure(PageError(status: 404, message: "This integration no longer exists.")) }
            let verifier = GoogleOAuth.makeVerifier()
            let state = Identifier.make("", length: 40)
            let stateHash = Identifier.hash(state)
            try await oauth.addState(
                stateHash: stateHash, integrationID: integrationID, sealedVerifier: try secrets.seal(verifier, owner: stateHash),
                lifetime: Self.stateLifetime)
            return .success(google.consentURL(scope: scope, state: state, verifier: verifier, redirectURI: callbackURL))
        }
    }

    /// Handles Google's redirect back: trade the code for tokens and store them sealed.
    func finishConsent(state: String?, code: String?, error: String?) async throws -> Result<Integration, PageError> {
        guard let state, !state.isEmpty else { return .failure(PageError(status: 400, message: "The answer from Google has no state.")) }
        let stateHash = Identifier.hash(state)
        let used: (integrationID: String, sealedVerifier: String)
        switch try await oauth.useState(stateHash: stateHash) {
        case .failure(let refusal): return .failure(Self.pageError(refusal, what: "sign-in attempt"))
        case .success(let value): used = value
        }
        guard let integration = try await integrations.find(id: used.integrationID) else {
            return .failure(PageError(status: 404, message: "This integration no longer exists."))
        }
        if let error {
            if integration.status == .pending { try await integrations.update(id: integration.id, status: .failed, sealedSecret: nil) }
            let reason = error.filter { $0.isLetter || $0 == "_" }.prefix(64)
            return .failure(
                PageError(status: 400, message: "Google did not grant access (\(reason)). Configure the integration again to retry."))
        }
        guard let code, !code.isEmpty else {
            return .failure(PageError(status: 400, message: "The answer from Google has no authorization code."))
        }
        let verifier = try secrets.open(used.sealedVerifier, owner: stateHash)
        let tokens: GoogleOAuth.Tokens
        do {
            tokens = try await google.exchange(code: code, verifier: verifier, redirectURI: callbackURL, now: clock.now())
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
            catalog: Connector(rawValue: integration.type).flatMap { catalogs.definitions[$0] } ?? [])
        var connected = integration
        connected.status = .active
        return .success(connected)
    }

    /// Brings every active connector's actions up to its catalog (at start, so an
    /// upgrade's catalog reaches integrations connected before it).
    func installCatalogs() async throws {
        try await integrations.installCatalogs(family: ConnectorKind.family, catalogs.byType)
    }

    /// The integration's tokens, refreshed first when they expire within the margin
    /// or when they are the `rejected` access token a provider just refused.
    /// One process at a time refreshes an integration (a lease in the database);
    /// the others wait for its result. Nil when the integration is not active
    /// (a failed refresh makes it `needs_reauth`).
    @discardableResult
    func freshTokens(integrationID: String, rejected: String? = nil) async throws -> GoogleOAuth.Tokens? {
        guard let integration = try await integrations.find(id: integrationID), integration.status == .active,
            let tokens = try tokens(of: integration)
        else { return nil }
        let now = clock.now()
        guard tokens.expiresAt.timeIntervalSince(now) <= refreshMargin || tokens.accessToken == rejected else { return tokens }
        guard try await oauth.takeRefreshLease(integrationID: integrationID, for: 30) else {
            return try await waitForRefresh(integrationID: integrationID, replacing: tokens)
        }
        let outcome: Result<GoogleOAuth.Tokens?, any Error>
        do {
            outcome = .success(try await refreshHoldingLease(integrationID: integrationID, now: now, rejected: rejected))
        } catch {
            outcome = .failure(error)
        }
        try? await oauth.releaseRefreshLease(integrationID: integrationID)
        return try outcome.get()
    }

    private func refreshHoldingLease(integrationID: String, now: Date, rejected: String?) async throws -> GoogleOAuth.Tokens? {
        // Another process may have refreshed between the first read and the lease.
        guard let current = try await integrations.find(id: integrationID), current.status == .active,
            let latest = try tokens(of: current)
        else { return nil }
        guard latest.expiresAt.timeIntervalSince(now) <= refreshMargin || latest.accessToken == rejected else { return latest }
        let fresh: GoogleOAuth.Tokens
        do {
            fresh = try await google.refresh(latest, now: now)
        } catch .invalidGrant {
            try await integrations.update(id: integrationID, status: .needsReauth, sealedSecret: current.sealedSecret)
            return nil
        } catch .other(let reason) {
            throw OutboundError(reason)
        }
        try await integrations.update(id: integrationID, status: .active, sealedSecret: try seal(fresh, for: integrationID))
        return fresh
    }

    private func waitForRefresh(integrationID: String, replacing old: GoogleOAuth.Tokens) async throws -> GoogleOAuth.Tokens? {
        for _ in 0..<100 {
            try await Task.sleep(for: .milliseconds(100))
            guard let integration = try await integrations.find(id: integrationID), integration.status == .active else { return nil }
            if let tokens = try tokens(of: integration), tokens.accessToken != old.accessToken { return tokens }
        }
        throw OutboundError("timed out waiting for another process to refresh the token")
    }

    func tokens(of integration: Integration) throws -> GoogleOAuth.Tokens? {
        guard let sealed = integration.sealedSecret else { return nil }
        guard let tokens = GoogleOAuth.Tokens(sealedText: try secrets.open(sealed, owner: integration.id)) else {
            throw ConsoleError.internalError
        }
        return tokens
    }

    private func seal(_ tokens: GoogleOAuth.Tokens, for id: String) throws -> String {
        try secrets.seal(tokens.sealedText, owner: id)
    }

    static func pageError(_ refusal: OAuthStore.Refusal, what: String) -> PageError {
        switch refusal {
        case .unknown: PageError(status: 404, message: "This \(what) is not valid.")
        case .used:
            PageError(status: 410, message: "This \(what) has already been used. Configure the integration again to get a new link.")
        case .expired: PageError(status: 410, message: "This \(what) has expired. Configure the integration again to get a new link.")
        }
    }
}
