import Hummingbird
import Logging
import ServiceLifecycle
import SwitchboardConnectors
import SwitchboardCore
import SwitchboardStore
import Synchronization

/// Pipedream apps, connected through the operator's Pipedream Connect project; an
/// app's tools are those of Pipedream's remote MCP server for the agent and app.
struct PipedreamKind: IntegrationKind {
    static let family = Integration.Family(rawValue: "pipedream")
    static let endpoints = Endpoints.Integrations.pipedream.common

    let parts: KindParts
    let service: PipedreamService
    /// Wakes the reconciler early (a Connect webhook is a hint that an account appeared).
    let nudges: Nudges

    init(_ parts: KindParts) {
        self.parts = parts
        service = PipedreamService(
            parts: parts,
            connect: PipedreamConnect(
                http: parts.providers, settings: parts.config.pipedream, timeout: parts.config.providerTimeoutSeconds),
            mcp: MCPService(parts: parts))
        nudges = Nudges()
    }

    func register(on routes: ConsoleRoutes) {
        routes.on(Endpoints.Integrations.pipedream.list, use: list)
            .on(Endpoints.Integrations.pipedream.configure, use: configure)
            .on(Endpoints.Integrations.pipedream.disconnect, use: disconnect)
    }

    @Sendable func list(_ request: Request, context: ConsoleContext) async throws -> Response {
        let agent = try await parts.lookup.integrationAgent(context)
        // Accounts connected since the last look become active first; Pipedream being away changes nothing here.
        _ = try? await service.reconcile(agentID: agent.id)
        return try JSONResponse.success(try await parts.integrations.live(agentID: agent.id, family: Self.family).map(Self.view))
    }

    @Sendable func configure(_ request: Request, context: ConsoleContext) async throws -> Response {
        let agent = try await parts.lookup.integrationAgent(context)
        var request = request
        let link = try await service.configure(
            agent: agent, setup: try PipedreamSetup(body: try await request.jsonBody()),
            limit: context.identity?.limits.integrationsPerAgent)
        return try JSONResponse.success(JSONValue.object(["onboarding_url": .string(link)]))
    }

    @Sendable func disconnect(_ request: Request, context: ConsoleContext) async throws -> Response {
        let integration = try await parts.lookup.integration(context, family: Self.family)
        let problem = try await service.delete(integration)
        return try JSONResponse.success(problem.map { JSONValue.object(["pipedream_error": .string($0)]) } ?? .null)
    }

    /// `POST /webhooks/pipedream`: Connect's webhook, taken only as a hint to look again.
    func registerPublic(on router: Router<ConsoleContext>) {
        let nudges = nudges
        router.post("/webhooks/pipedream") { _, _ in
            nudges.nudge()
            return Response(status: .noContent)
        }
    }

    func services(logger: Logger) -> [any Service] {
        [PipedreamReconciler(service: service, interval: parts.config.pipedreamReconcileSeconds, nudges: nudges, logger: logger)]
    }

    /// `{id, channel_type: "mcp_server", config: {app_slug, app_name, app_icon, server_url}}`.
    static func view(_ integration: Integration) throws -> JSONValue {
        guard let settings = integration.settings(PipedreamSettings.self) else { throw ConsoleError.internalError }
        return .object([
            "id": .string(integration.id), "channel_type": .string("mcp_server"),
            "config": .object([
                "app_slug": .string(settings.appSlug), "app_name": .string(settings.appName), "app_icon": .optional(settings.appIcon),
                "server_url": .string(settings.serverURL),
            ]),
        ])
    }

    func run(_ action: Action, integration: Integration, arguments: JSONValue) async throws -> Execution.Outcome {
        try await service.call(action, of: integration, arguments: arguments)
    }
}

/// Looks for the accounts of pending Pipedream integrations on an interval, and at once when nudged.
struct PipedreamReconciler: Service, CustomStringConvertible {
    var description: String { "PipedreamReconciler" }

    let service: PipedreamService
    let interval: Double
    let nudges: Nudges
    let logger: Logger

    func run() async throws {
        guard service.connect.settings.isConfigured else { return try await gracefulShutdown() }
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await service.reconcile()
            } catch {
                logger.warning("could not reconcile Pipedream integrations", metadata: ["reason": "\(error)"])
            }
            await cancelWhenGracefulShutdown { await nudges.wait(seconds: interval) }
        }
    }
}

/// Wake-ups that coalesce: any number of nudges while one is pending count as one.
final class Nudges: Sendable {
    private let pending = Mutex(false)

    func nudge() { pending.withLock { $0 = true } }

    /// Returns after `seconds`, or within a tenth of a second of a nudge, but not
    /// before a second has passed (a flood of webhooks cannot make it call Pipedream faster).
    func wait(seconds: Double) async {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        try? await Task.sleep(for: min(.seconds(1), deadline - ContinuousClock.now))
        while ContinuousClock.now < deadline && !Task.isCancelled {
            if pending.withLock({ flag in
                defer { flag = false }
                return flag
            }) {
                return
            }
            try? await Task.sleep(for: min(.milliseconds(100), deadline - ContinuousClock.now))
        }
    }
}
