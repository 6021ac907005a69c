import Foundation
import HTTPTypes
import HummingbirdTesting
import SwitchboardCore
import TestSupport
import Testing

@Suite("Workflows")
struct WorkflowTests {
    static let workflows = "/api/v1/console/workflows"

    @Test func publicWorkflowsCanBeReadButNotChanged() async throws {
        try await TestHarness.with { harness, client in
            let key = try await harness.makeKey()
            let list = try await client.send(.get, "\(Self.workflows)?scope=public&sort=name", key: key.secret)
            #expect(list.meta["total_count"] as? Int == PublicWorkflows.catalog.count)
            #expect(list.items.allSatisfy { $0["visibility"] as? String == "public" && $0["is_owner"] as? Bool == false })
            #expect(list.items.first?["name"] as? String == "Appointment booking")
            let one = try await client.send(.get, "\(Self.workflows)/wf_PublicCustomerSupport001", key: key.secret)
            #expect(one.status.code == 200 && (one.data["rules"] as? [Any])?.count == 2)
            let patch = try await client.send(
                .patch, "\(Self.workflows)/wf_PublicCustomerSupport001", key: key.secret, json: #"{"name": "Mine now"}"#)
            #expect(patch.status.code == 403 && patch.code == "forbidden")
            #expect(try await client.send(.delete, "\(Self.workflows)/wf_PublicCustomerSupport001", key: key.secret).status.code == 403)
            #expect(
                try await client.send(.get, "\(Self.workflows)/wf_PublicCustomerSupport001", key: key.secret).data["name"] as? String
                    == "Customer support")
        }
    }

    @Test func aWorkflowWithEveryPartRoundTrips() async throws {
        try await TestHarness.with { harness, client in
            let key = try await harness.makeKey()
            let body = """
                {"name": "Returns", "system_prompt": "Handle returns.", "description": "Returns desk", "category": "support",
                 "rules": [{"id": "r1", "name": "Receipt", "trigger": "return", "response": "Ask for the receipt", "enabled": true, "condition": null}],
                 "flows": [{"name": "Return", "priority": 2, "is_active": true, "trigger_keywords": [{"keyword": "return", "weight": "high"}],
                            "conversation_steps": [{"type": "message", "content": "Which order?"}]}],
                 "tags": ["returns"], "integrations": ["bumpa"], "channels": ["whatsapp"], "actions": ["get_order"],
                 "guide": {"steps": ["Connect Bumpa"], "youtube_url": "https://youtube.com/watch?v=x"},
                 "faq": [{"question": "How long?", "answer": "14 days"}], "setup_steps": [{"title": "Connect"}],
                 "setup_time": 5, "video_url": "https://example.com/v.mp4"}
                """
            let created = try await client.send(.post, Self.workflows, key: key.secret, json: body)
            #expect(created.status.code == 201)
            let id = try #require(created.data["id"] as? String)
            let read = try await client.send(.get, "\(Self.workflows)/\(id)", key: key.secret)
            #expect(read.data["is_owner"] as? Bool == true && read.data["visibility"] as? String == "private")
            #expect((read.data["flows"] as? [[String: Any]])?.first?["priority"] as? Int == 2)
            #expect((read.data["guide"] as? [String: Any])?["steps"] as? [String] == ["Connect Bumpa"])
            #expect(read.data["setup_time"] as? Int == 5 && read.data["tags"] as? [String] == ["returns"])
            let changed = try await client.send(
                .patch, "\(Self.workflows)/\(id)", key: key.secret, json: #"{"tags": ["a", "b"], "guide": null}"#)
            #expect(changed.data["tags"] as? [String] == ["a", "b"] && changed.data["guide"] is NSNull)
            #expect(changed.data["name"] as? String == "Returns")
        }
    }

    @Test func nestedProblemsNameTheirPath() async throws {
        try await TestHarness.with { harness, client in
            let key = try await harness.makeKey()
            let response = try await client.send(
                .post, Self.workflows, key: key.secret,
                json: """
                    {"name": "x", "rules": [{"id": "r1", "name": "n", "trigger": "t", "response": "r"}, 3],
                     "flows": [{"name": "f", "trigger_keywords": [{"keyword": "k", "weight": "huge"}], "extra": 1}],
                     "tags": ["ok", ""], "guide": {"youtube_url": "nope"}, "setup_time": -1}
                    """)
            #expect(
                response.problems == [
                    "system_prompt: is required", "rules[0].enabled: is required", "rules[1]: must be an object",
                    "flows[0].trigger_keywords[0].weight: must be one of high, medium, low", "flows[0].extra: is not allowed",
                    "tags[1]: must be a non-empty string of at most 200 characters",
                    "guide.steps: is required", "guide.youtube_url: must be an absolute http or https URL",
                    "setup_time: must be between 0 and 100000",
                ])
            #expect(try await client.send(.get, "\(Self.workflows)?scope=owned", key: key.secret).meta["total_count"] as? Int == 0)
        }
    }

    @Test func cloningCopiesWhatTheTeamCanSee() async throws {
        try await TestHarness.with { harness, client in
            let key = try await harness.makeKey()
            let other = try await harness.makeKey()
            let copy = try await client.send(
                .post, "\(Self.workflows)/clone", key: key.secret, json: #"{"source_workflow_id": "wf_PublicOrderTracking00001"}"#)
            #expect(copy.status.code == 201 && copy.data["is_owner"] as? Bool == true && copy.data["name"] as? String == "Order tracking")
            let copyID = try #require(copy.data["id"] as? String)
            let stolen = try await client.send(
                .post, "\(Self.workflows)/clone", key: other.secret, json: "{\"source_workflow_id\": \"\(copyID)\"}")
            #expect(stolen.status.code == 404 && stolen.message == "Workflow not found")
            #expect(try await client.send(.get, "\(Self.workflows)/\(copyID)", key: other.secret).status.code == 404)
            let missing = try await client.send(.post, "\(Self.workflows)/clone", key: key.secret, json: "{}")
            #expect(missing.problems == ["source_workflow_id: is required"])
        }
    }

    @Test func scopesFilterTheList() async throws {
        try await TestHarness.with { harness, client in
            let key = try await harness.makeKey()
            _ = try await client.send(.post, Self.workflows, key: key.secret, json: #"{"name": "Mine", "system_prompt": "p"}"#)
            let count = { (scope: String) async throws -> Int? in
                try await client.send(.get, "\(Self.workflows)?scope=\(scope)", key: key.secret).meta["total_count"] as? Int
            }
            #expect(try await count("owned") == 1)
            #expect(try await count("public") == PublicWorkflows.catalog.count)
            #expect(try await count("accessible") == PublicWorkflows.catalog.count + 1)
            #expect(
                try await client.send(.get, "\(Self.workflows)?scope=all", key: key.secret).problems == [
                    "scope: must be one of accessible, owned, public"
                ])
            let readOnly = try await harness.makeKey(scopes: [.workflowsRead])
            let refused = try await client.send(.post, Self.workflows, key: readOnly.secret, json: "{}")
            #expect(refused.message == "This API key is missing the required scope: workflows:write.")
        }
    }
}
