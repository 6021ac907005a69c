import Foundation
import SwitchboardCore
import SwitchboardStore
import Synchronization

/// Turns an API key into an identity. Lookups are cached in memory for a short
/// time (`ttl`, the revocation delay) so most requests never reach the database.
final class KeyAuthenticator: Sendable {
    private struct Entry {
        var key: APIKey
        var team: Team
        var fetchedAt: Date
    }

    private let keys: KeyStore
    private let plans: PlanTable
    private let clock: any TimeSource
    private let ttl: TimeInterval
    private let cache = Mutex<[String: Entry]>([:])
    /// How often `last_used_at` is written for a busy key.
    static let touchInterval: TimeInterval = 60
    static let maxEntries = 10_000

    init(keys: KeyStore, plans: PlanTable, clock: any TimeSource, ttl: TimeInterval) {
        self.keys = keys
        self.plans = plans
        self.clock = clock
        self.ttl = ttl
    }

    func authenticate(_ secret: String) async throws -> Identity {
        let hash = Identifier.hash(secret)
        let now = clock.now()
        var entry = cache.withLock { cached -> Entry? in
            guard let entry = cached[hash], now.timeIntervalSince(entry.fetchedAt) < ttl else { return nil }
            return entry
        }
        if entry == nil {
            guard let (key, team) = try await keys.find(hash: hash) else { throw ConsoleError.invalidAPIKey }
            entry = Entry(key: key, team: team, fetchedAt: now)
        }
        guard var entry else { throw ConsoleError.invalidAPIKey }
        guard entry.key.revokedAt == nil else { throw ConsoleError.invalidAPIKey }
        guard !entry.key.isExpired(at: now) else { throw ConsoleError.expiredAPIKey }
        if entry.key.lastUsedAt.map({ now.timeIntervalSince($0) >= Self.touchInterval }) ?? true {
            try await keys.touch(id: entry.key.id, at: now)
            entry.key.lastUsedAt = now
        }
        if ttl > 0 {
            let fresh = entry
            cache.withLock { cached in
                if cached.count >= Self.maxEntries { cached.removeAll(keepingCapacity: true) }
                cached[hash] = fresh
            }
        }
        let limits = plans.limits(for: entry.team.plan) ?? PlanTable.defaultPlans["free"]!
        return Identity(teamID: entry.team.id, keyID: entry.key.id, scopes: entry.key.scopes, plan: entry.team.plan, limits: limits)
    }
}
