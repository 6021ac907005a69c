import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import SwitchboardConnectors
import SwitchboardCore
import SwitchboardStore

/// Everything a running server is made of, wired once. The caller owns the
/// database and the HTTP client and closes them after the server stopped.
public struct Services: Sendable {
    public let config: SwitchboardConfig
    public let database: Database
    public let clock: any TimeSource
    public let secrets: SecretBox
    public let http: OutboundHTTP
    public let metrics = HTTPMetrics()

    public init(
        config: SwitchboardConfig, database: Database, secrets: SecretBox, httpClient: HTTPClient,
        clock: any TimeSource = SystemTimeSource()
    ) {
        self.config = config
        self.database = database
        self.clock = clock
        self.secrets = secrets
        self.http = OutboundHTTP(client: httpClient)
    }

    var guarded: GuardedHTTP { GuardedHTTP(policy: AddressPolicy(allowed: config.allowedPrivateRanges)) }

    var customAPIs: CustomAPIService {
        CustomAPIService(
            integrations: IntegrationStore(database: database, clock: clock), actions: ActionStore(database: database, clock: clock),
            secrets: secrets, http: guarded, testTimeout: config.providerTimeoutSeconds)
    }

    var mcpServers: MCPService {
        MCPService(
            integrations: IntegrationStore(database: database, clock: clock), actions: ActionStore(database: database, clock: clock),
            secrets: secrets, http: guarded,
            client: MCPClient(http: guarded, requestTimeout: config.mcpRequestTimeoutSeconds, operationTimeout: config.mcpOperationTimeoutSeconds))
    }

    var actions: ActionService {
        ActionService(
            actions: ActionStore(database: database, clock: clock), integrations: IntegrationStore(database: database, clock: clock),
            executions: ExecutionStore(database: database, clock: clock),
            runner: ActionRunner(secrets: secrets, http: guarded, mcp: mcpServers),
            clock: clock)
    }

    var connectors: ConnectorService {
        ConnectorService(
            integrations: IntegrationStore(database: database, clock: clock), oauth: OAuthStore(database: database, clock: clock),
            secrets: secrets,
            verifier: ProviderVerifier(http: http, endpoints: config.providers, timeout: config.providerTimeoutSeconds),
            google: GoogleOAuth(http: http, settings: config.google, timeout: config.providerTimeoutSeconds),
            publicURL: config.publicURL, refreshMargin: config.oauthRefreshMarginSeconds, clock: clock)
    }
}

/// The composition root: the router with its middleware and routes.
public func buildRouter(_ services: Services) -> Router<ConsoleContext> {
    let database = services.database
    let clock = services.clock
    let router = Router(context: ConsoleContext.self)
    router.add(middleware: RequestMiddleware(metrics: services.metrics))
    SystemRoutes(database: database, metrics: services.metrics).register(on: router)

    let authenticator = KeyAuthenticator(
        keys: KeyStore(database: database, clock: clock), plans: services.config.plans, clock: clock,
        ttl: services.config.keyCacheSeconds)
    let console = router.group("/api/v1/console")
        .add(middleware: AuthMiddleware(
            authenticator: authenticator, addressLimiter: AddressLimiter(perMinute: services.config.authFailuresPerMinute),
            rateLimiter: KeyRateLimiter(store: RateBucketStore(database: database)), clock: clock))
        .add(middleware: AuditMiddleware(audit: AuditStore(database: database), clock: clock))
        .add(middleware: ScopeMiddleware())
        .add(middleware: IdempotencyMiddleware(store: IdempotencyStore(database: database, clock: clock)))
    let connectors = services.connectors
    OnboardingRoutes(connectors: connectors).register(on: router)
    AgentRoutes(agents: AgentStore(database: database, clock: clock), integrations: IntegrationStore(database: database, clock: clock))
        .register(on: console)
    IntegrationRoutes(agents: AgentStore(database: database, clock: clock), connectors: connectors, actions: ActionStore(database: database, clock: clock))
        .register(on: console)
    CustomAPIRoutes(agents: AgentStore(database: database, clock: clock), customAPIs: services.customAPIs).register(on: console)
    MCPServerRoutes(agents: AgentStore(database: database, clock: clock), mcpServers: services.mcpServers).register(on: console)
    ActionRoutes(agents: AgentStore(database: database, clock: clock), integrations: IntegrationStore(database: database, clock: clock),
                 service: services.actions).register(on: console)
    AuditRoutes(audit: AuditStore(database: database)).register(on: console)
    WorkflowRoutes(workflows: WorkflowStore(database: database, clock: clock)).register(on: console)
    NotImplementedRoutes().register(on: console)
    return router
}

/// The whole server; the database must be open, running and migrated.
public func buildApplication(_ services: Services, logger: Logger, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
    var app = Application(
        router: buildRouter(services),
        configuration: .init(address: .hostname(services.config.host, port: services.config.port), serverName: "Switchboard"),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
        logger: logger)
    app.addServices(
        IdempotencySweeper(store: IdempotencyStore(database: services.database, clock: services.clock), logger: logger),
        TokenRefresher(connectors: services.connectors, interval: services.config.oauthRefreshIntervalSeconds, logger: logger))
    return app
}

/// Deletes expired idempotency records once an hour.
struct IdempotencySweeper: Service, CustomStringConvertible {
    var description: String { "IdempotencySweeper" }

    let store: IdempotencyStore
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let removed = try await store.purgeExpired()
                if removed > 0 { logger.debug("purged expired idempotency records", metadata: ["count": "\(removed)"]) }
            } catch {
                logger.warning("could not purge idempotency records", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(3600)) }
        }
    }
}
