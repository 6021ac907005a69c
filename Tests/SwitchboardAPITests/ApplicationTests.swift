import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import SwitchboardConnectors
import SwitchboardCore
import SwitchboardStore
import Synchronization
import TestSupport
import Testing

@testable import SwitchboardAPI

/// The application as `buildApplication` makes it — a listening server with its
/// background services running — over a test clock and a network answered
/// in-process: a run's webhook is delivered signed by the sender, a refused
/// delivery is tried again when the clock says so.
@Suite("The application as built: webhook delivery and retry")
struct ApplicationTests {
    static let hooks = "https://hooks.example.test/in"

    func deliveries(_ network: FakeNetwork) -> [FakeNetwork.Sent] { network.sent.filter { $0.url == Self.hooks } }

    /// Waits (in real time, generously) until `done` holds; the sender polls every 50 ms.
    func eventually(_ done: () async throws -> Bool) async throws {
        for _ in 0..<600 where !(try await done()) { try await Task.sleep(for: .milliseconds(50)) }
    }

    @Test func aRunsWebhookIsSignedDeliveredAndRetriedWhenTheClockSaysSo() async throws {
        let refusals = Mutex(1)
        let network = FakeNetwork { sent in
            switch (sent.method, sent.url) {
            case ("GET", "https://shop.example.test/v1/ping"): return .json(.object(["pong": .bool(true)]))
            case ("POST", Self.hooks):
                let refuse = refusals.withLock { left in
                    defer { left = max(0, left - 1) }
                    return left > 0
                }
                return FakeNetwork.Reply(status: refuse ? 500 : 204)
            default: return FakeNetwork.Reply(status: 404)
            }
        }
        try await TestDatabases.with(.sqlite) { database in
            var config = SwitchboardConfig()
            config.port = 0
            config.keyCacheSeconds = 0
            config.webhookPollSeconds = 0.05
            config.webhookRetrySeconds = [30]
            let clock = TestClock()
            let components = Components(
                config: config, database: database, secrets: SecretBox(keyring: Keyring([.generate()])), clock: clock, network: network)
            try await components.start()
            let teamID = try await TeamStore(database: database, clock: clock).create(name: "Team", plan: "enterprise").id
            let (_, secret) = try await KeyStore(database: database, clock: clock).create(
                teamID: teamID, name: "test", scopes: [], expiresAt: nil)
            let app = buildApplication(components, logger: Logger(label: "test"))
            try await app.test(.live) { client in
                let agent = try await client.makeAgent(key: secret)
                let hook = try await client.send(
                    .post, "/api/v1/console/webhooks", key: secret, json: #"{"url": "\#(Self.hooks)", "events": ["execution.succeeded"]}"#)
                let signingSecret = try #require(hook.data["secret"] as? String)
                let (_, action) = try await client.customAPITool(
                    agent: agent, key: secret, baseURL: "https://shop.example.test/v1",
                    tool: #"{"name": "Ping", "http_method": "GET", "url_template": "/ping"}"#)
                let run = try await client.send(
                    .post, "/api/v1/console/agents/\(agent)/actions/\(action)/execute", key: secret, json: #"{"arguments": {}}"#)
                #expect(run.data["status"] as? String == "succeeded")

                // The sender (a background service) delivers it; the endpoint refuses.
                try await eventually { deliveries(network).count >= 1 }
                let first = try #require(deliveries(network).first)
                let body = Data(first.body)
                let id = try #require(first.header("webhook-id"))
                let timestamp = try #require(first.header("webhook-timestamp").flatMap(Int.init))
                #expect(
                    first.header("webhook-signature")
                        == WebhookSignature.sign(id: id, timestamp: timestamp, body: body, secret: signingSecret))
                #expect(timestamp == Int(clock.now().timeIntervalSince1970))
                #expect(JSONValue.parse(upstream: first.body)?.field("type") == "execution.succeeded")

                // Nothing more until the retry is due on the server's clock.
                try await Task.sleep(for: .milliseconds(300))
                #expect(deliveries(network).count == 1)
                clock.advance(by: 31)
                try await eventually { deliveries(network).count >= 2 }
                #expect(deliveries(network).last?.header("webhook-id") == id)

                // The endpoint's record says what happened, attempt by attempt.
                let endpoint = try #require(hook.data["id"] as? String)
                var record: [String: Any] = [:]
                try await eventually {
                    record = try await client.send(.get, "/api/v1/console/webhooks/\(endpoint)/deliveries", key: secret).items.first ?? [:]
                    return record["status"] as? String == "succeeded"
                }
                #expect(record["status"] as? String == "succeeded" && record["id"] as? String == id && record["attempts"] as? Int == 2)
                #expect((record["history"] as? [[String: Any]])?.map { $0["status"] as? Int } == [500, 204])
            }
        }
    }
}
