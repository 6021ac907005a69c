import Hummingbird
import SwitchboardCore
import SwitchboardStore

/// The first-party connectors (Stripe, Paystack, Bumpa by key; Google Calendar and
/// Sheets by OAuth): one per type and agent, listed whether configured or not.
struct ConnectorKind: IntegrationKind {
    static let family = Integration.Family(rawValue: "bimpeai")
    static let endpoints = [
        Endpoint(.get, base, .integrationsRead),
        Endpoint(.post, base + "/configure", .integrationsWrite, audit: "integration.configure"),
        Endpoint(.delete, base + "/{integrationId}", .integrationsWrite, audit: "integration.disconnect"),
    ]

    let parts: KindParts

    init(_ parts: KindParts) {
        self.parts = parts
    }

    func register(on group: RouterGroup<ConsoleContext>) {
        let (lookup, integrations, connectors) = (parts.lookup, parts.integrations, parts.connectors)
        group.get(RouterPath(Self.base)) { _, context in
            let agent = try await lookup.integrationAgent(context)
            return try JSONResponse.success(Self.rows(try await integrations.live(agentID: agent.id, family: Self.family)))
        }
        group.post(RouterPath(Self.base + "/configure")) { request, context in
            let agent = try await lookup.integrationAgent(context)
            var request = request
            let setup = try ConnectorSetup(body: try await request.jsonBody())
            let done = try await connectors.configure(agent: agent, setup: setup, limit: context.identity?.limits.integrationsPerAgent)
            return try JSONResponse.success(
                JSONValue.object([
                    "success": .bool(true), "channel_id": .string(done.integration.id), "onboarding_url": .string(done.onboardingURL),
                ]),
                status: done.created ? .created : .ok)
        }
        FamilyRoutes.registerDisconnect(on: group, family: Self.family, parts: parts)
    }

    /// The five first-party rows, configured or not, by name.
    static func rows(_ live: [Integration]) -> [JSONValue] {
        Connector.allCases.sorted { $0.name < $1.name }.map { connector in
            let integration = live.first { $0.type == connector.rawValue }
            return .object([
                "id": integration.map { .string($0.id) } ?? .null, "type": .string(connector.rawValue),
                "name": .string(connector.name), "status": .string(integration?.status.rawValue ?? "not_connected"),
                "is_connected": .bool(integration?.isConnected ?? false),
            ])
        }
    }

    func run(_ action: Action, integration: Integration, arguments: JSONValue) async throws -> Execution.Outcome {
        .failed("\(integration.name) has no actions this server can run yet", requestLine: action.actionName)
    }
}
