import Foundation
import SwitchboardConnectors
import SwitchboardCore
import SwitchboardStore

/// What an integration holds besides its OAuth tokens, and how they are renewed:
/// Google's connectors and OAuth-protected MCP servers.
protocol TokenHolder: Sendable {
    /// The integration's sealed record (the tokens and what renews them).
    associatedtype Held: Sendable
    /// The record the integration holds; nil when it holds no tokens yet.
    func held(by integration: Integration) throws -> Held?
    func tokens(in held: Held) -> OAuthTokens
    /// The record with new tokens, and its sealed text for the integration.
    func renewed(_ held: Held, of integration: Integration, now: Date) async throws(OAuthFailure) -> (held: Held, sealed: String)
}

/// Keeps OAuth tokens fresh: renewed when they expire within the margin or when
/// they are the `rejected` access token a server just refused. One process at a
/// time renews an integration (a lease in the database); the others wait for its
/// result. A grant that is no longer valid makes the integration `needs_reauth`.
struct TokenLease: Sendable {
    let integrations: IntegrationStore
    let oauth: OAuthStore
    let refreshMargin: TimeInterval
    let clock: any TimeSource

    /// The integration's fresh record; nil when it is not active (or just lost its grant).
    func fresh<H: TokenHolder>(_ holder: H, integrationID: String, rejected: String? = nil) async throws -> H.Held? {
        guard let integration = try await integrations.find(id: integrationID), integration.status == .active,
            let held = try holder.held(by: integration)
        else { return nil }
        let now = clock.now()
        guard due(holder.tokens(in: held), now: now, rejected: rejected) else { return held }
        guard try await oauth.takeRefreshLease(integrationID: integrationID, for: 30) else {
            return try await waitForRenewal(holder, integrationID: integrationID, replacing: holder.tokens(in: held))
        }
        let outcome: Result<H.Held?, any Error>
        do {
            outcome = .success(try await renewHoldingLease(holder, integrationID: integrationID, now: now, rejected: rejected))
        } catch {
            outcome = .failure(error)
        }
        try? await oauth.releaseRefreshLease(integrationID: integrationID)
        return try outcome.get()
    }

    private func due(_ tokens: OAuthTokens, now: Date, rejected: String?) -> Bool {
        tokens.expiresAt.timeIntervalSince(now) <= refreshMargin || tokens.accessToken == rejected
    }

    private func renewHoldingLease<H: TokenHolder>(
        _ holder: H, integrationID: String, now: Date, rejected: String?
    ) async throws -> H.Held? {
        // Another process may have renewed between the first read and the lease.
        guard let current = try await integrations.find(id: integrationID), current.status == .active,
            let latest = try holder.held(by: current)
        else { return nil }
        guard due(holder.tokens(in: latest), now: now, rejected: rejected) else { return latest }
        let renewal: (held: H.Held, sealed: String)
        do {
            renewal = try await holder.renewed(latest, of: current, now: now)
        } catch .invalidGrant {
            try await integrations.update(id: integrationID, status: .needsReauth, sealedSecret: current.sealedSecret)
            return nil
        } catch .other(let reason) {
            throw OutboundError(reason)
        }
        try await integrations.update(id: integrationID, status: .active, sealedSecret: renewal.sealed)
        return renewal.held
    }

    private func waitForRenewal<H: TokenHolder>(_ holder: H, integrationID: String, replacing old: OAuthTokens) async throws -> H.Held? {
        for _ in 0..<100 {
            try await Task.sleep(for: .milliseconds(100))
            guard let integration = try await integrations.find(id: integrationID), integration.status == .active else { return nil }
            if let held = try holder.held(by: integration), holder.tokens(in: held).accessToken != old.accessToken { return held }
        }
        throw OutboundError("timed out waiting for another process to refresh the token")
    }
}
