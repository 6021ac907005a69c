import Foundation

/// A token bucket: `capacity` tokens, refilled continuously at `capacity` per `period`.
public struct TokenBucket: Sendable, Equatable {
    public let capacity: Double
    public let refillPerSecond: Double
    public private(set) var tokens: Double
    public private(set) var updatedAt: Date

    public init(capacity: Int, period: TimeInterval = 60, tokens: Double? = nil, updatedAt: Date) {
        self.capacity = Double(capacity)
        self.refillPerSecond = Double(capacity) / period
        self.tokens = min(tokens ?? Double(capacity), Double(capacity))
        self.updatedAt = updatedAt
    }

    /// Brings the bucket up to `now`.
    public mutating func refill(to now: Date) {
        let elapsed = max(0, now.timeIntervalSince(updatedAt))
        tokens = min(capacity, tokens + elapsed * refillPerSecond)
        updatedAt = max(updatedAt, now)
    }

    /// Takes up to `wanted` whole tokens (after `giveBack` unused ones are returned) and says how many it gave.
    public mutating func take(_ wanted: Int, giveBack: Int = 0, now: Date) -> Int {
        refill(to: now)
        tokens = min(capacity, tokens + Double(giveBack))
        let granted = max(0, min(wanted, Int(tokens.rounded(.down))))
        tokens -= Double(granted)
        return granted
    }

    /// Whole seconds until one token is there (at least 1).
    public var secondsUntilNextToken: Int {
        guard refillPerSecond > 0 else { return 60 }
        return max(1, Int(((1 - tokens) / refillPerSecond).rounded(.up)))
    }

    /// Unix time at which the bucket will be full again.
    public var fullAt: Date {
        guard refillPerSecond > 0 else { return updatedAt }
        return updatedAt.addingTimeInterval((capacity - tokens) / refillPerSecond)
    }
}
