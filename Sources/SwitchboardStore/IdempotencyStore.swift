import Foundation
import SQLKit
import SwitchboardCore

/// Remembers answers by `Idempotency-Key` for a team, in the database so that the
/// rules hold across processes.
public struct IdempotencyStore: Sendable {
    /// What to do with a request that carries a key.
    public enum Claim: Sendable, Equatable {
        /// First time: run it, then `complete` or `release`.
        case started
        /// Seen and answered: send this again.
        case replay(status: Int, body: String)
        /// The key was used for a different request.
        case mismatch
        /// The key was used by another API key of the team.
        case otherKey
        /// The first request with this key has not finished.
        case inProgress
    }

    let database: Database
    let clock: any TimeSource
    /// How long an answer is kept.
    let retention: TimeInterval
    /// How long an unfinished claim blocks the key before it counts as abandoned (a crashed process).
    let abandonAfter: TimeInterval

    public init(
        database: Database, clock: any TimeSource = SystemTimeSource(), retention: TimeInterval = 24 * 3600,
        abandonAfter: TimeInterval = 300
    ) {
        self.database = database
        self.clock = clock
        self.retention = retention
        self.abandonAfter = abandonAfter
    }

    /// Claims `key` for a request of API key `keyID`.
    public func claim(teamID: String, keyID: String, key: String, fingerprint: String) async throws -> Claim {
        let now = clock.now()
        let expires = now.addingTimeInterval(retention).millis
        let abandonedBefore = now.addingTimeInterval(-abandonAfter).millis
        return try await database.transaction { db in
            let inserted = try await db.raw(
                """
                INSERT INTO idempotency_keys (team_id, idem_key, api_key_id, fingerprint, state, created_at, expires_at)
                VALUES (\(bind: teamID), \(bind: key), \(bind: keyID), \(bind: fingerprint), 'running', \(bind: now.millis), \(bind: expires))
                ON CONFLICT (team_id, idem_key) DO NOTHING RETURNING idem_key
                """
            ).first()
            if inserted != nil { return .started }
            guard
                let row = try await db.raw(
                    """
                    SELECT * FROM idempotency_keys WHERE team_id = \(bind: teamID) AND idem_key = \(bind: key)
                    """
                ).first()
            else { return .inProgress }
            let state = try row.decode(column: "state", as: String.self)
            let created = try row.decode(column: "created_at", as: Int64.self)
            let stale =
                try row.decode(column: "expires_at", as: Int64.self) <= now.millis
                || (state == "running" && created < abandonedBefore)
            if stale {
                try await db.raw(
                    """
                    UPDATE idempotency_keys SET api_key_id = \(bind: keyID), fingerprint = \(bind: fingerprint), state = 'running', status = NULL,
                    body = NULL, created_at = \(bind: now.millis), expires_at = \(bind: expires)
                    WHERE team_id = \(bind: teamID) AND idem_key = \(bind: key)
                    """
                ).run()
                return .started
            }
            let owner = try row.decodeNil(column: "api_key_id") ? nil : try row.decode(column: "api_key_id", as: String.self)
            guard owner == keyID else { return .otherKey }
            guard try row.decode(column: "fingerprint", as: String.self) == fingerprint else { return .mismatch }
            guard state == "done" else { return .inProgress }
            return .replay(
                status: try row.decode(column: "status", as: Int.self),
                body: try row.decode(column: "body", as: String.self))
        }
    }

    /// Stores the answer of a started request.
    public func complete(teamID: String, key: String, status: Int, body: String) async throws {
        try await database.write { db in
            try await db.raw(
                """
                UPDATE idempotency_keys SET state = 'done', status = \(bind: status), body = \(bind: body)
                WHERE team_id = \(bind: teamID) AND idem_key = \(bind: key)
                """
            ).run()
        }
    }

    /// Forgets a started request whose answer is not to be kept (5xx), so it may be retried.
    public func release(teamID: String, key: String) async throws {
        try await database.write { db in
            try await db.raw(
                """
                DELETE FROM idempotency_keys WHERE team_id = \(bind: teamID) AND idem_key = \(bind: key) AND state = 'running'
                """
            ).run()
        }
    }

    /// Deletes expired answers; returns how many.
    @discardableResult
    public func purgeExpired() async throws -> Int {
        let now = clock.now().millis
        return try await database.write { db in
            try await db.raw("DELETE FROM idempotency_keys WHERE expires_at <= \(bind: now) RETURNING idem_key").all().count
        }
    }
}
