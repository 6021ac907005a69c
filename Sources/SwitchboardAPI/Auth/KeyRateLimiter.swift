import Foundation
import SwitchboardCore
import SwitchboardStore
import Synchronization

/// Per-key token buckets kept in the database and spent from memory: each process
/// takes small batches ("leases") of tokens from the shared bucket, so limits hold
/// across processes while most requests never touch the database. A lease lives one
/// second; what it did not use is given back with the next batch. Within a process
/// one claim per key runs at a time, and waiters look at the fresh lease first, so
/// no token a process holds is refused to its own requests.
final class KeyRateLimiter: Sendable {
    struct Decision: Sendable {
        let allowed: Bool
        let limit: Int, remaining: Int, resetAt: Int, retryAfter: Int
    }

    private struct Lease {
        var capacity: Int
        var tokens: Int
        var batch: Int
        var expiresAt: Date
        var bucket: TokenBucket
    }

    private let store: RateBucketStore
    private let leases = Mutex<[String: Lease]>([:])
    /// Claims of one key run one at a time; keys share 32 locks by hash.
    private let claimLocks = (0..<32).map { _ in AsyncLock() }
    static let leaseLifetime: TimeInterval = 1

    init(store: RateBucketStore) {
        self.store = store
    }

    func admit(keyID: String, capacity: Int, now: Date) async throws -> Decision {
        if let lease = spend(keyID: keyID, capacity: capacity, now: now) {
            return decision(lease: lease)
        }
        let lock = claimLocks[Int(UInt(bitPattern: keyID.hashValue) % UInt(claimLocks.count))]
        return try await lock.withLock {
            // A claim that finished while this one waited may have left tokens.
            if let lease = self.spend(keyID: keyID, capacity: capacity, now: now) {
                return self.decision(lease: lease)
            }
            return try await self.claim(keyID: keyID, capacity: capacity, now: now)
        }
    }

    /// Spends one token of a live lease, if there is one.
    private func spend(keyID: String, capacity: Int, now: Date) -> Lease? {
        leases.withLock { leases in
            guard var lease = leases[keyID], lease.capacity == capacity, now < lease.expiresAt, lease.tokens > 0 else { return nil }
            lease.tokens -= 1
            leases[keyID] = lease
            return lease
        }
    }

    /// Takes a new batch from the shared bucket, returning what an expired lease left.
    private func claim(keyID: String, capacity: Int, now: Date) async throws -> Decision {
        let old = leases.withLock { $0.removeValue(forKey: keyID) }
        let giveBack = old.map { $0.capacity == capacity ? $0.tokens : 0 } ?? 0
        // A lease used up before it expired asks for twice as much next time.
        let grown = old.map { $0.tokens == 0 && now < $0.expiresAt ? $0.batch * 2 : max(1, $0.batch / 2) } ?? 1
        let batch = min(grown, max(1, capacity / 20))
        let (granted, bucket) = try await store.take(keyID: keyID, capacity: capacity, wanted: batch, giveBack: giveBack, now: now)
        guard granted > 0 else {
            return Decision(
                allowed: false, limit: capacity, remaining: 0, resetAt: Int(bucket.fullAt.timeIntervalSince1970.rounded(.up)),
                retryAfter: bucket.secondsUntilNextToken)
        }
        let lease = Lease(
            capacity: capacity, tokens: granted - 1, batch: batch, expiresAt: now.addingTimeInterval(Self.leaseLifetime), bucket: bucket)
        leases.withLock { $0[keyID] = lease }
        return decision(lease: lease)
    }

    private func decision(lease: Lease) -> Decision {
        Decision(
            allowed: true, limit: lease.capacity,
            remaining: min(lease.capacity, Int(lease.bucket.tokens.rounded(.down)) + lease.tokens),
            resetAt: Int(lease.bucket.fullAt.timeIntervalSince1970.rounded(.up)), retryAfter: 0)
    }
}
