import Hummingbird
import SwitchboardCore
import SwitchboardStore

/// The pages behind `onboarding_url`: the Google consent hand-off, Google's
/// redirect back, and a connector's status page. They need no API key: the link
/// itself is the single-use credential.
struct OnboardingRoutes {
    let connectors: ConnectorService
    let integrations: IntegrationStore
    /// Told when a consent gives an agent its connector's actions.
    let toolChanges: ToolChangeFeed

    func register(on router: Router<ConsoleContext>) {
        router.get("/oauth/start/{token}") { _, context in
            switch try await connectors.startConsent(token: try context.pathID("token")) {
            case .success(let consentURL):
                return Response(status: .found, headers: [.location: consentURL, .cacheControl: "no-store"])
            case .failure(let error):
                return HTMLPage.html(title: "Cannot connect", message: error.message, status: .init(code: error.status))
            }
        }
        let toolChanges = self.toolChanges
        router.get("/oauth/callback") { request, _ in
            let query = request.queryItems
            switch try await connectors.finishConsent(state: query["state"], code: query["code"], error: query["error"]) {
            case .success(let integration):
                await toolChanges.publish(agentID: integration.agentID)
                return HTMLPage.html(
                    title: "\(integration.name) is connected", message: "You can close this window and return to your agent.")
            case .failure(let error):
                return HTMLPage.html(title: "Cannot connect", message: error.message, status: .init(code: error.status))
            }
        }
        router.get("/connect/{integrationId}") { _, context in
            guard let integration = try await integrations.find(id: try context.pathID("integrationId")) else {
                return HTMLPage.html(title: "Not found", message: "There is no such integration.", status: .notFound)
            }
            let state = integration.isConnected ? "is connected" : "is not connected (\(integration.status.rawValue))"
            return HTMLPage.html(title: integration.name, message: "\(integration.name) \(state).")
        }
    }
}
