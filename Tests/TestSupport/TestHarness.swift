import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SwitchboardAPI
import SwitchboardConnectors
import SwitchboardCore
import SwitchboardStore

/// A whole server over a real database with a test clock, driven through
/// HummingbirdTesting, plus helpers to make teams and keys.
public struct TestHarness: Sendable {
    public let components: Components
    public let clock: TestClock
    public let log: LogRecorder
    /// `METHOD /path` of every route the server has.
    public var routes: Set<String> = []

    public var database: Database { components.database }

    /// Runs `body` with a fresh server on a fresh database of `kind`; calls to
    /// the outside go to `network`.
    public static func with<T: Sendable>(
        _ kind: Database.Kind = .sqlite,
        configure: @Sendable (inout SwitchboardConfig) -> Void = { _ in },
        routes: @Sendable (Router<ConsoleContext>) -> Void = { _ in },
        network: any HTTPExchange = NetworkExchange(),
        _ body: @Sendable (TestHarness, any TestClientProtocol) async throws -> T
    ) async throws -> T {
        try await TestDatabases.with(kind) { database in
            var config = SwitchboardConfig()
            config.keyCacheSeconds = 0
            configure(&config)
            let clock = TestClock()
            let log = LogRecorder()
            let components = Components(
                config: config, database: database, secrets: SecretBox(keyring: Keyring([.generate()])), clock: clock, network: network)
            var harness = TestHarness(components: components, clock: clock, log: log)
            let router = buildRouter(harness.components)
            routes(router)
            harness.routes = Set(router.routes.map { "\($0.method.rawValue) \($0.path.description)" })
            let app = Application(router: router, logger: log.logger())
            let ready = harness
            return try await app.test(.router) { client in try await body(ready, client) }
        }
    }

    /// A new team on `plan` and a key for it with `scopes` (none means all).
    public func makeKey(plan: String = "enterprise", scopes: Set<Scope> = [], expiresIn: TimeInterval? = nil) async throws -> (
        teamID: String, keyID: String, secret: String
    ) {
        let team = try await TeamStore(database: database, clock: clock).create(name: "Test team", plan: plan)
        let (key, secret) = try await KeyStore(database: database, clock: clock).create(
            teamID: team.id, name: "test", scopes: scopes, expiresAt: expiresIn.map { clock.now().addingTimeInterval($0) })
        return (team.id, key.id, secret)
    }
}

extension TestClientProtocol {
    /// Sends a request with an API key (as a bearer token unless `header` says otherwise).
    public func send(
        _ method: HTTPRequest.Method, _ path: String, key: String? = nil, json: String? = nil,
        headers extra: [String: String] = [:]
    ) async throws -> TestResponse {
        var headers = HTTPFields()
        if let key { headers[.authorization] = "Bearer \(key)" }
        if json != nil { headers[.contentType] = "application/json" }
        for (name, value) in extra { headers[HTTPField.Name(name)!] = value }
        return try await execute(uri: path, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }
}

extension TestResponse {
    /// The body parsed as a JSON object.
    public var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
    }

    public var text: String { String(buffer: body) }

    public func header(_ name: String) -> String? { headers[HTTPField.Name(name)!] }
}

extension TestHarness {
    public func revoke(_ keyID: String) async throws -> Bool {
        try await KeyStore(database: database, clock: clock).revoke(id: keyID)
    }

    public func storedKey(_ keyID: String) async throws -> APIKey? {
        try await KeyStore(database: database, clock: clock).list().first { $0.id == keyID }
    }
}

extension TestResponse {
    /// `data` of a success envelope as an object.
    public var data: [String: Any] { object["data"] as? [String: Any] ?? [:] }
    /// `data` of a success envelope as a list.
    public var items: [[String: Any]] { object["data"] as? [[String: Any]] ?? [] }
    public var meta: [String: Any] { object["meta"] as? [String: Any] ?? [:] }
    public var problems: [String] { object["message"] as? [String] ?? [] }
    public var code: String? { object["code"] as? String }
    public var message: String? { object["message"] as? String }
}

extension TestClientProtocol {
    /// Creates an agent on a public workflow and returns its id.
    public func makeAgent(key: String, name: String = "Ada", workflowID: String = "wf_PublicCustomerSupport001") async throws -> String {
        let response = try await send(
            .post, "/api/v1/console/agents", key: key,
            json: """
                {"workflow_id": "\(workflowID)", "name": "\(name)", "description": "Answers customers"}
                """)
        guard response.status.code == 201, let id = response.data["id"] as? String else {
            throw TestSetupError("agent not created: \(response.status.code) \(response.text)")
        }
        return id
    }
}

extension TestHarness {
    /// `with`, and a full-access key with an agent made by it: where most tests of an
    /// agent's integrations start.
    public static func withAgent<T: Sendable>(
        configure: @Sendable (inout SwitchboardConfig) -> Void = { _ in }, network: any HTTPExchange = NetworkExchange(),
        _ body: @Sendable (TestHarness, any TestClientProtocol, _ key: String, _ agent: String) async throws -> T
    ) async throws -> T {
        try await with(configure: configure, network: network) { harness, client in
            let key = try await harness.makeKey().secret
            return try await body(harness, client, key, try await client.makeAgent(key: key))
        }
    }
}

extension TestClientProtocol {
    /// `POST /agents/{agentId}/integrations/<family>/configure` with `json`.
    public func configure(_ family: String, agent: String, key: String, json: String) async throws -> TestResponse {
        try await send(.post, "/api/v1/console/agents/\(agent)/integrations/\(family)/configure", key: key, json: json)
    }

    /// A custom API at `baseURL` for the agent with one tool (`tool` is its body);
    /// returns the integration and the tool's action.
    public func customAPITool(agent: String, key: String, baseURL: String, tool: String) async throws -> (
        integration: String, action: String
    ) {
        let configured = try await configure("custom_api", agent: agent, key: key, json: #"{"name": "Shop", "base_url": "\#(baseURL)"}"#)
        let added = try await send(
            .post, "/api/v1/console/agents/\(agent)/integrations/custom_api/\(configured.data["id"] as? String ?? "")/tools", key: key,
            json: tool)
        guard let integration = configured.data["id"] as? String, let action = added.data["id"] as? String else {
            throw TestSetupError("custom API tool not made: \(configured.text) \(added.text)")
        }
        return (integration, action)
    }
}
