import Foundation
import SQLKit
import SwitchboardCore

/// The short-lived parts of an OAuth connection: single-use onboarding links,
/// single-use states with their PKCE verifiers, and the refresh lease that lets one
/// process at a time refresh an integration's token.
public struct OAuthStore: Store {
    /// Why a link or a state cannot be used: `otherBrowser` when the callback does not
    /// carry the cookie of the browser that opened the link.
    public enum Refusal: Error, Sendable, Equatable { case unknown, used, expired, otherBrowser }

    public let base: StoreBase
    public init(base: StoreBase) { self.base = base }

    public func addLink(tokenHash: String, integrationID: String, lifetime: TimeInterval) async throws {
        let expires = clock.now().addingTimeInterval(lifetime).millis
        try await database.write { db in
            try await db.raw(
                """
                INSERT INTO oauth_links (token_hash, integration_id, expires_at)
                VALUES (\(bind: tokenHash), \(bind: integrationID), \(bind: expires))
                """
            ).run()
        }
    }

    /// Marks the link used and returns its integration id.
    public func useLink(tokenHash: String) async throws -> Result<String, Refusal> {
        let now = clock.now().millis
        return try await database.transaction { db in
            guard let row = try await db.raw("SELECT * FROM oauth_links WHERE token_hash = \(bind: tokenHash)").first() else {
                return .failure(.unknown)
            }
            if try !row.decodeNil(column: "used_at") { return .failure(.used) }
            if try row.decode(column: "expires_at", as: Int64.self) <= now { return .failure(.expired) }
            try await db.raw("UPDATE oauth_links SET used_at = \(bind: now) WHERE token_hash = \(bind: tokenHash)").run()
            return .success(try row.decode(column: "integration_id", as: String.self))
        }
    }

    /// The integration id of a link that has not expired, used or not: for pages that
    /// may be opened again (a connector's status page).
    public func readLink(tokenHash: String) async throws -> Result<String, Refusal> {
        let now = clock.now().millis
        return try await database.read { db in
            guard let row = try await db.raw("SELECT * FROM oauth_links WHERE token_hash = \(bind: tokenHash)").first() else {
                return .failure(.unknown)
            }
            if try row.decode(column: "expires_at", as: Int64.self) <= now { return .failure(.expired) }
            return .success(try row.decode(column: "integration_id", as: String.self))
        }
    }

    /// Keeps a state with the hash of the consent cookie of the browser it was given to.
    public func addState(
        stateHash: String, integrationID: String, sealedVerifier: String, browserHash: String, lifetime: TimeInterval
    ) async throws {
        let expires = clock.now().addingTimeInterval(lifetime).millis
        try await database.write { db in
            try await db.raw(
                """
                INSERT INTO oauth_states (state_hash, integration_id, sealed_verifier, browser_hash, expires_at)
                VALUES (\(bind: stateHash), \(bind: integrationID), \(bind: sealedVerifier), \(bind: browserHash), \(bind: expires))
                """
            ).run()
        }
    }

    /// Marks the state used, erases its verifier, and returns the integration id and the
    /// sealed verifier. A callback from another browser (`browserHash` not the one kept)
    /// is refused and leaves the state as it was, for the browser that holds the cookie.
    public func useState(stateHash: String, browserHash: String?) async throws -> Result<
        (integrationID: String, sealedVerifier: String), Refusal
    > {
        let now = clock.now().millis
        return try await database.transaction { db in
            guard let row = try await db.raw("SELECT * FROM oauth_states WHERE state_hash = \(bind: stateHash)").first() else {
                return .failure(.unknown)
            }
            if try !row.decodeNil(column: "used_at") { return .failure(.used) }
            if try row.decode(column: "expires_at", as: Int64.self) <= now { return .failure(.expired) }
            // Hashes are compared, so the comparison's time tells nothing of the cookie.
            let kept = try row.decode(column: "browser_hash", as: String?.self)
            guard let kept, kept == browserHash else { return .failure(.otherBrowser) }
            try await db.raw(
                """
                UPDATE oauth_states SET used_at = \(bind: now), sealed_verifier = '' WHERE state_hash = \(bind: stateHash)
                """
            ).run()
            return .success(
                (try row.decode(column: "integration_id", as: String.self), try row.decode(column: "sealed_verifier", as: String.self)))
        }
    }

    /// The sealed client registered under `key` (an issuer and a redirect URI), if any.
    public func client(key: String) async throws -> String? {
        try await database.read { db in
            try await db.raw("SELECT sealed_client FROM oauth_clients WHERE id = \(bind: key)").first()?
                .decode(column: "sealed_client", as: String.self)
        }
    }

    /// Keeps a registered client under `key` unless one is kept already; answers the one kept.
    public func keepClient(key: String, sealed: String) async throws -> String {
        let now = clock.now().millis
        return try await database.write { db in
            try await db.raw(
                """
                INSERT INTO oauth_clients (id, sealed_client, created_at) VALUES (\(bind: key), \(bind: sealed), \(bind: now))
                ON CONFLICT (id) DO NOTHING
                """
            ).run()
            return try await db.raw("SELECT sealed_client FROM oauth_clients WHERE id = \(bind: key)").first()?
                .decode(column: "sealed_client", as: String.self) ?? sealed
        }
    }

    /// Takes the refresh lease of an integration if nobody holds it; true when taken.
    public func takeRefreshLease(integrationID: String, for duration: TimeInterval) async throws -> Bool {
        let now = clock.now()
        return try await database.write { db in
            try await db.raw(
                """
                UPDATE integrations SET refresh_lease_until = \(bind: now.addingTimeInterval(duration).millis)
                WHERE id = \(bind: integrationID) AND disconnected_at IS NULL
                AND (refresh_lease_until IS NULL OR refresh_lease_until <= \(bind: now.millis)) RETURNING id
                """
            ).first() != nil
        }
    }

    public func releaseRefreshLease(integrationID: String) async throws {
        try await database.write { db in
            try await db.raw("UPDATE integrations SET refresh_lease_until = NULL WHERE id = \(bind: integrationID)").run()
        }
    }

    /// Live active OAuth integrations whose sealed tokens should be looked at by the refresher.
    public func oauthIntegrationIDs() async throws -> [String] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT id FROM integrations WHERE family = 'bimpeai' AND type IN ('google_calendar', 'google_sheets')
                AND status = 'active' AND disconnected_at IS NULL
                """
            ).all().map { try $0.decode(column: "id", as: String.self) }
        }
    }
}
