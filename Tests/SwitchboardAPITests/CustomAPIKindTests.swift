import Foundation
import HTTPTypes
import HummingbirdTesting
import SwitchboardCore
import TestSupport
import Testing

/// Custom APIs end to end through the routes, with the network answered in-process:
/// the outbound guard, the request a tool builds, credentials and redaction.
@Suite("Custom API kind, without a network")
struct CustomAPIKindTests {
    static let token = "tok-SECRET-0123456789"

    /// A shop API: GET /v1/health, and POST /v1/orders/{id} that answers with what it
    /// received, the credentials included (as a careless upstream would).
    static let shop = FakeNetwork { sent in
        switch (sent.method, sent.path) {
        case ("GET", "/v1/health"): return .json(.object(["ok": .bool(true)]))
        case ("POST", "/v1/orders/42"):
            return .json(
                .object([
                    "data": .object(["id": .string("ord_42"), "seen": .string(sent.header("Authorization") ?? "")]),
                    "body": sent.json ?? .null,
                ]))
        default: return .json(.object(["error": .string("no route")]), status: 404)
        }
    }

    @Test func aToolCallSendsItsRequestWithTheIntegrationsCredentialsAndHidesThemInTheResult() async throws {
        let network = Self.shop
        try await TestHarness.withAgent(network: network) { harness, client, key, agent in
            let base = "/api/v1/console/agents/\(agent)/integrations/custom_api"
            let configured = try await client.configure(
                "custom_api", agent: agent, key: key,
                json: """
                    {"name": "Shop", "base_url": "https://shop.example.test/v1/", "auth_type": "bearer",
                     "auth_config": {"token": "\(Self.token)"}, "test_endpoint": "/health"}
                    """)
            #expect(configured.status.code == 201)
            let config = try #require(configured.data["config"] as? [String: Any])
            #expect(config["base_url"] as? String == "https://shop.example.test/v1" && config["auth_type"] as? String == "bearer")
            #expect(network.sent.map { "\($0.method) \($0.url)" } == ["GET https://shop.example.test/v1/health"])
            #expect(network.sent.first?.header("Authorization") == "Bearer \(Self.token)")

            let integration = try #require(configured.data["id"] as? String)
            let tool = try await client.send(
                .post, base + "/\(integration)/tools", key: key,
                json: """
                    {"name": "Create order", "http_method": "POST", "url_template": "/orders/{id}",
                     "url_params": [{"name": "id", "type": "string", "description": "Order", "required": true}],
                     "body_params": [{"name": "quantity", "type": "integer", "description": "How many", "required": true}],
                     "response_mapping": {"path": "data"}}
                    """)
            #expect(tool.status.code == 201 && tool.data["action_name"] as? String == "create_order")
            let actionID = try #require(tool.data["id"] as? String)
            let enabled = try await client.send(
                .post, "/api/v1/console/agents/\(agent)/actions/enable", key: key, json: #"{"action_ids": ["\#(actionID)"]}"#)
            #expect(enabled.status.code == 200)

            let run = try await client.send(
                .post, "/api/v1/console/agents/\(agent)/actions/\(actionID)/execute", key: key,
                json: #"{"arguments": {"id": "42", "quantity": 3}}"#)
            #expect(run.status.code == 200 && run.data["status"] as? String == "succeeded")
            #expect(run.data["upstream_status"] as? Int == 200)
            let output = try #require(run.data["output"] as? [String: Any])
            #expect(output["id"] as? String == "ord_42")
            #expect(output["seen"] as? String == "Bearer [redacted]")
            let order = try #require(network.sent.last)
            #expect(order.method == "POST" && order.url == "https://shop.example.test/v1/orders/42")
            #expect(order.header("Authorization") == "Bearer \(Self.token)")
            #expect(order.json == .object(["quantity": .int(3)]))

            let record = try await client.send(
                .get, "/api/v1/console/agents/\(agent)/executions/\(run.data["execution_id"] as! String)", key: key)
            #expect(record.data["request_line"] as? String == "POST https://shop.example.test/v1/orders/42")
            for response in [configured, tool, run, record] { #expect(!response.text.contains(Self.token)) }
        }
    }

    @Test func aFailingTestEndpointStoresNothing() async throws {
        let network = FakeNetwork { _ in .json(.object(["error": .string("bad token")]), status: 401) }
        try await TestHarness.withAgent(network: network) { harness, client, key, agent in
            let base = "/api/v1/console/agents/\(agent)/integrations/custom_api"
            let refused = try await client.configure(
                "custom_api", agent: agent, key: key,
                json: #"{"name": "Shop", "base_url": "https://shop.example.test", "test_endpoint": "me"}"#)
            #expect(refused.status.code == 400 && refused.code == "integration_connection_failed")
            #expect(refused.message == "Test request to GET https://shop.example.test/me failed: HTTP 401")
            #expect(try await client.send(.get, base, key: key).items.isEmpty)
        }
    }

    @Test func aHostThatResolvesInsideIsRefusedBeforeAnythingIsSent() async throws {
        let network = FakeNetwork(addresses: ["intranet.example.test": "10.1.2.3"]) { _ in .json(.null) }
        try await TestHarness.withAgent(network: network) { harness, client, key, agent in
            let refused = try await client.send(
                .post, "/api/v1/console/agents/\(agent)/integrations/custom_api/configure", key: key,
                json: #"{"name": "Intranet", "base_url": "https://intranet.example.test", "test_endpoint": "/"}"#)
            #expect(refused.status.code == 400 && refused.code == "validation_error")
            #expect(
                refused.problems
                    == ["base_url: intranet.example.test is not allowed (it resolves to an address in the private range)"])
            #expect(network.sent.isEmpty)
        }
    }
}
