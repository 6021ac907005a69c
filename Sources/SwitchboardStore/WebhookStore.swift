import Foundation
import SQLKit
import SwitchboardCore

/// A team's webhook endpoint. Its signing secret is sealed, never read back but to sign.
public struct WebhookEndpoint: Sendable, Equatable {
    public let id: String
    public let teamID: String
    public var url: String
    public var description: String
    public var events: [String]
    public var enabled: Bool
    public var sealedSecret: String
    public let createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, teamID: String, url: String, description: String, events: [String], enabled: Bool, sealedSecret: String,
        createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.teamID = teamID
        self.url = url
        self.description = description
        self.events = events
        self.enabled = enabled
        self.sealedSecret = sealedSecret
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// One event for one endpoint, delivered at least once with the same id.
public struct WebhookDelivery: Sendable, Equatable {
    public enum Status: String, Sendable { case pending, succeeded, failed }
    public struct Attempt: Sendable, Equatable {
        public let number: Int
        public let at: Date
        public let status: Int?
        public let error: String?
        public let durationMS: Int
    }

    public let id: String
    public let endpointID: String
    public let eventType: String
    public let payload: String
    public let status: Status
    public let attempts: Int
    public let nextAttemptAt: Date
    public let lastStatus: Int?
    public let lastError: String?
    public let createdAt: Date
    public var history: [Attempt] = []
}

/// The events a webhook endpoint may subscribe to.
public enum WebhookEvents {
    public static let all = [
        "execution.pending_approval", "execution.succeeded", "execution.failed", "execution.rejected", "execution.expired",
        "integration.connected", "integration.needs_reauth", "integration.tools_changed", "integration.disconnected",
    ]

    /// Writes `type` to the outbox on `db`, inside the caller's transaction: one
    /// delivery for each enabled endpoint of the team that subscribed to it. The
    /// payload holds ids, names and statuses, never arguments, outputs or secrets.
    static func record(_ type: String, teamID: String, data: [String: JSONValue], at now: Date, on db: any SQLDatabase) async throws {
        let event = Identifier.make("msg_", length: 20)
        let payload = JSONValue.object(["type": .string(type), "timestamp": .string(now.iso8601), "data": .object(data)]).jsonText
        try await db.raw(
            """
            INSERT INTO webhook_deliveries (id, team_id, endpoint_id, event_type, payload, status, attempts, next_attempt_at,
                created_at, updated_at, traceparent)
            SELECT \(bind: event + "_") || id, team_id, id, \(bind: type), \(bind: payload), 'pending', 0, \(bind: now.millis),
                \(bind: now.millis), \(bind: now.millis), \(bind: TraceContext.currentParent())
            FROM webhook_endpoints
            WHERE team_id = \(bind: teamID) AND enabled AND deleted_at IS NULL AND events LIKE \(bind: "%\"\(type)\"%")
            """
        ).run()
    }
}

extension WebhookEvents {
    /// What an integration event says of it.
    static func data(_ integration: Integration, status: String? = nil) -> [String: JSONValue] {
        [
            "integration_id": .string(integration.id), "agent_id": .string(integration.agentID), "type": .string(integration.type),
            "name": .string(integration.name), "status": .string(status ?? integration.status.rawValue),
        ]
    }

    /// `integration.tools_changed` with how many tools each change touched, when any did.
    static func toolsChanged(_ integration: Integration, _ counts: [String: Int], at now: Date, on db: any SQLDatabase) async throws {
        guard counts.values.contains(where: { $0 > 0 }) else { return }
        let data = data(integration).merging(counts.mapValues(JSONValue.int)) { $1 }
        try await record("integration.tools_changed", teamID: integration.teamID, data: data, at: now, on: db)
    }

    /// `integration.connected` or `integration.needs_reauth` for an integration that just got that status.
    static func recordStatus(of integration: Integration, at now: Date, on db: any SQLDatabase) async throws {
        let type: String? =
            switch integration.status {
            case .active: "integration.connected"
            case .needsReauth: "integration.needs_reauth"
            default: nil
            }
        guard let type else { return }
        try await record(type, teamID: integration.teamID, data: data(integration), at: now, on: db)
    }

    /// What an execution event says of it (never its arguments or output).
    static func data(_ execution: Execution) -> [String: JSONValue] {
        [
            "execution_id": .string(execution.id), "agent_id": .string(execution.agentID), "action_id": .string(execution.actionID),
            "action_name": .string(execution.actionName), "status": .string(execution.status.rawValue),
            "source": .string(execution.source.rawValue),
        ]
    }
}

/// Webhook endpoints, their deliveries and attempts, and the sender's leases.
public struct WebhookStore: Store {
    public let base: StoreBase
    public init(base: StoreBase) { self.base = base }

    public static let maxEndpoints = 20

    public func create(_ endpoint: WebhookEndpoint) async throws {
        let forUpdate = database.forUpdate
        try await database.transaction { db in
            _ = try await db.raw("SELECT id FROM teams WHERE id = \(bind: endpoint.teamID)\(forUpdate)").first()
            let count =
                try await db.raw(
                    "SELECT COUNT(*) AS n FROM webhook_endpoints WHERE team_id = \(bind: endpoint.teamID) AND deleted_at IS NULL"
                ).first()?.decode(column: "n", as: Int.self) ?? 0
            guard count < Self.maxEndpoints else {
                throw ConsoleError.conflict("A team may have at most \(Self.maxEndpoints) webhook endpoints")
            }
            try await db.raw(
                """
                INSERT INTO webhook_endpoints (id, team_id, url, description, events, enabled, sealed_secret, created_at, updated_at)
                VALUES (\(bind: endpoint.id), \(bind: endpoint.teamID), \(bind: endpoint.url), \(bind: endpoint.description),
                    \(bind: Self.encode(endpoint.events)), \(bind: endpoint.enabled), \(bind: endpoint.sealedSecret),
                    \(bind: endpoint.createdAt.millis), \(bind: endpoint.updatedAt.millis))
                """
            ).run()
        }
    }

    public func list(teamID: String) async throws -> [WebhookEndpoint] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT * FROM webhook_endpoints WHERE team_id = \(bind: teamID) AND deleted_at IS NULL ORDER BY created_at, id
                """
            ).all().map(Self.endpoint)
        }
    }

    public func find(id: String, teamID: String) async throws -> WebhookEndpoint? {
        try await database.read { db in
            try await db.raw(
                """
                SELECT * FROM webhook_endpoints WHERE id = \(bind: id) AND team_id = \(bind: teamID) AND deleted_at IS NULL
                """
            ).first().map(Self.endpoint)
        }
    }

    /// Stores the endpoint's new settings (or secret); false when it no longer exists.
    public func update(_ endpoint: WebhookEndpoint) async throws -> Bool {
        try await database.write { db in
            try await db.raw(
                """
                UPDATE webhook_endpoints SET url = \(bind: endpoint.url), description = \(bind: endpoint.description),
                events = \(bind: Self.encode(endpoint.events)), enabled = \(bind: endpoint.enabled),
                sealed_secret = \(bind: endpoint.sealedSecret), updated_at = \(bind: endpoint.updatedAt.millis)
                WHERE id = \(bind: endpoint.id) AND team_id = \(bind: endpoint.teamID) AND deleted_at IS NULL RETURNING id
                """
            ).first() != nil
        }
    }

    /// Deletes the endpoint; its pending deliveries are not sent.
    public func delete(id: String, teamID: String) async throws -> Bool {
        let now = clock.now().millis
        return try await database.transaction { db in
            let deleted =
                try await db.raw(
                    """
                    UPDATE webhook_endpoints SET deleted_at = \(bind: now), sealed_secret = ''
                    WHERE id = \(bind: id) AND team_id = \(bind: teamID) AND deleted_at IS NULL RETURNING id
                    """
                ).first() != nil
            if deleted {
                try await db.raw(
                    """
                    UPDATE webhook_deliveries SET status = 'failed', last_error = 'the endpoint was deleted', updated_at = \(bind: now)
                    WHERE endpoint_id = \(bind: id) AND status = 'pending'
                    """
                ).run()
            }
            return deleted
        }
    }

    /// The endpoint's latest deliveries, newest first, each with its attempts.
    public func deliveries(endpointID: String, limit: Int) async throws -> [WebhookDelivery] {
        try await database.read { db in
            var deliveries = try await db.raw(
                """
                SELECT * FROM webhook_deliveries WHERE endpoint_id = \(bind: endpointID)
                ORDER BY created_at DESC, id DESC LIMIT \(bind: limit)
                """
            ).all().map(Self.delivery)
            guard !deliveries.isEmpty else { return deliveries }
            let ids = SQLList(deliveries.map { SQLBind($0.id) })
            let attempts = try await db.raw(
                "SELECT * FROM webhook_attempts WHERE delivery_id IN (\(ids)) ORDER BY attempt"
            ).all()
            for row in attempts {
                let id = try row.decode(column: "delivery_id", as: String.self)
                guard let index = deliveries.firstIndex(where: { $0.id == id }) else { continue }
                deliveries[index].history.append(
                    .init(
                        number: try row.decode(column: "attempt", as: Int.self),
                        at: Date(millis: try row.decode(column: "at", as: Int64.self)),
                        status: try row.decode(column: "status", as: Int?.self), error: try row.decode(column: "error", as: String?.self),
                        durationMS: try row.decode(column: "duration_ms", as: Int.self)))
            }
            return deliveries
        }
    }

    /// Sends a delivery again as soon as the sender is free (a failed one starts a new round of attempts).
    public func retry(deliveryID: String, endpointID: String) async throws -> Bool {
        let now = clock.now().millis
        return try await database.write { db in
            try await db.raw(
                """
                UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = \(bind: now), attempts = 0, updated_at = \(bind: now)
                WHERE id = \(bind: deliveryID) AND endpoint_id = \(bind: endpointID) RETURNING id
                """
            ).first() != nil
        }
    }

    /// What the sender works on: a due delivery, its endpoint's URL and sealed secret.
    public struct Due: Sendable {
        public let delivery: WebhookDelivery
        public let url: String
        public let sealedSecret: String
        /// The trace context of the change that caused the event (W3C `traceparent`), when it was traced.
        public let traceparent: String?
    }

    /// Leases up to `limit` due deliveries for `lease` seconds: no other process
    /// sends them until the lease ends.
    public func claim(limit: Int, lease: TimeInterval) async throws -> [Due] {
        let now = clock.now()
        let skipLocked = database.kind == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        return try await database.transaction { db in
            let rows = try await db.raw(
                """
                UPDATE webhook_deliveries SET lease_until = \(bind: now.addingTimeInterval(lease).millis)
                WHERE id IN (
                    SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= \(bind: now.millis)
                    AND (lease_until IS NULL OR lease_until <= \(bind: now.millis))
                    ORDER BY next_attempt_at LIMIT \(bind: limit)\(unsafeRaw: skipLocked))
                RETURNING *
                """
            ).all().map { (try Self.delivery($0), try $0.decode(column: "traceparent", as: String?.self)) }
            guard !rows.isEmpty else { return [] }
            let ids = SQLList(Array(Set(rows.map(\.0.endpointID))).map { SQLBind($0) })
            var endpoints: [String: (String, String)] = [:]
            for row in try await db.raw("SELECT id, url, sealed_secret FROM webhook_endpoints WHERE id IN (\(ids))").all() {
                endpoints[try row.decode(column: "id", as: String.self)] = (
                    try row.decode(column: "url", as: String.self), try row.decode(column: "sealed_secret", as: String.self)
                )
            }
            return rows.compactMap { delivery, traceparent in
                endpoints[delivery.endpointID].map { Due(delivery: delivery, url: $0.0, sealedSecret: $0.1, traceparent: traceparent) }
            }
        }
    }

    /// Records one attempt and what follows: done, another try at `retryAt`, or failed for good (nil).
    public func recordAttempt(
        _ delivery: WebhookDelivery, status: Int?, error: String?, durationMS: Int, succeeded: Bool, retryAt: Date?
    ) async throws {
        let now = clock.now().millis
        let next: WebhookDelivery.Status = succeeded ? .succeeded : (retryAt == nil ? .failed : .pending)
        let attempt = delivery.attempts + 1
        try await database.transaction { db in
            try await db.raw(
                """
                INSERT INTO webhook_attempts (delivery_id, attempt, at, status, error, duration_ms)
                VALUES (\(bind: delivery.id), \(bind: attempt), \(bind: now), \(bind: status), \(bind: error), \(bind: durationMS))
                ON CONFLICT (delivery_id, attempt) DO NOTHING
                """
            ).run()
            try await db.raw(
                """
                UPDATE webhook_deliveries SET status = \(bind: next.rawValue), attempts = \(bind: attempt),
                next_attempt_at = \(bind: (retryAt?.millis) ?? now), lease_until = NULL, last_status = \(bind: status),
                last_error = \(bind: error), updated_at = \(bind: now)
                WHERE id = \(bind: delivery.id) AND status = 'pending'
                """
            ).run()
        }
    }

    static func encode(_ events: [String]) -> String { JSONValue.array(events.map(JSONValue.string)).jsonText }

    static func endpoint(_ row: any SQLRow) throws -> WebhookEndpoint {
        let stored = try JSONValue.parse(text: try row.decode(column: "events", as: String.self))
        let events: [String] = if case .array(let items) = stored { items.compactMap(\.stringValue) } else { [] }
        return WebhookEndpoint(
            id: try row.decode(column: "id", as: String.self), teamID: try row.decode(column: "team_id", as: String.self),
            url: try row.decode(column: "url", as: String.self), description: try row.decode(column: "description", as: String.self),
            events: events,
            enabled: try row.decode(column: "enabled", as: Bool.self),
            sealedSecret: try row.decode(column: "sealed_secret", as: String.self),
            createdAt: Date(millis: try row.decode(column: "created_at", as: Int64.self)),
            updatedAt: Date(millis: try row.decode(column: "updated_at", as: Int64.self)))
    }

    static func delivery(_ row: any SQLRow) throws -> WebhookDelivery {
        WebhookDelivery(
            id: try row.decode(column: "id", as: String.self), endpointID: try row.decode(column: "endpoint_id", as: String.self),
            eventType: try row.decode(column: "event_type", as: String.self), payload: try row.decode(column: "payload", as: String.self),
            status: WebhookDelivery.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .failed,
            attempts: try row.decode(column: "attempts", as: Int.self),
            nextAttemptAt: Date(millis: try row.decode(column: "next_attempt_at", as: Int64.self)),
            lastStatus: try row.decode(column: "last_status", as: Int?.self),
            lastError: try row.decode(column: "last_error", as: String?.self),
            createdAt: Date(millis: try row.decode(column: "created_at", as: Int64.self)))
    }
}
