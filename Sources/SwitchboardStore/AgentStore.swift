import Foundation
import SQLKit
import SwitchboardCore

/// Agents of a team, with the plan's agent cap enforced atomically.
public struct AgentStore: Store {
    public let base: StoreBase
    public init(base: StoreBase) { self.base = base }

    public static let sortColumns = ["created_at": "created_at", "updated_at": "updated_at", "name": "name"]
    static let workflowNotFound = ConsoleError.notFound("Workflow not found")
    public static let agentLimitReached = ConsoleError(
        status: 409, code: "agent_limit_reached", "Agent limit reached for your plan. Please upgrade to add more agents.")

    public func list(teamID: String, page: PageRequest) async throws -> Page<Agent> {
        let query = ListQuery(table: "agents", filter: "team_id = \(bind: teamID)", sortColumns: Self.sortColumns)
        return try await database.read { try await query.page(page, on: $0, decode: Self.agent) }
    }

    public func find(id: String, teamID: String) async throws -> Agent? {
        try await database.read { try await Self.find(id: id, teamID: teamID, on: $0) }
    }

    static func find(id: String, teamID: String, on db: any SQLDatabase) async throws -> Agent? {
        try await db.raw("SELECT * FROM agents WHERE id = \(bind: id) AND team_id = \(bind: teamID)").first().map(agent)
    }

    /// Creates an agent unless the team is at `limit` agents; a public workflow is
    /// cloned into the team first. Returns the agent and its workflow.
    public func create(teamID: String, changes: AgentChanges, limit: Int?) async throws -> (Agent, Workflow) {
        let now = clock.now().truncatedToMillis
        let forUpdate = database.forUpdate
        return try await database.transaction { db in
            // Locking the team row makes concurrent creates of one team take turns.
            _ = try await db.raw("SELECT id FROM teams WHERE id = \(bind: teamID)\(forUpdate)").first()
            if let limit {
                let count =
                    try await db.raw("SELECT COUNT(*) AS n FROM agents WHERE team_id = \(bind: teamID)").first()?
                    .decode(column: "n", as: Int.self) ?? 0
                guard count < limit else { throw Self.agentLimitReached }
            }
            let workflow = try await Self.teamWorkflow(changes.workflowID ?? "", teamID: teamID, now: now, on: db)
            let blank = Agent(
                id: Identifier.make("agt_"), teamID: teamID, workflowID: nil, name: "", description: "",
                testChannelCode: Agent.makeTestChannelCode(), createdAt: now, updatedAt: now)
            let agent = changes.applied(to: blank, workflowID: workflow.id, at: now)
            try await Self.insert(agent, on: db)
            return (agent, workflow)
        }
    }

    /// The team's agent with `changes`; nil when it has none by that id.
    public func update(id: String, teamID: String, changes: AgentChanges) async throws -> Agent? {
        let now = clock.now().truncatedToMillis
        return try await database.transaction { db in
            guard let current = try await Self.find(id: id, teamID: teamID, on: db) else { return nil }
            var workflowID = current.workflowID
            if let requested = changes.workflowID {
                workflowID = try await Self.teamWorkflow(requested, teamID: teamID, now: now, on: db).id
            }
            let updated = changes.applied(to: current, workflowID: workflowID, at: now)
            try await Self.save(updated, on: db)
            return updated
        }
    }

    public func setStatus(id: String, teamID: String, change: LiveStatusChange) async throws -> Agent? {
        let now = clock.now().truncatedToMillis
        return try await database.transaction { db in
            guard var agent = try await Self.find(id: id, teamID: teamID, on: db) else { return nil }
            agent.status = change.status
            agent.statusReason = change.reason
            agent.updatedAt = now
            try await Self.save(agent, on: db)
            return agent
        }
    }

    /// Deletes the agent for good; false when the team has none by that id.
    public func delete(id: String, teamID: String) async throws -> Bool {
        try await database.write { db in
            try await db.raw("DELETE FROM agents WHERE id = \(bind: id) AND team_id = \(bind: teamID) RETURNING id").first() != nil
        }
    }

    /// The team's own workflow for `id`; a public one is cloned into the team.
    static func teamWorkflow(_ id: String, teamID: String, now: Date, on db: any SQLDatabase) async throws -> Workflow {
        guard let workflow = try await WorkflowStore.find(id: id, teamID: teamID, on: db) else { throw workflowNotFound }
        guard workflow.isPublic else { return workflow }
        let copy = workflow.copy(for: teamID, now: now)
        try await WorkflowStore.insert(copy, on: db)
        return copy
    }

    static func insert(_ agent: Agent, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO agents (id, team_id, workflow_id, name, description, language, persona, timezone, logo,
                business_name, business_address, business_email, business_description, test_channel_code, status,
                status_reason, escalation_email, created_at, updated_at)
            VALUES (\(bind: agent.id), \(bind: agent.teamID), \(bind: agent.workflowID), \(bind: agent.name),
                \(bind: agent.description), \(bind: agent.language), \(bind: agent.persona), \(bind: agent.timezone),
                \(bind: agent.logo), \(bind: agent.businessName), \(bind: agent.businessAddress), \(bind: agent.businessEmail),
                \(bind: agent.businessDescription), \(bind: agent.testChannelCode), \(bind: agent.status.rawValue),
                \(bind: agent.statusReason), \(bind: agent.escalationEmail), \(bind: agent.createdAt.millis), \(bind: agent.updatedAt.millis))
            """
        ).run()
    }

    static func save(_ agent: Agent, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            UPDATE agents SET workflow_id = \(bind: agent.workflowID), name = \(bind: agent.name),
                description = \(bind: agent.description), language = \(bind: agent.language), persona = \(bind: agent.persona),
                timezone = \(bind: agent.timezone), logo = \(bind: agent.logo), business_name = \(bind: agent.businessName),
                business_address = \(bind: agent.businessAddress), business_email = \(bind: agent.businessEmail),
                business_description = \(bind: agent.businessDescription), status = \(bind: agent.status.rawValue),
                status_reason = \(bind: agent.statusReason), escalation_email = \(bind: agent.escalationEmail),
                updated_at = \(bind: agent.updatedAt.millis)
            WHERE id = \(bind: agent.id)
            """
        ).run()
    }

    static func agent(_ row: any SQLRow) throws -> Agent {
        Agent(
            id: try row.decode(column: "id", as: String.self),
            teamID: try row.decode(column: "team_id", as: String.self),
            workflowID: try row.optionalString("workflow_id"),
            name: try row.decode(column: "name", as: String.self),
            description: try row.decode(column: "description", as: String.self),
            language: try row.decode(column: "language", as: String.self),
            persona: try row.optionalString("persona"),
            timezone: try row.decode(column: "timezone", as: String.self),
            logo: try row.optionalString("logo"),
            businessName: try row.optionalString("business_name"),
            businessAddress: try row.optionalString("business_address"),
            businessEmail: try row.optionalString("business_email"),
            businessDescription: try row.optionalString("business_description"),
            testChannelCode: try row.decode(column: "test_channel_code", as: String.self),
            status: Agent.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .development,
            statusReason: try row.optionalString("status_reason"),
            escalationEmail: try row.optionalString("escalation_email"),
            createdAt: Date(millis: try row.decode(column: "created_at", as: Int64.self)),
            updatedAt: Date(millis: try row.decode(column: "updated_at", as: Int64.self)))
    }
}
