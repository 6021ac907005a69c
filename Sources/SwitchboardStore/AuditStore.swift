import Foundation
import SQLKit
import SwitchboardCore

/// An append-only record of every change: who (key id), what, when, and how it ended.
/// Nothing here updates or deletes an event.
public struct AuditStore: Sendable {
    public struct Event: Sendable, Equatable {
        public let id: String
        public let teamID: String
        public let keyID: String?
        public let action: String
        public let method: String?
        public let route: String?
        public let agentID: String?
        public let targetID: String?
        public let outcome: String
        public let status: Int?
        public let requestID: String?
        public let createdAt: Date

        public init(
            teamID: String, keyID: String?, action: String, method: String?, route: String?, agentID: String?,
            targetID: String?, outcome: String, status: Int?, requestID: String?, createdAt: Date
        ) {
            self.id = Identifier.make("evt_")
            self.teamID = teamID
            self.keyID = keyID
            self.action = action
            self.method = method
            self.route = route
            self.agentID = agentID
            self.targetID = targetID
            self.outcome = outcome
            self.status = status
            self.requestID = requestID
            self.createdAt = createdAt
        }

        /// A change made with the command line (no API key).
        public static func byOperator(teamID: String, action: String, targetID: String) -> Event {
            Event(
                teamID: teamID, keyID: nil, action: action, method: nil, route: "cli", agentID: nil, targetID: targetID,
                outcome: "succeeded", status: nil, requestID: nil, createdAt: Date())
        }

        init(row: any SQLRow) throws {
            id = try row.decode(column: "id", as: String.self)
            teamID = try row.decode(column: "team_id", as: String.self)
            keyID = try row.optionalString("key_id")
            action = try row.decode(column: "action", as: String.self)
            method = try row.optionalString("method")
            route = try row.optionalString("route")
            agentID = try row.optionalString("agent_id")
            targetID = try row.optionalString("target_id")
            outcome = try row.decode(column: "outcome", as: String.self)
            status = try row.decodeNil(column: "status") ? nil : try row.decode(column: "status", as: Int.self)
            requestID = try row.optionalString("request_id")
            createdAt = Date(millis: try row.decode(column: "created_at", as: Int64.self))
        }
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func record(_ event: Event) async throws {
        try await database.write { db in try await Self.insert(event, on: db) }
    }

    /// Records `event` inside the caller's transaction.
    static func insert(_ event: Event, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO audit_events (id, team_id, key_id, action, method, route, agent_id, target_id, outcome, status, request_id, created_at)
            VALUES (\(bind: event.id), \(bind: event.teamID), \(bind: event.keyID), \(bind: event.action), \(bind: event.method),
                \(bind: event.route), \(bind: event.agentID), \(bind: event.targetID), \(bind: event.outcome), \(bind: event.status),
                \(bind: event.requestID), \(bind: event.createdAt.truncatedToMillis.millis))
            """
        ).run()
    }

    public func list(teamID: String, agentID: String?, action: String?, page: PageRequest) async throws -> Page<Event> {
        var filter: SQLQueryString = "team_id = \(bind: teamID)"
        if let agentID { filter = "\(filter) AND agent_id = \(bind: agentID)" }
        if let action { filter = "\(filter) AND action = \(bind: action)" }
        let query = ListQuery(table: "audit_events", filter: filter, sortColumns: ["created_at": "created_at"], searchable: false)
        return try await database.read { try await query.page(page, on: $0, decode: Event.init(row:)) }
    }
}
