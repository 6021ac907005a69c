import Foundation
import HTTPTypes
import HummingbirdTesting
import SwitchboardCore
import TestSupport
import Testing

/// MCP servers end to end through the routes, with the server answered in-process
/// (streamable HTTP, JSON and event-stream answers): test, discover, call.
@Suite("MCP server kind, without a network")
struct MCPServerKindTests {
    static let token = "mcp-SECRET-0123456789"

    /// An MCP server with two tools. `lookup` answers structured content; `fail`
    /// answers an error result that repeats the caller's credentials, over SSE.
    static func server() -> FakeNetwork {
        FakeNetwork { sent in
            guard sent.url == "https://tools.example.test/mcp", let message = sent.json, let method = message.field("method") else {
                return FakeNetwork.Reply(status: 404)
            }
            guard case .object(let fields) = message, let id = fields["id"] else { return FakeNetwork.Reply(status: 202) }
            if method != "initialize" && sent.header("Mcp-Session-Id") != "session-1" { return FakeNetwork.Reply(status: 400) }
            func answer(_ result: JSONValue) -> JSONValue { .object(["jsonrpc": .string("2.0"), "id": id, "result": result]) }
            let params: [String: JSONValue] = if case .object(let p)? = fields["params"] { p } else { [:] }
            switch method {
            case "initialize":
                return .json(
                    answer(
                        .object([
                            "protocolVersion": .string("2025-06-18"), "capabilities": .object(["tools": .object([:])]),
                            "serverInfo": .object(["name": .string("Fake tools"), "version": .string("1.2")]),
                        ])), headers: [("Mcp-Session-Id", "session-1")])
            case "tools/list":
                let schema = JSONValue.object([
                    "type": .string("object"), "properties": .object(["sku": .object(["type": .string("string")])]),
                    "required": .array([.string("sku")]),
                ])
                return .json(
                    answer(
                        .object([
                            "tools": .array([
                                .object(["name": .string("lookup"), "description": .string("Finds a product"), "inputSchema": schema]),
                                .object(["name": .string("fail"), "inputSchema": .object(["type": .string("object")])]),
                            ])
                        ])))
            case "tools/call" where params["name"] == .string("lookup"):
                return .json(
                    answer(
                        .object([
                            "content": .array([.object(["type": .string("text"), "text": .string("found")])]),
                            "structuredContent": .object(["sku": params["arguments"]?.value(at: "sku") ?? .null, "stock": .int(7)]),
                        ])))
            case "tools/call":
                let result = answer(
                    .object([
                        "isError": .bool(true),
                        "content": .array([
                            .object(["type": .string("text"), "text": .string("refused for \(sent.header("Authorization") ?? "")")])
                        ]),
                    ]))
                return FakeNetwork.Reply(
                    headers: [("Content-Type", "text/event-stream")], body: Array("event: message\ndata: \(result.jsonText)\n\n".utf8))
            default:
                return .json(.object(["jsonrpc": .string("2.0"), "id": id, "error": .object(["code": .int(-32601)])]))
            }
        }
    }

    @Test func aServerIsTestedDiscoveredAndItsToolsCalledWithTheirOutcome() async throws {
        let network = Self.server()
        try await TestHarness.withAgent(network: network) { harness, client, key, agent in
            let base = "/api/v1/console/agents/\(agent)/integrations/mcp_server"
            let configured = try await client.configure(
                "mcp_server", agent: agent, key: key,
                json: """
                    {"name": "Fake Tools", "server_url": "https://tools.example.test/mcp", "auth_type": "bearer",
                     "auth_config": {"token": "\(Self.token)"}}
                    """)
            #expect(configured.status.code == 201 && network.sent.isEmpty)
            let integration = try #require(configured.data["id"] as? String)

            let tested = try await client.send(.post, base + "/\(integration)/test", key: key)
            #expect(tested.data["success"] as? Bool == true && tested.data["tools_count"] as? Int == 2)
            #expect(tested.data["message"] as? String == "Connected to Fake tools 1.2 (MCP 2025-06-18, session era)")
            #expect(network.sent.allSatisfy { $0.header("Authorization") == "Bearer \(Self.token)" })

            let discovered = try await client.send(.post, base + "/\(integration)/discover", key: key)
            #expect(discovered.data["discovered"] as? Int == 2 && discovered.data["created"] as? Int == 2)
            let tools = try await client.send(.get, base + "/\(integration)/tools", key: key).items
            let ids = Dictionary(uniqueKeysWithValues: tools.map { ($0["action_name"] as! String, $0["id"] as! String) })
            #expect(Set(ids.keys) == ["lookup", "fail"])
            _ = try await client.send(
                .post, "/api/v1/console/agents/\(agent)/actions/enable", key: key,
                json: #"{"action_ids": ["\#(ids["lookup"]!)", "\#(ids["fail"]!)"]}"#)

            let execute = "/api/v1/console/agents/\(agent)/actions/%@/execute"
            let invalid = try await client.send(
                .post, String(format: execute, ids["lookup"]!), key: key, json: #"{"arguments": {}}"#)
            #expect(invalid.status.code == 400 && invalid.problems == ["arguments.sku: is required"])
            let calls = network.sent.count
            let found = try await client.send(
                .post, String(format: execute, ids["lookup"]!), key: key, json: #"{"arguments": {"sku": "A-1"}}"#)
            #expect(found.data["status"] as? String == "succeeded")
            let output = try #require(found.data["output"] as? [String: Any])
            #expect(output["sku"] as? String == "A-1" && output["stock"] as? Int == 7)
            let call = try #require(network.sent.dropFirst(calls).first { $0.json?.field("method") == "tools/call" })
            #expect(call.json?.value(at: "params.name") == .string("lookup"))

            let failed = try await client.send(
                .post, String(format: execute, ids["fail"]!), key: key, json: #"{"arguments": {}}"#)
            #expect(failed.data["status"] as? String == "failed")
            #expect(failed.data["message"] as? String == "refused for Bearer [redacted]")
            for response in [configured, tested, discovered, found, failed] { #expect(!response.text.contains(Self.token)) }
        }
    }
}
