import Foundation
import Hummingbird
import SwitchboardConnectors
import SwitchboardCore
import SwitchboardStore

/// The pages behind `onboarding_url`: the hand-off to an authorization server
/// (Google's, or an MCP server's), its redirect back, a connector's status page,
/// and the Client ID Metadata Document Switchboard offers MCP authorization
/// servers. They need no API key: the link itself is the single-use credential.
struct OnboardingRoutes {
    /// The consent flow of each family that has one.
    let flows: [Integration.Family: any ConsentFlow]
    let oauth: OAuthStore
    let integrations: IntegrationStore
    let secrets: SecretBox
    let identity: MCPAuthorization.Identity
    /// Told when a consent gives an agent its connector's actions.
    let toolChanges: ToolChangeFeed

    static let stateLifetime: TimeInterval = 600

    func register(on router: Router<ConsoleContext>) {
        router.get("/oauth/start/{token}") { _, context in
            switch try await start(token: try context.pathID("token")) {
            case .success(let url):
                return Response(status: .found, headers: [.location: url, .cacheControl: "no-store"])
            case .failure(let error):
                return HTMLPage.html(title: "Cannot connect", message: error.message, status: .init(code: error.status))
            }
        }
        router.get("/oauth/callback") { request, _ in
            switch try await callback(request.queryItems) {
            case .success(let integration):
                await toolChanges.publish(agentID: integration.agentID)
                return HTMLPage.html(
                    title: "\(integration.name) is connected", message: "You can close this window and return to your agent.")
            case .failure(let error):
                return HTMLPage.html(title: "Cannot connect", message: error.message, status: .init(code: error.status))
            }
        }
        let document = identity.metadataDocument
        router.get("/oauth/client-metadata.json") { _, _ in
            var response = JSONResponse.json(document.serialized, status: .ok)
            response.headers[.cacheControl] = "public, max-age=3600"
            return response
        }
        router.get("/connect/{integrationId}") { _, context in
            guard let integration = try await integrations.find(id: try context.pathID("integrationId")) else {
                return HTMLPage.html(title: "Not found", message: "There is no such integration.", status: .notFound)
            }
            let state = integration.isConnected ? "is connected" : "is not connected (\(integration.status.rawValue))"
            return HTMLPage.html(title: integration.name, message: "\(integration.name) \(state).")
        }
    }

    /// Opens an onboarding link: a fresh single-use state, then the family's consent URL.
    func start(token: String) async throws -> Result<String, PageError> {
        let integrationID: String
        switch try await oauth.useLink(tokenHash: Identifier.hash(token)) {
        case .failure(let refusal): return .failure(.refused(refusal, what: "link"))
        case .success(let id): integrationID = id
        }
        guard let integration = try await integrations.find(id: integrationID), let flow = flows[integration.family] else {
            return .failure(PageError(status: 404, message: "This integration no longer exists."))
        }
        let state = Identifier.make("", length: 40)
        let begun = try await flow.begin(integration, state: state)
        if case .success(let (_, context)) = begun {
            let stateHash = Identifier.hash(state)
            try await oauth.addState(
                stateHash: stateHash, integrationID: integrationID, sealedVerifier: try secrets.seal(context, owner: stateHash),
                lifetime: Self.stateLifetime)
        }
        return begun.map(\.url)
    }

    /// The authorization server's redirect back, handed to the integration's flow once.
    func callback(_ answer: [String: String]) async throws -> Result<Integration, PageError> {
        guard let state = answer["state"], !state.isEmpty else {
            return .failure(PageError(status: 400, message: "The answer from the authorization server has no state."))
        }
        let stateHash = Identifier.hash(state)
        let used: (integrationID: String, sealedVerifier: String)
        switch try await oauth.useState(stateHash: stateHash) {
        case .failure(let refusal): return .failure(.refused(refusal, what: "sign-in attempt"))
        case .success(let value): used = value
        }
        guard let integration = try await integrations.find(id: used.integrationID), let flow = flows[integration.family] else {
            return .failure(PageError(status: 404, message: "This integration no longer exists."))
        }
        return try await flow.finish(integration, context: try secrets.open(used.sealedVerifier, owner: stateHash), answer: answer)
    }
}
