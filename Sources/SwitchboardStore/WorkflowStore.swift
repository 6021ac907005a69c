import Foundation
import SQLKit
import SwitchboardCore

/// Workflows: each team's own, and the public catalog every team may read and clone.
public struct WorkflowStore: Store {
    public enum Scope: String, Sendable, CaseIterable { case accessible, owned, `public` }

    public let base: StoreBase
    public init(base: StoreBase) { self.base = base }

    public func list(teamID: String, scope: Scope, page: PageRequest) async throws -> Page<Workflow> {
        let filter: SQLQueryString =
            switch scope {
            case .accessible: "team_id = \(bind: teamID) OR team_id IS NULL"
            case .owned: "team_id = \(bind: teamID)"
            case .public: "team_id IS NULL"
            }
        let query = ListQuery(table: "workflows", filter: filter, sortColumns: Self.sortColumns)
        return try await database.read { try await query.page(page, on: $0, decode: Self.workflow) }
    }

    public static let sortColumns = ["created_at": "created_at", "updated_at": "updated_at", "name": "name"]

    /// A workflow the team may read: its own or a public one.
    public func find(id: String, teamID: String) async throws -> Workflow? {
        try await database.read { try await Self.find(id: id, teamID: teamID, on: $0) }
    }

    static func find(id: String, teamID: String, on db: any SQLDatabase) async throws -> Workflow? {
        try await db.raw(
            """
            SELECT * FROM workflows WHERE id = \(bind: id) AND (team_id = \(bind: teamID) OR team_id IS NULL)
            """
        ).first().map(workflow)
    }

    public func create(_ workflow: Workflow) async throws {
        try await database.write { try await Self.insert(workflow, on: $0) }
    }

    /// The team's workflow with `changes`; nil when it has none by that id, 403 for a public one.
    public func update(id: String, teamID: String, changes: WorkflowChanges) async throws -> Workflow? {
        let now = clock.now().truncatedToMillis
        return try await database.transaction { db in
            guard let current = try await Self.find(id: id, teamID: teamID, on: db) else { return nil }
            guard !current.isPublic else { throw Self.readOnly }
            let updated = changes.applied(to: current, at: now)
            try await db.raw(
                """
                UPDATE workflows SET name = \(bind: updated.name), description = \(bind: updated.description),
                category = \(bind: updated.category), system_prompt = \(bind: updated.systemPrompt),
                content = \(bind: try Self.encode(updated.content)), updated_at = \(bind: updated.updatedAt.millis)
                WHERE id = \(bind: id)
                """
            ).run()
            return updated
        }
    }

    /// Deletes the team's workflow and detaches it from the agents using it.
    public func delete(id: String, teamID: String) async throws -> Bool {
        let now = clock.now().millis
        return try await database.transaction { db in
            guard let current = try await Self.find(id: id, teamID: teamID, on: db) else { return false }
            guard !current.isPublic else { throw Self.readOnly }
            try await db.raw("UPDATE agents SET workflow_id = NULL, updated_at = \(bind: now) WHERE workflow_id = \(bind: id)").run()
            try await db.raw("DELETE FROM workflows WHERE id = \(bind: id)").run()
            return true
        }
    }

    /// A private copy of a workflow the team may read; nil when there is none.
    public func clone(id: String, teamID: String) async throws -> Workflow? {
        let now = clock.now().truncatedToMillis
        return try await database.transaction { db in
            guard let source = try await Self.find(id: id, teamID: teamID, on: db) else { return nil }
            let copy = source.copy(for: teamID, now: now)
            try await Self.insert(copy, on: db)
            return copy
        }
    }

    static let readOnly = ConsoleError.forbidden("Public workflows are read-only; clone one to change it.")

    static func insert(_ workflow: Workflow, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO workflows (id, team_id, name, description, category, system_prompt, content, created_at, updated_at)
            VALUES (\(bind: workflow.id), \(bind: workflow.teamID), \(bind: workflow.name), \(bind: workflow.description),
                    \(bind: workflow.category), \(bind: workflow.systemPrompt), \(bind: try encode(workflow.content)),
                    \(bind: workflow.createdAt.millis), \(bind: workflow.updatedAt.millis))
            """
        ).run()
    }

    /// Writes the shipped public catalog, so each start has its current text.
    static func seedCatalog(on db: any SQLDatabase) async throws {
        for workflow in PublicWorkflows.catalog {
            try await db.raw(
                """
                INSERT INTO workflows (id, team_id, name, description, category, system_prompt, content, created_at, updated_at)
                VALUES (\(bind: workflow.id), NULL, \(bind: workflow.name), \(bind: workflow.description),
                        \(bind: workflow.category), \(bind: workflow.systemPrompt), \(bind: try encode(workflow.content)),
                        \(bind: workflow.createdAt.millis), \(bind: workflow.updatedAt.millis))
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description,
                    category = excluded.category, system_prompt = excluded.system_prompt, content = excluded.content,
                    updated_at = excluded.updated_at
                """
            ).run()
        }
    }

    static func encode(_ content: WorkflowContent) throws -> String { content.json.jsonText }

    static func workflow(_ row: any SQLRow) throws -> Workflow {
        Workflow(
            id: try row.decode(column: "id", as: String.self),
            teamID: try row.optionalString("team_id"),
            name: try row.decode(column: "name", as: String.self),
            description: try row.optionalString("description"),
            category: try row.optionalString("category"),
            systemPrompt: try row.decode(column: "system_prompt", as: String.self),
            content: WorkflowContent(json: try JSONValue.parse(text: try row.decode(column: "content", as: String.self))),
            createdAt: Date(millis: try row.decode(column: "created_at", as: Int64.self)),
            updatedAt: Date(millis: try row.decode(column: "updated_at", as: Int64.self)))
    }
}
