import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import SwitchboardConnectors
import SwitchboardCore
import SwitchboardStore

/// Everything a running server is made of, built once, in the order things depend
/// on each other: the stores over the database, the outbound clients, then the
/// services that use them. The caller owns the database and the HTTP client and
/// closes them after the server stopped.
public struct Components: Sendable {
    public let config: SwitchboardConfig
    public let database: Database
    public let clock: any TimeSource
    public let secrets: SecretBox
    public let metrics = ServerMetrics()

    let agents: AgentStore
    let workflows: WorkflowStore
    let integrations: IntegrationStore
    let actions: ActionStore
    let executions: ExecutionStore
    let audit: AuditStore
    let keys: KeyStore
    let idempotency: IdempotencyStore
    let rateBuckets: RateBucketStore
    let lookup: PathLookup

    /// Calls to user-supplied URLs, checked by the outbound guard.
    let guarded: GuardedHTTP
    /// Calls to the services the operator configured (providers, Google, Pipedream).
    let providers: OutboundHTTP
    /// The client of MCP servers, with the sessions it keeps; they are ended when the server stops.
    let mcp: MCPClient
    /// Onboarding links, states, registered clients and refresh leases of OAuth flows.
    let oauth: OAuthStore
    /// Every integration kind (`IntegrationKinds.all`), each with its routes and how its actions run.
    let kinds: [any IntegrationKind]
    let running: ActionService
    let gateway: MCPGateway
    let mcpSessions: MCPSessionStore
    /// The gateway's open event streams in this process, counted against their caps.
    let streamSlots: StreamSlots
    /// Changes of agents' tools, for the gateway's listening clients (across processes on PostgreSQL).
    let toolChanges: ToolChangeFeed
    let webhooks: WebhookStore
    let toolsets: ToolsetStore

    /// `network` carries every call to the outside; tests may answer them without one.
    public init(
        config: SwitchboardConfig, database: Database, secrets: SecretBox, clock: any TimeSource = SystemTimeSource(),
        network: any HTTPExchange = NetworkExchange()
    ) {
        self.config = config
        self.database = database
        self.clock = clock
        self.secrets = secrets
        agents = AgentStore(database: database, clock: clock)
        workflows = WorkflowStore(database: database, clock: clock)
        integrations = IntegrationStore(database: database, clock: clock)
        actions = ActionStore(database: database, clock: clock)
        executions = ExecutionStore(database: database, clock: clock)
        audit = AuditStore(database: database)
        keys = KeyStore(database: database, clock: clock)
        idempotency = IdempotencyStore(database: database, clock: clock)
        rateBuckets = RateBucketStore(database: database)
        lookup = PathLookup(agents: agents, integrations: integrations)

        providers = OutboundHTTP(network: network)
        var guarded = GuardedHTTP(policy: AddressPolicy(allowed: config.allowedPrivateRanges), network: network)
        guarded.onRefusal = { [metrics] in metrics.refused(reason: $0) }
        self.guarded = guarded
        oauth = OAuthStore(database: database, clock: clock)
        mcp = MCPClient(
            http: guarded, requestTimeout: config.mcpRequestTimeoutSeconds, operationTimeout: config.mcpOperationTimeoutSeconds)
        let parts = KindParts(
            config: config, lookup: lookup, integrations: integrations, actions: actions, secrets: secrets, guarded: guarded,
            providers: providers, mcp: mcp,
            oauth: oauth, clock: clock)
        kinds = IntegrationKinds.all.map { $0.init(parts) }
        running = ActionService(
            actions: actions, integrations: integrations, executions: executions, runner: ActionRunner(kinds: kinds), clock: clock,
            metrics: metrics)
        gateway = MCPGateway(actions: actions, executions: executions, running: running, audit: audit, clock: clock)
        var sessions = MCPSessionStore(database: database, clock: clock)
        sessions.idleLifetime = config.gateway.sessionIdleSeconds
        mcpSessions = sessions
        streamSlots = StreamSlots(perKey: config.gateway.streamsPerKey, total: config.gateway.streams)
        toolChanges = ToolChangeFeed(database: database)
        webhooks = WebhookStore(database: database, clock: clock)
        toolsets = ToolsetStore(database: database, clock: clock)
    }

    /// Runs each kind's start-up step (the connectors bring every integration up to its catalog).
    public func start() async throws {
        for kind in kinds { try await kind.start() }
    }
}

/// The router with its middleware and routes, over `components`.
public func buildRouter(_ components: Components) -> Router<ConsoleContext> {
    let c = components
    let router = Router(context: ConsoleContext.self)
    router.add(middleware: RequestMiddleware(metrics: c.metrics))
    SystemRoutes(database: c.database, metrics: c.metrics, executions: c.executions, streams: c.streamSlots).register(on: router)
    OnboardingRoutes(
        flows: Dictionary(uniqueKeysWithValues: c.kinds.compactMap { kind in kind.consent.map { (type(of: kind).family, $0) } }),
        oauth: c.oauth, integrations: c.integrations, secrets: c.secrets,
        identity: MCPAuthorization.Identity(publicURL: c.config.publicURL), consentCookie: ConsentCookie(publicURL: c.config.publicURL),
        toolChanges: c.toolChanges
    ).register(on: router)
    for kind in c.kinds { kind.registerPublic(on: router) }
    ConsolePageRoutes().register(on: router)

    let authenticator = KeyAuthenticator(keys: c.keys, plans: c.config.plans, clock: c.clock, ttl: c.config.keyCacheSeconds)
    let auth = AuthMiddleware(
        authenticator: authenticator, addressLimiter: AddressLimiter(perMinute: c.config.authFailuresPerMinute),
        rateLimiter: KeyRateLimiter(store: c.rateBuckets), clock: c.clock)
    let audit = AuditMiddleware(audit: c.audit, clock: c.clock)
    let toolChanges = ToolChangeMiddleware(feed: c.toolChanges)
    let idempotency = IdempotencyMiddleware(store: c.idempotency, secrets: c.secrets)
    // An operation's row decides what runs: a read is neither audited nor made idempotent.
    let console = ConsoleRoutes(router: router) { row in
        var idempotency = IdempotencyMiddleware.methods.contains(row.method) ? idempotency : nil
        idempotency?.maxBody = row.maxBody
        let chain: [(any MiddlewareProtocol<Request, Response, ConsoleContext>)?] = [
            auth, audit.for(row), ScopeMiddleware(scope: row.scope), row.changesTools ? toolChanges : nil, idempotency,
        ]
        return chain.compactMap { $0 }
    }
    AgentRoutes(lookup: c.lookup, agents: c.agents, integrations: c.integrations).register(on: console)
    IntegrationRoutes(lookup: c.lookup).register(on: console)
    for kind in c.kinds { kind.register(on: console) }
    ActionRoutes(lookup: c.lookup, integrations: c.integrations, actions: c.actions, executions: c.executions, service: c.running)
        .register(on: console)
    GatewayRoutes(
        lookup: c.lookup, sessions: c.mcpSessions, gateway: c.gateway, feed: c.toolChanges, toolsets: c.toolsets,
        allowedOrigins: c.config.mcpAllowedOrigins,
        limits: c.config.gateway, slots: c.streamSlots
    ).register(on: console)
    AuditRoutes(audit: c.audit).register(on: console)
    WebhookRoutes(store: c.webhooks, secrets: c.secrets, guarded: c.guarded, clock: c.clock).register(on: console)
    WorkflowRoutes(workflows: c.workflows).register(on: console)
    ToolsetRoutes(lookup: c.lookup, toolsets: c.toolsets, publicURL: c.config.publicURL, clock: c.clock).register(on: console)
    NotImplementedRoutes().register(on: console)
    return router
}

/// The whole server; the database must be open, running and migrated. `last` are
/// services of the caller's (the trace exporter): they stop right after the server.
public func buildApplication(
    _ components: Components, logger: Logger, last: [any Service] = [],
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    var app = Application(
        router: buildRouter(components),
        configuration: .init(address: .hostname(components.config.host, port: components.config.port), serverName: "Switchboard"),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
        logger: logger)
    app.addServices(
        Sweeper(name: "idempotency records", every: 3600, logger: logger) { [idempotency = components.idempotency] in
            try await idempotency.purgeExpired()
        },
        Sweeper(name: "expired gateway sessions", every: components.config.gateway.sessionSweepSeconds, logger: logger) {
            [sessions = components.mcpSessions] in try await sessions.purgeExpired()
        },
        ToolChangeListener(feed: components.toolChanges, logger: logger),
        KeptSessionCloser(sessions: components.mcp.kept),
        WebhookSender(
            store: components.webhooks, http: components.guarded, secrets: components.secrets, clock: components.clock,
            retrySeconds: components.config.webhookRetrySeconds, pollSeconds: components.config.webhookPollSeconds,
            metrics: components.metrics, logger: logger))
    app.addServices(components.kinds.flatMap { $0.services(logger: logger) })
    // Services stop in reverse order, the server first.
    app.addServices(last)
    return app
}

/// Ends the MCP sessions kept for the next tool call when the server stops.
struct KeptSessionCloser: Service, CustomStringConvertible {
    var description: String { "KeptSessionCloser" }
    let sessions: MCPSessionPool

    func run() async throws {
        try? await gracefulShutdown()
        await sessions.closeAll()
    }
}

/// Hears tool changes made by other processes (PostgreSQL `LISTEN`).
struct ToolChangeListener: Service, CustomStringConvertible {
    var description: String { "ToolChangeListener" }

    let feed: ToolChangeFeed
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown { await feed.run(logger: logger) }
    }
}

/// Deletes what has expired (idempotency records, gateway sessions) every so often.
struct Sweeper: Service, CustomStringConvertible {
    var description: String { "Sweeper(\(name))" }

    let name: String
    let every: Double
    let logger: Logger
    let purge: @Sendable () async throws -> Int

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let removed = try await purge()
                if removed > 0 { logger.debug("purged \(name)", metadata: ["count": "\(removed)"]) }
            } catch {
                logger.warning("could not purge \(name)", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(every)) }
        }
    }
}
