import Foundation
import HTTPTypes
import HummingbirdTesting
import SwitchboardCore
import TestSupport
import Testing

/// The agent's MCP gateway through the routes: a session opened, the agent's tools
/// listed and one called (its upstream answered in-process), and a call that names
/// no tool of the agent.
@Suite("The MCP gateway, without a network")
struct GatewayTests {
    static let upstream = FakeNetwork { sent in
        guard sent.url == "https://shop.example.test/v1/stock/sku-1" else { return FakeNetwork.Reply(status: 404) }
        return .json(.object(["sku": .string("sku-1"), "left": .int(7)]))
    }

    /// The agent's gateway, once it has one custom API tool, `check_stock`.
    func gateway(_ client: any TestClientProtocol, key: String, agent: String) async throws -> String {
        _ = try await client.customAPITool(
            agent: agent, key: key, baseURL: "https://shop.example.test/v1",
            tool: """
                {"name": "Check stock", "http_method": "GET", "url_template": "/stock/{sku}",
                 "url_params": [{"name": "sku", "type": "string", "description": "Item", "required": true}]}
                """)
        return "/api/v1/console/agents/\(agent)/mcp"
    }

    func rpc(
        _ client: any TestClientProtocol, _ path: String, key: String, session: String?, _ method: String, _ params: String = "{}"
    ) async throws -> TestResponse {
        var headers = ["Accept": "application/json, text/event-stream", "MCP-Protocol-Version": "2025-06-18"]
        headers["Mcp-Session-Id"] = session
        return try await client.send(
            .post, path, key: key, json: #"{"jsonrpc": "2.0", "id": 1, "method": "\#(method)", "params": \#(params)}"#, headers: headers)
    }

    @Test func aSessionListsTheAgentsToolsAndCallsOne() async throws {
        try await TestHarness.withAgent(network: Self.upstream) { harness, client, key, agent in
            let path = try await gateway(client, key: key, agent: agent)
            let opened = try await rpc(
                client, path, key: key, session: nil, "initialize",
                #"{"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "test", "version": "1"}}"#)
            let session = try #require(opened.header("Mcp-Session-Id"))
            #expect((opened.object["result"] as? [String: Any])?["protocolVersion"] as? String == "2025-06-18")

            let listed = try await rpc(client, path, key: key, session: session, "tools/list")
            let tools = ((listed.object["result"] as? [String: Any])?["tools"] as? [[String: Any]]) ?? []
            let stock = try #require(tools.first { $0["name"] as? String == "check_stock" })
            #expect((stock["annotations"] as? [String: Any])?["readOnlyHint"] as? Bool == true)

            let called = try await rpc(
                client, path, key: key, session: session, "tools/call", #"{"name": "check_stock", "arguments": {"sku": "sku-1"}}"#)
            let result = try #require(called.object["result"] as? [String: Any])
            #expect(result["isError"] as? Bool == false)
            #expect((result["structuredContent"] as? [String: Any])?["left"] as? Int == 7, "\(called.text)")
            #expect(Self.upstream.sent.last?.url == "https://shop.example.test/v1/stock/sku-1")
        }
    }

    @Test func aCallOfAToolTheAgentDoesNotHaveRunsNothing() async throws {
        let network = FakeNetwork { _ in .json(.object([:])) }
        try await TestHarness.withAgent(network: network) { harness, client, key, agent in
            let path = try await gateway(client, key: key, agent: agent)
            let opened = try await rpc(
                client, path, key: key, session: nil, "initialize",
                #"{"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "test", "version": "1"}}"#)
            let called = try await rpc(
                client, path, key: key, session: opened.header("Mcp-Session-Id"), "tools/call",
                #"{"name": "delete_everything", "arguments": {}}"#)
            let error = try #require(called.object["error"] as? [String: Any])
            #expect(error["code"] as? Int == -32602 && error["message"] as? String == "Unknown tool: delete_everything")
            #expect(network.sent.isEmpty)
        }
    }
}
