import Foundation
import SQLKit
import SwitchboardCore

/// The shared side of rate limiting: one token bucket per API key in the database,
/// from which each process takes small batches of tokens.
public struct RateBucketStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Returns `giveBack` unused tokens, takes up to `wanted`, and answers how many were
    /// granted together with the bucket as it was left.
    public func take(keyID: String, capacity: Int, wanted: Int, giveBack: Int, now: Date) async throws -> (
        granted: Int, bucket: TokenBucket
    ) {
        let forUpdate = database.forUpdate
        return try await database.transaction { db in
            // The row exists before it is locked, so two first claims cannot both start from full.
            try await db.raw(
                """
                INSERT INTO rate_buckets (key_id, tokens, updated_at)
                VALUES (\(bind: keyID), \(bind: Double(capacity)), \(bind: now.millis))
                ON CONFLICT (key_id) DO NOTHING
                """
            ).run()
            let row = try await db.raw(
                """
                SELECT tokens, updated_at FROM rate_buckets WHERE key_id = \(bind: keyID)\(forUpdate)
                """
            ).first()
            var bucket = TokenBucket(
                capacity: capacity, tokens: try row?.decode(column: "tokens", as: Double.self),
                updatedAt: Date(millis: try row?.decode(column: "updated_at", as: Int64.self) ?? now.millis))
            let granted = bucket.take(wanted, giveBack: giveBack, now: now)
            try await db.raw(
                """
                UPDATE rate_buckets SET tokens = \(bind: bucket.tokens), updated_at = \(bind: bucket.updatedAt.millis)
                WHERE key_id = \(bind: keyID)
                """
            ).run()
            return (granted, bucket)
        }
    }
}
