import Foundation
import SwitchboardCore
import Synchronization

/// Limits failed or missing authentications per client address, so that keys
/// cannot be guessed at speed. Kept in memory: each process has its own budget.
final class AddressLimiter: Sendable {
    private let perMinute: Int
    private let buckets = Mutex<[String: TokenBucket]>([:])
    static let maxAddresses = 50_000

    init(perMinute: Int) {
        self.perMinute = perMinute
    }

    /// Seconds to wait when the address has no budget left, else nil.
    func blocked(_ address: String, now: Date) -> Int? {
        buckets.withLock { buckets in
            guard var bucket = buckets[address] else { return nil }
            bucket.refill(to: now)
            buckets[address] = bucket
            return bucket.tokens < 1 ? bucket.secondsUntilNextToken : nil
        }
    }

    func recordFailure(_ address: String, now: Date) {
        buckets.withLock { buckets in
            if buckets.count >= Self.maxAddresses {
                // Full buckets carry no information; dropping them frees the space.
                buckets = buckets.filter {
                    var b = $0.value
                    b.refill(to: now)
                    return b.tokens < b.capacity
                }
            }
            var bucket = buckets[address] ?? TokenBucket(capacity: perMinute, updatedAt: now)
            _ = bucket.take(1, now: now)
            buckets[address] = bucket
        }
    }
}
