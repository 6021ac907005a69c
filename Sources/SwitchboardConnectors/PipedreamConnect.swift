import Foundation
import NIOHTTP1
import SwitchboardCore

/// Switchboard as a Pipedream Connect client: the project's access token (client
/// credentials, cached until shortly before it expires), apps, Connect links and
/// the connected accounts of an external user (an agent).
public struct PipedreamConnect: Sendable {
    /// The operator's Connect project. Printing it never shows the client secret.
    public struct Settings: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
        public static let environments = ["development", "production"]
        public var clientID: String?
        public var clientSecret: String?
        public var projectID: String?
        public var environment = "production"
        public var apiBase = "https://api.pipedream.com"
        public var mcpURL = "https://remote.mcp.pipedream.net"
        public init() {}

        /// Whether an operator set up a project (client id, secret and project id).
        public var isConfigured: Bool { clientID != nil && clientSecret != nil && projectID != nil }

        public var description: String {
            "PipedreamConnect.Settings(projectID: \(projectID ?? "-"), environment: \(environment), clientSecret: <redacted>)"
        }
        public var debugDescription: String { description }
        public var customMirror: Mirror { Mirror(self, children: ["projectID": projectID as Any, "environment": environment]) }
    }

    public struct App: Sendable, Equatable {
        public let slug: String
        public let name: String
        public let icon: String?
    }

    /// Why a call to Pipedream failed, in words.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    let http: OutboundHTTP
    public let settings: Settings
    let timeout: TimeInterval
    let cache = TokenCache()

    public init(http: OutboundHTTP, settings: Settings, timeout: TimeInterval) {
        self.http = http
        self.settings = settings
        self.timeout = timeout
    }

    /// The project's access token; a new one when `replacing` is the one just refused.
    public func accessToken(replacing refused: String? = nil) async throws(Failure) -> String {
        do {
            return try await cache.token(replacing: refused) { try await fetchToken() }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(description: "\(error)")
        }
    }

    private func fetchToken() async throws(Failure) -> (String, Date) {
        let body = JSONValue.object([
            "grant_type": .string("client_credentials"), "client_id": .optional(settings.clientID),
            "client_secret": .optional(settings.clientSecret),
        ])
        let response = try await send(.POST, "/v1/oauth/token", body: body, token: nil)
        guard response.status == 200, let parsed = JSONValue.parse(upstream: response.body), let token = parsed.field("access_token")
        else {
            throw Failure(
                description: response.status == 401 ? "Pipedream refused the project's client credentials" : "HTTP \(response.status)")
        }
        let lifetime: Double = if case .number(let seconds)? = parsed.value(at: "expires_in") { seconds.double } else { 3600 }
        // Renewed a minute (or a tenth of its life, if shorter) before it expires.
        return (token, Date().addingTimeInterval(lifetime - min(60, lifetime / 10)))
    }

    /// The app of `slug`; nil when Pipedream has none.
    public func app(_ slug: String) async throws(Failure) -> App? {
        let response = try await authorized(.GET, "/v1/apps/\(Self.segment(slug))")
        if response.status == 404 { return nil }
        guard response.status == 200, let data = JSONValue.parse(upstream: response.body)?.value(at: "data") else {
            throw Failure(description: "HTTP \(response.status)")
        }
        return App(slug: data.field("name_slug") ?? slug, name: data.field("name") ?? slug, icon: data.field("img_src"))
    }

    /// A Connect link for the agent to connect an account of `app`.
    public func connectLink(externalUserID: String, app: String) async throws(Failure) -> String {
        let body = JSONValue.object(["external_user_id": .string(externalUserID)])
        let response = try await authorized(.POST, "/v1/connect/\(project)/tokens", body: body)
        guard (200..<300).contains(response.status), let link = JSONValue.parse(upstream: response.body)?.field("connect_link_url") else {
            throw Failure(description: "HTTP \(response.status)")
        }
        return link + (link.contains("?") ? "&" : "?") + "app=" + OutboundHTTP.formEncode(app)
    }

    /// The ids of the agent's connected accounts of `app`, healthy ones only.
    public func accounts(externalUserID: String, app: String) async throws(Failure) -> [String] {
        let query = "external_user_id=\(OutboundHTTP.formEncode(externalUserID))&app=\(OutboundHTTP.formEncode(app))"
        let response = try await authorized(.GET, "/v1/connect/\(project)/accounts?\(query)")
        guard response.status == 200, case .array(let accounts)? = JSONValue.parse(upstream: response.body)?.value(at: "data") else {
            throw Failure(description: "HTTP \(response.status)")
        }
        return accounts.compactMap { account in
            account.value(at: "dead") == .bool(true) || account.value(at: "healthy") == .bool(false) ? nil : account.field("id")
        }
    }

    /// Removes a connected account at Pipedream (one already gone counts as removed).
    public func deleteAccount(_ id: String) async throws(Failure) {
        let response = try await authorized(.DELETE, "/v1/connect/\(project)/accounts/\(Self.segment(id))")
        guard (200..<300).contains(response.status) || response.status == 404 else { throw Failure(description: "HTTP \(response.status)") }
    }

    /// The headers of the remote MCP server for one agent and app.
    public func mcpHeaders(token: String, externalUserID: String, app: String) -> [(String, String)] {
        [
            ("Authorization", "Bearer \(token)"), ("x-pd-project-id", project), ("x-pd-environment", settings.environment),
            ("x-pd-external-user-id", externalUserID), ("x-pd-app-slug", app), ("x-pd-tool-mode", "tools-only"),
        ]
    }

    var project: String { settings.projectID ?? "" }

    /// A call with the access token, once more with a new one when it is refused.
    private func authorized(_ method: HTTPMethod, _ path: String, body: JSONValue? = nil) async throws(Failure) -> OutboundHTTP.Response {
        let token = try await accessToken()
        let response = try await send(method, path, body: body, token: token)
        guard response.status == 401 else { return response }
        return try await send(method, path, body: body, token: try await accessToken(replacing: token))
    }

    private func send(_ method: HTTPMethod, _ path: String, body: JSONValue?, token: String?) async throws(Failure) -> OutboundHTTP.Response
    {
        var headers = [("Accept", "application/json"), ("x-pd-environment", settings.environment)]
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        if body != nil { headers.append(("Content-Type", "application/json")) }
        let base = settings.apiBase.hasSuffix("/") ? String(settings.apiBase.dropLast()) : settings.apiBase
        do {
            return try await http.send(method, base + path, headers: headers, body: body.map { Data($0.serialized) }, timeout: timeout)
        } catch {
            throw Failure(description: error.description)
        }
    }

    static func segment(_ text: String) -> String { OutboundHTTP.formEncode(text) }
}

/// The cached access token; one fetch at a time.
actor TokenCache {
    private var current: (token: String, renewAt: Date)?
    private var fetching: Task<(String, Date), any Error>?

    func token(replacing refused: String?, fetch: @escaping @Sendable () async throws -> (String, Date)) async throws -> String {
        if let current, current.token != refused, current.renewAt > Date() { return current.token }
        if let fetching { return try await fetching.value.0 }
        let task = Task { try await fetch() }
        fetching = task
        defer { fetching = nil }
        let fresh = try await task.value
        current = (fresh.0, fresh.1)
        return fresh.0
    }
}
