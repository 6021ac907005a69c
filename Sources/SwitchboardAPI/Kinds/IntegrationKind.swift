import Hummingbird
import Logging
import ServiceLifecycle
import SwitchboardConnectors
import SwitchboardCore
import SwitchboardStore

/// One kind of integration — first-party connectors, custom HTTP APIs, MCP
/// servers, Pipedream apps: its routes below `/agents/{agentId}/integrations/<family>`, the
/// operations the endpoint table lists for them, and how its actions run. A kind
/// is one folder under `Kinds/` and one line in `IntegrationKinds.all`.
protocol IntegrationKind: Sendable {
    /// The family in paths and stored rows (`custom_api`).
    static var family: Integration.Family { get }
    /// Its operations: the rows of the endpoint table its routes are registered from.
    static var endpoints: [Endpoint] { get }

    init(_ parts: KindParts)

    /// Adds its routes to the console.
    func register(on routes: ConsoleRoutes)

    /// Adds routes outside the API (no key: a provider's webhook).
    func registerPublic(on router: Router<ConsoleContext>)

    /// What it runs beside the server (a background reconciler, a token refresher).
    func services(logger: Logger) -> [any Service]

    /// What it does once before the server takes requests (bring catalogs up to date).
    func start() async throws

    /// How a person connects its integrations in a browser, if they do.
    var consent: (any ConsentFlow)? { get }

    /// What is wrong with `arguments` for `action` beyond its input schema.
    func problems(_ action: Action, arguments: JSONValue) -> [String]

    /// Runs one of its actions. A failure of the remote side is an outcome, not an
    /// error; the integration's secrets are taken out of what comes back.
    func run(_ action: Action, integration: Integration, arguments: JSONValue) async throws -> Execution.Outcome
}

extension IntegrationKind {
    func problems(_ action: Action, arguments: JSONValue) -> [String] { [] }

    func registerPublic(on router: Router<ConsoleContext>) {}

    func services(logger: Logger) -> [any Service] { [] }

    func start() async throws {}

    var consent: (any ConsentFlow)? { nil }
}

/// Every kind this server has. A new kind is added here.
enum IntegrationKinds {
    static let all: [any IntegrationKind.Type] = [ConnectorKind.self, CustomAPIKind.self, MCPServerKind.self, PipedreamKind.self]
}

/// What a kind is built from: the configuration, the stores and the clients the
/// composition root made once.
struct KindParts: Sendable {
    let config: SwitchboardConfig
    let lookup: PathLookup
    let integrations: IntegrationStore
    let actions: ActionStore
    let secrets: SecretBox
    /// Calls to user-supplied URLs.
    let guarded: GuardedHTTP
    /// Calls to the services the operator configured (providers, Google, Pipedream).
    let providers: OutboundHTTP
    /// The MCP client of every kind that speaks MCP, with the sessions it keeps.
    let mcp: MCPClient
    /// Onboarding links, states, registered clients and refresh leases of OAuth flows.
    let oauth: OAuthStore
    let clock: any TimeSource

    /// Checks a user-supplied URL; a refusal names the field it came from.
    func check(_ url: String, field: String) async throws {
        do {
            try await guarded.check(url)
        } catch {
            throw ConsoleError.validation(["\(field): \(error.description)"])
        }
    }

    /// Adds an integration of `family` for the agent within the plan's cap, its
    /// credentials sealed to its id (none stored for `auth_type: none`).
    func create(
        agent: Agent, family: Integration.Family, name: String, config: [String: JSONValue], auth: AuthSettings, limit: Int?,
        status: Integration.Status = .active
    ) async throws -> Integration {
        let secrets = self.secrets
        return try await integrations.create(agent: agent, family: family, name: name, config: config, limit: limit, status: status) {
            id in
            auth.type == "none" ? nil : try secrets.seal(auth.sealedText, owner: id)
        }
    }
}

extension SecretBox {
    /// Opens credentials sealed to `owner` (an integration or a tool).
    func auth(_ sealed: String?, owner: String) throws -> AuthSettings? {
        try sealed.map { try AuthSettings(sealedText: try open($0, owner: owner)) }
    }
}

extension Execution.Outcome {
    /// A run that ended before an answer came back.
    static func failed(_ message: String, requestLine: String) -> Self {
        Self(succeeded: false, output: nil, message: message, requestLine: requestLine, upstreamStatus: nil)
    }
}
