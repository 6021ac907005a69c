import Foundation
import Synchronization
import SwitchboardCore
import SwitchboardStore

/// Per-key token buckets kept in the database and spent from memory: each process
/// takes small batches ("leases") of tokens from the shared bucket, so limits hold
/// across processes while most requests never touch the database. A lease lives one
/// second; what it did not use is given back with the next batch.
final class KeyRateLimiter: Sendable {
    struct Decision: Sendable {
        let allowed: Bool
        let limit: Int
        let remaining: Int
        let resetAt: Int
        let retryAfter: Int
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
    static let leaseLifetime: TimeInterval = 1

    init(store: RateBucketStore) {
        self.store = store
    }

    func admit(keyID: String, capacity: Int, now: Date) async throws -> Decision {
        enum Step { case spent(Lease), claim(giveBack: Int, batch: Int) }
        let step = leases.withLock { leases -> Step in
            if var lease = leases[keyID], lease.capacity == capacity, now < lease.expiresAt, lease.tokens > 0 {
                lease.tokens -= 1
                leases[keyID] = lease
                return .spent(lease)
            }
            let old = leases.removeValue(forKey: keyID)
            let usable = old.map { $0.capacity == capacity } ?? false
            // A lease used up before it expired asks for twice as much next time.
            let batch = old.map { $0.tokens == 0 && now < $0.expiresAt ? $0.batch * 2 : max(1, $0.batch / 2) } ?? 1
            return .claim(giveBack: usable ? old!.tokens : 0, batch: min(batch, max(1, capacity / 20)))
        }
        switch step {
        case .spent(let lease):
            return decision(allowed: true, lease: lease, now: now)
        case .claim(let giveBack, let batch):
            let (granted, bucket) = try await store.take(keyID: keyID, capacity: capacity, wanted: batch, giveBack: giveBack, now: now)
            guard granted > 0 else {
                return Decision(
                    allowed: false, limit: capacity, remaining: 0, resetAt: Int(bucket.fullAt.timeIntervalSince1970.rounded(.up)),
                    retryAfter: bucket.secondsUntilNextToken)
            }
            let lease = leases.withLock { leases -> Lease in
                var lease = Lease(capacity: capacity, tokens: granted - 1, batch: batch, expiresAt: now.addingTimeInterval(Self.leaseLifetime), bucket: bucket)
                if let other = leases[keyID], other.capacity == capacity, now < other.expiresAt {
                    lease.tokens += other.tokens
                }
                leases[keyID] = lease
                return lease
            }
            return decision(allowed: true, lease: lease, now: now)
        }
    }

    private func decision(allowed: Bool, lease: Lease, now: Date) -> Decision {
        Decision(
            allowed: allowed, limit: lease.capacity,
            remaining: min(lease.capacity, Int(lease.bucket.tokens.rounded(.down)) + lease.tokens),
            resetAt: Int(lease.bucket.fullAt.timeIntervalSince1970.rounded(.up)), retryAfter: 0)
    }
}
