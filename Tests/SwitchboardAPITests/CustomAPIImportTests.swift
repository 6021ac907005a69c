import Foundation
import HTTPTypes
import HummingbirdTesting
import SwitchboardCore
import TestSupport
import Testing

@testable import SwitchboardAPI

/// OpenAPI import through the routes, with the document and the API answered
/// in-process: the body limit of the route, dry runs, a fetched document, a re-import.
@Suite("Custom API import, without a network")
struct CustomAPIImportTests {
    static func document(description: String = "Lists the orders.", extra: String = "") -> String {
        """
        openapi: 3.1.0
        info: {title: Shop, version: "1"}
        servers: [{url: "https://shop.example.test/v1"}]
        components: {securitySchemes: {token: {type: http, scheme: bearer}}}
        security: [{token: []}]
        paths:
          /orders:
            get:
              operationId: listOrders
              description: \(description)
              parameters: [{name: status, in: query, schema: {type: string, enum: [open, paid]}}]
            post:
              operationId: createOrder
              requestBody: {required: true, content: {application/json: {schema: {type: object, required: [sku], properties: {sku: {type: string}}}}}}
        \(extra)
        """
    }

    static let shop = FakeNetwork { sent in
        switch (sent.method, sent.path) {
        case ("GET", "/openapi.yaml"):
            return FakeNetwork.Reply(status: 200, body: Array(document(description: "Lists the open orders.").utf8))
        default: return .json(.object(["path": .string(sent.url)]))
        }
    }

    static func body(_ fields: [String: JSONValue]) -> String { JSONValue.object(fields).jsonText }

    @Test func theImportRouteTakesLargeDocumentsWhereConfigureKeepsItsLimit() async throws {
        try await TestHarness.withAgent(network: Self.shop) { _, client, key, agent in
            let padding = "      x-padding: \"" + String(repeating: "p", count: 900_000) + "\"\n"
            let large = Self.document(
                extra: "  /a:\n    get:\n      operationId: a\n" + padding + "  /b:\n    get:\n      operationId: b\n" + padding)
            #expect(large.utf8.count > BodyReader.maxBytes)
            let imported = try await client.send(
                .post, "/api/v1/console/agents/\(agent)/integrations/custom_api/import", key: key,
                json: Self.body(["document": .string(large), "auth_config": .object(["token": .string("tok-1")])]))
            #expect(imported.status.code == 201, "\(imported.text.prefix(300))")
            #expect(imported.data["created"] as? Int == 4)
            let configured = try await client.configure(
                "custom_api", agent: agent, key: key, json: Self.body(["name": .string(large), "base_url": .string("https://x.test")]))
            #expect(configured.status.code == 413)
        }
    }

    @Test func aDryRunStoresNothingAndAFetchedDocumentIsRemembered() async throws {
        let network = Self.shop
        try await TestHarness.withAgent(network: network) { _, client, key, agent in
            let base = "/api/v1/console/agents/\(agent)/integrations/custom_api"
            let dry = try await client.send(
                .post, base + "/import", key: key, json: Self.body(["document": .string(Self.document()), "dry_run": .bool(true)]))
            #expect(dry.status.code == 200 && dry.data["id"] is NSNull)
            let tools = dry.data["tools"] as? [[String: Any]] ?? []
            #expect(tools.map { $0["name"] as? String } == ["list_orders", "create_order"])
            #expect(tools.map { $0["require_human_approval"] as? Bool } == [false, true])
            #expect(try await client.send(.get, base, key: key).items.isEmpty)

            let imported = try await client.send(
                .post, base + "/import", key: key,
                json: Self.body([
                    "document_url": .string("https://shop.example.test/openapi.yaml"), "auth_config": .object(["token": .string("tok-2")]),
                ]))
            #expect(imported.status.code == 201)
            let config = try #require(imported.data["config"] as? [String: Any])
            #expect(config["auth_type"] as? String == "bearer" && config["base_url"] as? String == "https://shop.example.test/v1")
            let openapi = try #require(config["openapi"] as? [String: Any])
            #expect(openapi["document_url"] as? String == "https://shop.example.test/openapi.yaml")
            #expect((openapi["document_sha256"] as? String)?.count == 64)
            let listed = try await client.send(.get, base + "/\(imported.data["id"] as? String ?? "")/tools", key: key).items
            #expect(listed.compactMap { ($0["source"] as? [String: Any])?["operation"] as? String } == ["listOrders", "createOrder"])
            #expect(!imported.text.contains("tok-2"))
        }
    }

    @Test func aReimportReviewsAChangedToolAndAnUnchangedDocumentChangesNothing() async throws {
        try await TestHarness.withAgent(network: Self.shop) { _, client, key, agent in
            let base = "/api/v1/console/agents/\(agent)/integrations/custom_api"
            let imported = try await client.send(
                .post, base + "/import", key: key, json: Self.body(["document": .string(Self.document()), "auth_type": .string("none")]))
            let id = try #require(imported.data["id"] as? String)
            let same = try await client.send(
                .post, base + "/\(id)/import", key: key, json: Self.body(["document": .string(Self.document())]))
            #expect(same.data["unchanged"] as? Int == 2 && same.data["updated"] as? Int == 0)

            let changed = try await client.send(
                .post, base + "/\(id)/import", key: key,
                json: Self.body(["document": .string(Self.document(description: "Lists paid orders."))]))
            #expect(changed.status.code == 200)
            #expect(changed.data["updated"] as? Int == 1 && changed.data["unchanged"] as? Int == 1)
            let tools = changed.data["tools"] as? [[String: Any]] ?? []
            let list = try #require(tools.first { $0["action_name"] as? String == "list_orders" })
            #expect(list["is_enabled"] as? Bool == false && list["needs_review"] as? Bool == true)
            #expect(list["description"] as? String == "Lists paid orders.")

            // The review shows the definition last accepted beside the new one, through a second change too.
            let actionPath = "/api/v1/console/agents/\(agent)/actions/\(list["id"] as? String ?? "")"
            _ = try await client.send(
                .post, base + "/\(id)/import", key: key,
                json: Self.body(["document": .string(Self.document(description: "Lists refunded orders."))]))
            let waiting = try await client.send(.get, actionPath, key: key)
            let review = try #require(waiting.data["review"] as? [String: Any])
            let previous = try #require(review["previous"] as? [String: Any])
            let current = try #require(review["current"] as? [String: Any])
            #expect(previous["description"] as? String == "Lists the orders." && previous["url_template"] as? String == "/orders")
            #expect(current["description"] as? String == "Lists refunded orders." && current["http_method"] as? String == "GET")
            #expect((waiting.data["input_schema"] as? [String: Any])?["type"] as? String == "object")
            let enable = try await client.send(
                .post, "/api/v1/console/agents/\(agent)/actions/enable", key: key,
                json: Self.body(["action_ids": .array([.string(list["id"] as? String ?? "")])]))
            #expect(enable.data["updated_count"] as? Int == 1)
            let accepted = try await client.send(.get, actionPath, key: key)
            #expect(accepted.data["review"] is NSNull && accepted.data["needs_review"] as? Bool == false)

            let refused = try await client.send(.post, base + "/\(id)/import", key: key, json: Self.body(["name": .string("x")]))
            #expect(refused.problems == ["name: is not allowed"])
        }
    }

    @Test func anImportCountsAgainstThePlansIntegrationsPerAgent() async throws {
        try await TestHarness.with(network: Self.shop) { harness, client in
            let key = try await harness.makeKey(plan: "free").secret
            let agent = try await client.makeAgent(key: key)
            let base = "/api/v1/console/agents/\(agent)/integrations/custom_api"
            let body = Self.body(["document": .string(Self.document()), "auth_type": .string("none")])
            for _ in 0..<3 { #expect(try await client.send(.post, base + "/import", key: key, json: body).status.code == 201) }
            let over = try await client.send(.post, base + "/import", key: key, json: body)
            #expect(over.status.code == 409 && over.code == "integration_limit_reached")
            let dry = try await client.send(
                .post, base + "/import", key: key, json: Self.body(["document": .string(Self.document()), "dry_run": .bool(true)]))
            #expect(dry.status.code == 200, "a dry run makes nothing, so the cap does not stop it")
            #expect(try await client.send(.get, base, key: key).items.count == 3)
        }
    }
}
