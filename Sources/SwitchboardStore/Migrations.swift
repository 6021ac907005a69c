import Foundation
import SQLKit
import SwitchboardCore

/// One numbered schema change. Most SQL is the same on both databases; where it is
/// not, `postgres` replaces `sql` on PostgreSQL.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    let sql: [String]
    let postgres: [String]?

    init(_ version: Int, _ name: String, _ sql: [String], postgres: [String]? = nil) {
        self.version = version
        self.name = name
        self.sql = sql
        self.postgres = postgres
    }
}

/// Applies the numbered migrations that a database has not had yet, once, even when
/// several processes start together.
public struct Migrator: Sendable {
    public let migrations: [Migration]

    public init(migrations: [Migration] = Migrator.all) {
        self.migrations = migrations
    }

    /// Applies what is missing and returns the versions it applied.
    @discardableResult
    public func migrate(_ database: Database) async throws -> [Int] {
        let kind = database.kind
        let migrations = self.migrations
        return try await database.transaction { db in
            if kind == .postgres {
                // Serialises concurrent migrators; released at commit.
                try await db.raw("SELECT pg_advisory_xact_lock(7283901)").run()
            }
            try await db.raw(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)
                """
            ).run()
            let applied = Set(
                try await db.raw("SELECT version FROM schema_migrations").all()
                    .map { try $0.decode(column: "version", as: Int.self) })
            var done: [Int] = []
            for migration in migrations.sorted(by: { $0.version < $1.version }) where !applied.contains(migration.version) {
                for statement in (kind == .postgres ? migration.postgres : nil) ?? migration.sql {
                    try await db.raw(SQLQueryString(statement)).run()
                }
                try await db.raw(
                    """
                    INSERT INTO schema_migrations (version, name, applied_at)
                    VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: Date().millis))
                    """
                ).run()
                done.append(migration.version)
            }
            try await WorkflowStore.seedCatalog(on: db)
            return done
        }
    }

    public static let all: [Migration] = [
        Migration(
            1, "create_teams_and_keys",
            [
                """
                CREATE TABLE teams (
                    id TEXT PRIMARY KEY, name TEXT NOT NULL, plan TEXT NOT NULL, created_at BIGINT NOT NULL)
                """,
                """
                CREATE TABLE api_keys (
                    id TEXT PRIMARY KEY, team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
                    name TEXT NOT NULL, key_hash TEXT NOT NULL UNIQUE, scopes TEXT NOT NULL,
                    expires_at BIGINT, revoked_at BIGINT, last_used_at BIGINT, created_at BIGINT NOT NULL)
                """,
                "CREATE INDEX api_keys_team ON api_keys (team_id, created_at)",
                "CREATE TABLE server_state (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
            ]),
        Migration(
            2, "create_idempotency_keys",
            [
                """
                CREATE TABLE idempotency_keys (
                    team_id TEXT NOT NULL, idem_key TEXT NOT NULL, fingerprint TEXT NOT NULL,
                    state TEXT NOT NULL, status INTEGER, body TEXT,
                    created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL,
                    PRIMARY KEY (team_id, idem_key))
                """,
                "CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at)",
            ]),
        Migration(
            3, "create_rate_buckets",
            [
                """
                CREATE TABLE rate_buckets (
                    key_id TEXT PRIMARY KEY, tokens DOUBLE PRECISION NOT NULL, updated_at BIGINT NOT NULL)
                """
            ]),
        Migration(
            4, "create_workflows_and_agents",
            [
                """
                CREATE TABLE workflows (
                    id TEXT PRIMARY KEY, team_id TEXT REFERENCES teams(id) ON DELETE CASCADE,
                    name TEXT NOT NULL, description TEXT, category TEXT, system_prompt TEXT NOT NULL,
                    content TEXT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
                """,
                "CREATE INDEX workflows_team_created ON workflows (team_id, created_at)",
                """
                CREATE TABLE agents (
                    id TEXT PRIMARY KEY, team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
                    workflow_id TEXT REFERENCES workflows(id) ON DELETE SET NULL,
                    name TEXT NOT NULL, description TEXT NOT NULL, language TEXT NOT NULL, persona TEXT,
                    timezone TEXT NOT NULL, logo TEXT, business_name TEXT, business_address TEXT,
                    business_email TEXT, business_description TEXT, test_channel_code TEXT NOT NULL UNIQUE,
                    status TEXT NOT NULL, status_reason TEXT, escalation_email TEXT,
                    created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
                """,
                "CREATE INDEX agents_team_created ON agents (team_id, created_at)",
                "CREATE INDEX agents_workflow ON agents (workflow_id)",
            ]),
        Migration(
            5, "create_integrations_and_oauth",
            [
                """
                CREATE TABLE integrations (
                    id TEXT PRIMARY KEY, team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
                    agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
                    family TEXT NOT NULL, type TEXT NOT NULL, name TEXT NOT NULL, status TEXT NOT NULL,
                    config TEXT NOT NULL, sealed_secret TEXT, refresh_lease_until BIGINT,
                    created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, disconnected_at BIGINT)
                """,
                "CREATE INDEX integrations_agent ON integrations (agent_id, disconnected_at, created_at)",
                """
                CREATE UNIQUE INDEX integrations_one_connector ON integrations (agent_id, type)
                WHERE disconnected_at IS NULL AND family = 'bimpeai'
                """,
                """
                CREATE TABLE oauth_links (
                    token_hash TEXT PRIMARY KEY,
                    integration_id TEXT NOT NULL REFERENCES integrations(id) ON DELETE CASCADE,
                    expires_at BIGINT NOT NULL, used_at BIGINT)
                """,
                """
                CREATE TABLE oauth_states (
                    state_hash TEXT PRIMARY KEY,
                    integration_id TEXT NOT NULL REFERENCES integrations(id) ON DELETE CASCADE,
                    sealed_verifier TEXT NOT NULL, expires_at BIGINT NOT NULL, used_at BIGINT)
                """,
            ]),
        Migration(
            6, "create_actions",
            [
                """
                CREATE TABLE actions (
                    id TEXT PRIMARY KEY, team_id TEXT NOT NULL, agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
                    integration_id TEXT NOT NULL REFERENCES integrations(id) ON DELETE CASCADE,
                    action_name TEXT NOT NULL, name TEXT NOT NULL, description TEXT, category TEXT NOT NULL,
                    is_enabled BOOLEAN NOT NULL, require_human_approval BOOLEAN NOT NULL,
                    definition TEXT NOT NULL, input_schema TEXT NOT NULL, sealed_auth TEXT,
                    vanished BOOLEAN NOT NULL DEFAULT FALSE, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
                """,
                "CREATE UNIQUE INDEX actions_agent_name ON actions (agent_id, action_name)",
                "CREATE INDEX actions_integration ON actions (integration_id, created_at)",
            ]),
        Migration(
            7, "create_executions_and_audit_events",
            [
                """
                CREATE TABLE executions (
                    id TEXT PRIMARY KEY, team_id TEXT NOT NULL, agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
                    action_id TEXT NOT NULL, action_name TEXT NOT NULL, status TEXT NOT NULL,
                    requested_by TEXT NOT NULL, decided_by TEXT, arguments TEXT NOT NULL, request_line TEXT,
                    upstream_status INTEGER, output TEXT, message TEXT, created_at BIGINT NOT NULL,
                    finished_at BIGINT, duration_ms INTEGER)
                """,
                "CREATE INDEX executions_agent ON executions (agent_id, created_at)",
                """
                CREATE TABLE audit_events (
                    id TEXT PRIMARY KEY, team_id TEXT NOT NULL, key_id TEXT, action TEXT NOT NULL, method TEXT,
                    route TEXT, agent_id TEXT, target_id TEXT, outcome TEXT NOT NULL, status INTEGER,
                    request_id TEXT, created_at BIGINT NOT NULL)
                """,
                "CREATE INDEX audit_events_team ON audit_events (team_id, created_at)",
            ]),
        // An idempotent answer belongs to the API key that made it; older rows have none
        // and are answered to no key (they expire within a day).
        Migration(
            8, "idempotency_keys_api_key",
            [
                "ALTER TABLE idempotency_keys ADD COLUMN api_key_id TEXT"
            ]),
        // The agent's MCP gateway: session-era sessions live here so any process can
        // serve any request; an execution says whether the REST API or the gateway asked.
        Migration(
            9, "mcp_gateway",
            [
                """
                CREATE TABLE mcp_sessions (
                    id TEXT PRIMARY KEY, team_id TEXT NOT NULL, agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
                    key_id TEXT NOT NULL, protocol_version TEXT NOT NULL, created_at BIGINT NOT NULL, last_used_at BIGINT NOT NULL)
                """,
                "ALTER TABLE executions ADD COLUMN source TEXT NOT NULL DEFAULT 'api'",
            ]),
        // Tool review: a discovered tool whose definition changed after it was
        // enabled waits, disabled, until a person enables it again.
        Migration(
            10, "actions_needs_review",
            [
                "ALTER TABLE actions ADD COLUMN needs_review BOOLEAN NOT NULL DEFAULT FALSE"
            ]),
        // MCP servers that require authorization: the clients Switchboard registered
        // with their authorization servers, one per issuer and redirect URI, sealed.
        Migration(
            11, "oauth_clients",
            [
                "CREATE TABLE oauth_clients (id TEXT PRIMARY KEY, sealed_client TEXT NOT NULL, created_at BIGINT NOT NULL)"
            ]),
        // Signed webhooks: the team's endpoints, and one delivery per event and
        // endpoint, written in the transaction of the change (the outbox), with
        // every attempt recorded.
        Migration(
            12, "webhooks",
            [
                """
                CREATE TABLE webhook_endpoints (
                    id TEXT PRIMARY KEY, team_id TEXT NOT NULL, url TEXT NOT NULL, description TEXT NOT NULL, events TEXT NOT NULL,
                    enabled BOOLEAN NOT NULL, sealed_secret TEXT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,
                    deleted_at BIGINT)
                """,
                "CREATE INDEX webhook_endpoints_team ON webhook_endpoints (team_id)",
                """
                CREATE TABLE webhook_deliveries (
                    id TEXT PRIMARY KEY, team_id TEXT NOT NULL, endpoint_id TEXT NOT NULL, event_type TEXT NOT NULL,
                    payload TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL, next_attempt_at BIGINT NOT NULL,
                    lease_until BIGINT, last_status INTEGER, last_error TEXT, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
                """,
                "CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at)",
                "CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at)",
                """
                CREATE TABLE webhook_attempts (
                    delivery_id TEXT NOT NULL, attempt INTEGER NOT NULL, at BIGINT NOT NULL, status INTEGER, error TEXT,
                    duration_ms INTEGER NOT NULL, PRIMARY KEY (delivery_id, attempt))
                """,
            ]),
        // Consent bound to the browser that opened the link: the hash of the cookie set
        // by /oauth/start, kept with the state. States written before have none and are
        // refused (they live ten minutes). Gateway sessions are swept by their last use.
        Migration(
            13, "oauth_states_browser",
            [
                "ALTER TABLE oauth_states ADD COLUMN browser_hash TEXT",
                "CREATE INDEX mcp_sessions_key ON mcp_sessions (key_id, last_used_at)",
            ]),
        // Tools made from a document (an OpenAPI import) say where they came from, by
        // which a re-import finds them again.
        Migration(
            14, "actions_source",
            [
                "ALTER TABLE actions ADD COLUMN source TEXT"
            ]),
        // Toolsets: named subsets of an agent's actions, each with its own gateway URL.
        Migration(
            15, "toolsets",
            [
                """
                CREATE TABLE toolsets (
                    id TEXT PRIMARY KEY, team_id TEXT NOT NULL, agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
                    name TEXT NOT NULL, description TEXT NOT NULL, integration_ids TEXT NOT NULL, action_ids TEXT NOT NULL,
                    read_only BOOLEAN NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
                """,
                "CREATE UNIQUE INDEX toolsets_agent_name ON toolsets (agent_id, name)",
            ]),
        // A webhook delivery carries the trace of the change that caused it.
        Migration(
            16, "webhook_deliveries_trace",
            [
                "ALTER TABLE webhook_deliveries ADD COLUMN traceparent TEXT"
            ]),
        // A tool waiting for review keeps the definition a person last accepted, so
        // the review shows what changed.
        Migration(
            17, "actions_previous_shape",
            [
                "ALTER TABLE actions ADD COLUMN previous_shape TEXT"
            ]),
    ]
}
