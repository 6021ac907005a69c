import Foundation
import SQLKit
import SwitchboardCore

/// Integrations of every family. Live ones count toward the plan's cap; a
/// disconnected one keeps its row (for the record) but loses its secrets.
public struct IntegrationStore: Store {
    public let base: StoreBase
    public init(base: StoreBase) { self.base = base }

    /// The agent's live integrations, oldest first.
    public func live(agentID: String) async throws -> [Integration] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT * FROM integrations WHERE agent_id = \(bind: agentID) AND disconnected_at IS NULL
                ORDER BY created_at, id
                """
            ).all().map(Self.integration)
        }
    }

    /// A live integration of the agent, whatever its family.
    public func find(id: String, agentID: String) async throws -> Integration? {
        try await database.read { try await Self.find(id: id, agentID: agentID, on: $0) }
    }

    public func find(id: String) async throws -> Integration? {
        try await database.read { db in
            try await db.raw("SELECT * FROM integrations WHERE id = \(bind: id) AND disconnected_at IS NULL").first().map(Self.integration)
        }
    }

    static func find(id: String, agentID: String, on db: any SQLDatabase) async throws -> Integration? {
        try await db.raw(
            """
            SELECT * FROM integrations WHERE id = \(bind: id) AND agent_id = \(bind: agentID) AND disconnected_at IS NULL
            """
        ).first().map(integration)
    }

    /// Sets up the agent's integration of `family` and `type` (and `matching`, e.g. an app), one per agent: the live one is
    /// changed in place (`created` false), or a new one is made if the plan's cap
    /// allows. `change` receives the record (new or existing) and returns it as it
    /// should be stored; it seals secrets with the record's id.
    public func upsertConnector(
        agent: Agent, family: Integration.Family, type: String, name: String, limit: Int?, catalog: [ToolDefinition] = [],
        matching: @escaping @Sendable (Integration) -> Bool = { _ in true }, change: @escaping @Sendable (Integration) throws -> Integration
    ) async throws -> (integration: Integration, created: Bool) {
        let now = clock.now().truncatedToMillis
        let forUpdate = database.forUpdate
        return try await database.transaction { db in
            // Locking the agent makes configures of one agent take turns, so the cap holds.
            _ = try await db.raw("SELECT id FROM agents WHERE id = \(bind: agent.id)\(forUpdate)").first()
            if let found = try await db.raw(
                """
                SELECT * FROM integrations WHERE agent_id = \(bind: agent.id) AND family = \(bind: family.rawValue)
                AND type = \(bind: type) AND disconnected_at IS NULL ORDER BY created_at
                """
            ).all().map(Self.integration).first(where: matching) {
                var updated = try change(found)
                updated.updatedAt = now
                try await Self.save(updated, on: db)
                if updated.status == .active { try await ActionStore.install(catalog, for: updated, now: now, on: db) }
                return (updated, false)
            }
            try await Self.checkCap(agentID: agent.id, limit: limit, on: db)
            let blank = Integration(
                id: Identifier.make("ch_"), teamID: agent.teamID, agentID: agent.id, family: family, type: type,
                name: name, status: .pending, config: [:], sealedSecret: nil, createdAt: now, updatedAt: now)
            let integration = try change(blank)
            try await Self.insert(integration, on: db)
            if integration.status == .active {
                try await ActionStore.install(catalog, for: integration, now: now, on: db)
            }
            return (integration, true)
        }
    }

    /// Adds an integration of another family (one agent may have several) if the
    /// plan's cap allows, with the tools made from its document if any.
    /// `seal` receives the new id and returns the sealed secrets.
    public func create(
        agent: Agent, family: Integration.Family, name: String, config: [String: JSONValue], limit: Int?,
        status: Integration.Status = .active, tools: [ImportedTool] = [], seal: @escaping @Sendable (String) throws -> String?
    ) async throws -> Integration {
        let now = clock.now().truncatedToMillis
        let forUpdate = database.forUpdate
        return try await database.transaction { db in
            _ = try await db.raw("SELECT id FROM agents WHERE id = \(bind: agent.id)\(forUpdate)").first()
            try await Self.checkCap(agentID: agent.id, limit: limit, on: db)
            let id = Identifier.make("ch_")
            let integration = Integration(
                id: id, teamID: agent.teamID, agentID: agent.id, family: family, type: family.rawValue, name: name,
                status: status, config: config, sealedSecret: try seal(id), createdAt: now, updatedAt: now)
            try await Self.insert(integration, on: db)
            if !tools.isEmpty { _ = try await ActionStore.reconcile(tools, for: integration, now: now, on: db) }
            return integration
        }
    }

    /// Brings a live integration's imported tools up to a new version of its
    /// document and sets some keys of its config, in one transaction; nil when
    /// the integration was disconnected meanwhile.
    public func reimport(id: String, tools: [ImportedTool], config changes: [String: JSONValue]) async throws -> ImportChanges? {
        let now = clock.now().truncatedToMillis
        return try await locked(id: id) { integration, db in
            var integration = integration
            integration.config.merge(changes) { $1 }
            integration.updatedAt = now
            try await Self.save(integration, on: db)
            return try await ActionStore.reconcile(tools, for: integration, now: now, on: db)
        }
    }

    /// The agent's live integrations of one family, oldest first.
    public func live(agentID: String, family: Integration.Family) async throws -> [Integration] {
        try await live(agentID: agentID).filter { $0.family == family }
    }

    /// A live integration of the agent in `family`: 404 when there is none, 400 when it is of another family.
    public func find(id: String, agentID: String, family: Integration.Family) async throws -> Integration {
        try Integration.of(family, try await find(id: id, agentID: agentID))
    }

    /// Refuses a new integration when the agent already has `limit` live ones.
    static func checkCap(agentID: String, limit: Int?, on db: any SQLDatabase) async throws {
        guard let limit else { return }
        let count =
            try await db.raw(
                """
                SELECT COUNT(*) AS n FROM integrations WHERE agent_id = \(bind: agentID) AND disconnected_at IS NULL
                """
            ).first()?.decode(column: "n", as: Int.self) ?? 0
        guard count < limit else { throw Integration.limitReached }
    }

    /// Disconnects a live integration of the agent in `family`: it stops counting,
    /// its secrets and pending OAuth links are destroyed.
    public func disconnect(id: String, agentID: String, family: Integration.Family) async throws {
        let now = clock.now().millis
        try await database.transaction { db in
            let integration = try Integration.of(family, try await Self.find(id: id, agentID: agentID, on: db))
            try await db.raw(
                """
                UPDATE integrations SET disconnected_at = \(bind: now), updated_at = \(bind: now), sealed_secret = NULL,
                refresh_lease_until = NULL WHERE id = \(bind: id)
                """
            ).run()
            try await db.raw("DELETE FROM oauth_links WHERE integration_id = \(bind: id)").run()
            try await db.raw("DELETE FROM oauth_states WHERE integration_id = \(bind: id)").run()
            try await db.raw("DELETE FROM actions WHERE integration_id = \(bind: id)").run()
            try await WebhookEvents.record(
                "integration.disconnected", teamID: integration.teamID, data: WebhookEvents.data(integration, status: "disconnected"),
                at: Date(millis: now), on: db)
        }
    }

    /// Stores new secrets and status of a live integration; becoming `active` or
    /// `needs_reauth` is an event for the team's webhooks.
    public func update(id: String, status: Integration.Status, sealedSecret: String?) async throws {
        let now = clock.now().millis
        let forUpdate = database.forUpdate
        try await database.transaction { db in
            // Locked, so that of two processes changing the status at once only one tells the webhooks.
            let before = try await db.raw("SELECT * FROM integrations WHERE id = \(bind: id) AND disconnected_at IS NULL\(forUpdate)")
                .first().map(Self.integration)
            try await db.raw(
                """
                UPDATE integrations SET status = \(bind: status.rawValue), sealed_secret = \(bind: sealedSecret),
                updated_at = \(bind: now) WHERE id = \(bind: id) AND disconnected_at IS NULL
                """
            ).run()
            if var integration = before, integration.status != status {
                integration.status = status
                try await WebhookEvents.recordStatus(of: integration, at: Date(millis: now), on: db)
            }
        }
    }

    /// Replaces a live integration's sealed secret with what `change` makes of the
    /// current one (and its status, when given), the row locked in between so a
    /// concurrent change, such as a refreshed token, is not lost.
    public func reseal(
        id: String, status: Integration.Status? = nil, _ change: @escaping @Sendable (Integration) throws -> String?
    ) async throws {
        let now = clock.now().millis
        let forUpdate = database.forUpdate
        try await database.transaction { db in
            guard
                let row = try await db.raw(
                    "SELECT * FROM integrations WHERE id = \(bind: id) AND disconnected_at IS NULL\(forUpdate)"
                ).first()
            else { return }
            let current = try Self.integration(row)
            try await db.raw(
                """
                UPDATE integrations SET sealed_secret = \(bind: try change(current)),
                status = \(bind: (status ?? current.status).rawValue), updated_at = \(bind: now) WHERE id = \(bind: id)
                """
            ).run()
        }
    }

    /// Sets some keys of a live integration's config, the others as they are now.
    public func merge(id: String, config changes: [String: JSONValue]) async throws {
        let now = clock.now().millis
        try await locked(id: id) { integration, db in
            let config = integration.config.merging(changes) { $1 }
            guard config != integration.config else { return }
            try await db.raw(
                """
                UPDATE integrations SET config = \(bind: try Self.encode(config)), updated_at = \(bind: now) WHERE id = \(bind: id)
                """
            ).run()
        }
    }

    /// Every live integration of `family` with `status`, of every agent, oldest first.
    public func live(family: Integration.Family, status: Integration.Status) async throws -> [Integration] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT * FROM integrations WHERE family = \(bind: family.rawValue) AND status = \(bind: status.rawValue)
                AND disconnected_at IS NULL ORDER BY created_at
                """
            ).all().map(Self.integration)
        }
    }

    /// Makes a live integration `active` with new secrets and the actions of
    /// `catalog`, in one transaction.
    public func connect(id: String, sealedSecret: String?, catalog: [ToolDefinition]) async throws {
        let now = clock.now().truncatedToMillis
        try await locked(id: id) { integration, db in
            let before = integration.status
            var integration = integration
            integration.status = .active
            integration.sealedSecret = sealedSecret
            integration.updatedAt = now
            try await Self.save(integration, on: db)
            try await ActionStore.install(catalog, for: integration, now: now, on: db)
            if before != .active { try await WebhookEvents.recordStatus(of: integration, at: now, on: db) }
        }
    }

    /// Brings the actions of every active integration of `family` up to its type's
    /// catalog (after an upgrade changed a catalog).
    public func installCatalogs(family: Integration.Family, _ catalogs: [String: [ToolDefinition]]) async throws {
        let now = clock.now().truncatedToMillis
        let ids = try await database.read { db in
            try await db.raw(
                """
                SELECT id FROM integrations WHERE family = \(bind: family.rawValue) AND status = 'active' AND disconnected_at IS NULL
                """
            ).all().map { try $0.decode(column: "id", as: String.self) }
        }
        for id in ids {
            try await locked(id: id) { integration, db in
                guard integration.status == .active, let catalog = catalogs[integration.type] else { return }
                try await ActionStore.install(catalog, for: integration, now: now, on: db)
            }
        }
    }

    /// Runs `body` in a transaction holding the integration's agent, then the live
    /// integration read again (the order every change of an agent's integrations
    /// locks in); nothing happens when it was disconnected meanwhile.
    @discardableResult
    private func locked<T: Sendable>(
        id: String, _ body: @Sendable @escaping (Integration, any SQLDatabase) async throws -> T
    ) async throws -> T? {
        let forUpdate = database.forUpdate
        return try await database.transaction { db in
            guard let agent = try await db.raw("SELECT agent_id FROM integrations WHERE id = \(bind: id)").first() else { return nil }
            let agentID = try agent.decode(column: "agent_id", as: String.self)
            _ = try await db.raw("SELECT id FROM agents WHERE id = \(bind: agentID)\(forUpdate)").first()
            guard let integration = try await Self.find(id: id, agentID: agentID, on: db) else { return nil }
            return try await body(integration, db)
        }
    }

    static func insert(_ integration: Integration, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO integrations (id, team_id, agent_id, family, type, name, status, config, sealed_secret, created_at, updated_at)
            VALUES (\(bind: integration.id), \(bind: integration.teamID), \(bind: integration.agentID),
                \(bind: integration.family.rawValue), \(bind: integration.type), \(bind: integration.name),
                \(bind: integration.status.rawValue), \(bind: try encode(integration.config)), \(bind: integration.sealedSecret),
                \(bind: integration.createdAt.millis), \(bind: integration.updatedAt.millis))
            """
        ).run()
    }

    static func save(_ integration: Integration, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            UPDATE integrations SET name = \(bind: integration.name), status = \(bind: integration.status.rawValue),
            config = \(bind: try encode(integration.config)), sealed_secret = \(bind: integration.sealedSecret),
            updated_at = \(bind: integration.updatedAt.millis) WHERE id = \(bind: integration.id)
            """
        ).run()
    }

    static func encode(_ config: [String: JSONValue]) throws -> String { JSONValue.object(config).jsonText }

    static func config(_ text: String) throws -> [String: JSONValue] {
        if case .object(let fields) = try JSONValue.parse(text: text) { return fields }
        return [:]
    }

    static func integration(_ row: any SQLRow) throws -> Integration {
        Integration(
            id: try row.decode(column: "id", as: String.self),
            teamID: try row.decode(column: "team_id", as: String.self),
            agentID: try row.decode(column: "agent_id", as: String.self),
            family: Integration.Family(rawValue: try row.decode(column: "family", as: String.self)),
            type: try row.decode(column: "type", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            status: Integration.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .failed,
            config: try Self.config(try row.decode(column: "config", as: String.self)),
            sealedSecret: try row.optionalString("sealed_secret"),
            createdAt: Date(millis: try row.decode(column: "created_at", as: Int64.self)),
            updatedAt: Date(millis: try row.decode(column: "updated_at", as: Int64.self)))
    }
}
