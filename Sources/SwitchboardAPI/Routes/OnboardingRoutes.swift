import Foundation
import Hummingbird
import Logging
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
    let consentCookie: ConsentCookie
    /// Told when a consent gives an agent its connector's actions.
    let toolChanges: ToolChangeFeed

    static let stateLifetime: TimeInterval = 600

    /// Paths whose last segment is a credential: the access log names their template, never the token.
    static let startPath = "/oauth/start/{token}"
    static let statusPath = "/connect/{token}"
    static let credentialPaths: Set<String> = [startPath, statusPath]

    func register(on router: Router<ConsoleContext>) {
        router.get(RouterPath(Self.startPath)) { _, context in
            switch try await start(token: try context.pathID("token")) {
            case .success(let (url, cookie)):
                var response = Response(status: .found, headers: [.location: url, .cacheControl: "no-store"])
                response.setCookie(cookie)
                return response
            case .failure(let error):
                return Self.refused(error, step: "start", context: context)
            }
        }
        router.get("/oauth/callback") { request, context in
            let state = request.queryItems["state"] ?? ""
            switch try await callback(request.queryItems, browser: request.cookies[consentCookie.name(state: state)]?.value) {
            case .success(let integration):
                await toolChanges.publish(agentID: integration.agentID)
                var response = HTMLPage.html(
                    title: "\(integration.name) is connected", message: "You can close this window and return to your agent.")
                response.setCookie(consentCookie.cleared(state: state))
                return response
            case .failure(let error):
                return Self.refused(error, step: "callback", context: context)
            }
        }
        let document = identity.metadataDocument
        router.get("/oauth/client-metadata.json") { _, _ in
            var response = JSONResponse.json(document.serialized, status: .ok)
            response.headers[.cacheControl] = "public, max-age=3600"
            return response
        }
        router.get(RouterPath(Self.statusPath)) { _, context in
            let page = try await status(token: try context.pathID("token"))
            return HTMLPage.html(title: page.title, message: page.message, status: .init(code: page.status))
        }
    }

    /// The page that says why a consent cannot go on, and the same words in the log (they
    /// name the step that failed and never hold a secret: only an error code of the
    /// authorization server's answer is repeated).
    static func refused(_ error: PageError, step: String, context: ConsoleContext) -> Response {
        context.logger.notice(
            "consent refused", metadata: ["step": .string(step), "status": "\(error.status)", "reason": .string(error.message)])
        return HTMLPage.html(title: "Cannot connect", message: error.message, status: .init(code: error.status))
    }

    /// A connector's status page, behind the link its configure answered. Only kinds
    /// whose flow ends there (first-party keys) have one; anything else is not found.
    func status(token: String) async throws -> (title: String, message: String, status: Int) {
        let missing = ("Not found", "There is no such page.", 404)
        guard case .success(let id) = try await oauth.readLink(tokenHash: Identifier.hash(token)),
            let integration = try await integrations.find(id: id), integration.family == ConnectorKind.family,
            let connector = Connector(type: integration.type), !connector.usesOAuth
        else { return missing }
        let state = integration.isConnected ? "is connected" : "is not connected (\(integration.status.rawValue))"
        return (integration.name, "\(integration.name) \(state).", 200)
    }

    /// Opens an onboarding link: a fresh single-use state, bound to this browser by a
    /// cookie whose hash is kept with it, then the family's consent URL.
    func start(token: String) async throws -> Result<(url: String, cookie: Cookie), PageError> {
        let integrationID: String
        switch try await oauth.useLink(tokenHash: Identifier.hash(token)) {
        case .failure(let refusal): return .failure(.refused(refusal, what: "link"))
        case .success(let id): integrationID = id
        }
        guard let integration = try await integrations.find(id: integrationID), let flow = flows[integration.family] else {
            return .failure(PageError(status: 404, message: "This integration no longer exists."))
        }
        let state = Identifier.make("", length: 40)
        let (url, context): (String, String)
        switch try await flow.begin(integration, state: state) {
        case .failure(let error): return .failure(error)
        case .success(let begun): (url, context) = begun
        }
        let stateHash = Identifier.hash(state)
        let browser = Identifier.make("", length: 40)
        try await oauth.addState(
            stateHash: stateHash, integrationID: integrationID, sealedVerifier: try secrets.seal(context, owner: stateHash),
            browserHash: Identifier.hash(browser), lifetime: Self.stateLifetime)
        return .success((url, consentCookie.make(state: state, value: browser, lifetime: Self.stateLifetime)))
    }

    /// The authorization server's redirect back, handed to the integration's flow once,
    /// and only when it reaches the browser that opened the link (`browser`, its cookie).
    func callback(_ answer: [String: String], browser: String?) async throws -> Result<Integration, PageError> {
        guard let state = answer["state"], !state.isEmpty else {
            return .failure(PageError(status: 400, message: "The answer from the authorization server has no state."))
        }
        let stateHash = Identifier.hash(state)
        let used: (integrationID: String, sealedVerifier: String)
        switch try await oauth.useState(stateHash: stateHash, browserHash: browser.map(Identifier.hash)) {
        case .failure(let refusal): return .failure(.refused(refusal, what: "sign-in attempt"))
        case .success(let value): used = value
        }
        guard let integration = try await integrations.find(id: used.integrationID), let flow = flows[integration.family] else {
            return .failure(PageError(status: 404, message: "This integration no longer exists."))
        }
        return try await flow.finish(integration, context: try secrets.open(used.sealedVerifier, owner: stateHash), answer: answer)
    }
}
