import Foundation
import HTTPTypes
import HummingbirdTesting
import SwitchboardCore
import SwitchboardStore
import TestSupport
import Testing

@Suite("Agents")
struct AgentTests {
    static let agents = "/api/v1/console/agents"

    @Test func creatingOnAPublicWorkflowClonesItIntoTheTeam() async throws {
        try await TestHarness.with { harness, client in
            let key = try await harness.makeKey()
            let response = try await client.send(
                .post, Self.agents, key: key.secret,
                json: """
                    {"workflow_id": "wf_PublicAppointmentBook001", "name": "Booker", "description": "Books visits",
                     "timezone": "Africa/Lagos", "persona": "friendly", "business_email": "hi@example.com"}
                    """)
            #expect(response.status.code == 201)
            let agent = response.data
            let workflow = try #require(agent["workflow"] as? [String: Any])
            #expect(workflow["visibility"] as? String == "private" && workflow["is_owner"] as? Bool == true)
            #expect(workflow["id"] as? String != "wf_PublicAppointmentBook001")
            #expect(workflow["name"] as? String == "Appointment booking")
            #expect(agent["workflow_id"] as? String == workflow["id"] as? String)
            #expect(agent["status"] as? String == "development" && agent["language"] as? String == "en")
            #expect(agent["timezone"] as? String == "Africa/Lagos" && agent["persona"] as? String == "friendly")
            #expect((agent["test_channel_code"] as? String)?.count == 8)
            #expect((agent["id"] as? String)?.hasPrefix("agt_") == true)
            #expect(agent["created_at"] as? String == harness.clock.now().iso8601)
            #expect(agent.keys.contains("logo") && agent["logo"] is NSNull)
            let owned = try await client.send(.get, "/api/v1/console/workflows?scope=owned", key: key.secret)
            #expect(owned.meta["total_count"] as? Int == 1)
        }
    }

    @Test func everyProblemIsReportedAndNothingIsWritten() async throws {
        try await TestHarness.with { harness, client in
            let key = try await harness.makeKey()
            let response = try await client.send(
                .post, Self.agents, key: key.secret,
                json: """
                    {"name": "", "persona": "grumpy", "timezone": "Mars/Olympus", "language": "english!",
                     "business_email": "not-an-email", "logo": "ftp://x", "colour": "blue"}
                    """)
            #expect(response.status.code == 400)
            #expect(response.code == "validation_error")
            #expect(
                response.problems == [
                    "workflow_id: is required", "name: must not be empty", "description: is required",
                    "language: must be a language tag such as en or en-GB",
                    "persona: must be one of professional, friendly, concise",
                    "timezone: must be an IANA time zone such as Africa/Lagos or UTC",
                    "logo: must be an absolute http or https URL", "business_email: must be an email address",
                    "colour: is not allowed",
                ])
            let list = try await client.send(.get, Self.agents, key: key.secret)
            #expect(list.meta["total_count"] as? Int == 0)
        }
    }

    @Test func malformedJSONAndMissingWorkflowsAreRefused() async throws {
        try await TestHarness.with { harness, client in
            let key = try await harness.makeKey()
            let malformed = try await client.send(.post, Self.agents, key: key.secret, json: #"{"name": "#)
            #expect(malformed.status.code == 400 && malformed.code == "bad_request" && malformed.message == "Malformed JSON body.")
            let missing = try await client.send(
                .post, Self.agents, key: key.secret, json: #"{"workflow_id": "wf_nope", "name": "A", "description": "B"}"#)
            #expect(missing.status.code == 404 && missing.message == "Workflow not found")
            let notObject = try await client.send(.post, Self.agents, key: key.secret, json: "[]")
            #expect(notObject.status.code == 400 && notObject.problems == ["body: must be an object, not array"])
        }
    }

    @Test func anAgentIsRetrievedChangedAndDeleted() async throws {
        try await TestHarness.with { harness, client in
            let key = try await harness.makeKey()
            let id = try await client.makeAgent(key: key.secret)
            let detail = try await client.send(.get, "\(Self.agents)/\(id)", key: key.secret)
            #expect(detail.status.code == 200)
            for list in ["knowledge_bases", "integrations", "channels"] {
                #expect((detail.data[list] as? [Any])?.isEmpty == true)
            }
            harness.clock.advance(by: 5)
            let changed = try await client.send(
                .patch, "\(Self.agents)/\(id)", key: key.secret,
                json: """
                    {"name": "Ada Lovelace", "logo": "https://cdn.example.com/ada.png", "escalation_email": "boss@example.com"}
                    """)
            #expect(changed.status.code == 200 && changed.data["name"] as? String == "Ada Lovelace")
            #expect(changed.data["updated_at"] as? String == harness.clock.now().iso8601)
            let cleared = try await client.send(.patch, "\(Self.agents)/\(id)", key: key.secret, json: #"{"logo": null}"#)
            #expect(cleared.data["logo"] is NSNull && cleared.data["escalation_email"] as? String == "boss@example.com")

            let deleted = try await client.send(.delete, "\(Self.agents)/\(id)", key: key.secret)
            #expect(deleted.status.code == 200 && deleted.object["message"] as? String == "Success")
            #expect(deleted.object.keys.contains("data") && deleted.object["data"] is NSNull)
            #expect(try await client.send(.get, "\(Self.agents)/\(id)", key: key.secret).message == "Agent not found")
            #expect(try await client.send(.delete, "\(Self.agents)/\(id)", key: key.secret).status.code == 404)
        }
    }

    @Test func anotherTeamsAgentIsNotFound() async throws {
        try await TestHarness.with { harness, client in
            let owner = try await harness.makeKey()
            let stranger = try await harness.makeKey()
            let id = try await client.makeAgent(key: owner.secret)
            for (method, path) in [
                (HTTPRequest.Method.get, "\(Self.agents)/\(id)"), (.delete, "\(Self.agents)/\(id)"),
                (.get, "\(Self.agents)/\(id)/channels"), (.get, "\(Self.agents)/\(id)/deployment/agent-test-code"),
                (.get, "\(Self.agents)/\(id)/integrations"),
            ] {
                let response = try await client.send(method, path, key: stranger.secret)
                #expect(response.status.code == 404 && response.message == "Agent not found", "\(method) \(path)")
            }
            let patch = try await client.send(.patch, "\(Self.agents)/\(id)", key: stranger.secret, json: #"{"name": "Mine"}"#)
            #expect(patch.status.code == 404)
            #expect(try await client.send(.get, Self.agents, key: stranger.secret).meta["total_count"] as? Int == 0)
            #expect(try await client.send(.get, "\(Self.agents)/\(id)", key: owner.secret).data["name"] as? String == "Ada")
        }
    }

    @Test func readAndWriteScopesAreSeparate() async throws {
        try await TestHarness.with { harness, client in
            let reader = try await harness.makeKey(scopes: [.agentsRead])
            let writer = try await harness.makeKey(scopes: [.agentsWrite])
            let refused = try await client.send(.post, Self.agents, key: reader.secret, json: "{}")
            #expect(refused.status.code == 403 && refused.message == "This API key is missing the required scope: agents:write.")
            let list = try await client.send(.get, Self.agents, key: writer.secret)
            #expect(list.status.code == 403 && list.message == "This API key is missing the required scope: agents:read.")
            #expect(try await client.send(.get, Self.agents, key: reader.secret).status.code == 200)
            let integrations = try await client.send(.get, "\(Self.agents)/agt_x/integrations", key: reader.secret)
            #expect(integrations.message == "This API key is missing the required scope: integrations:read.")
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func theAgentCapHoldsUnderConcurrentCreates(kind: Database.Kind) async throws {
        try await TestHarness.with(kind) { harness, client in
            let key = try await harness.makeKey(plan: "free")
            let statuses = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
                for index in 0..<10 {
                    group.addTask {
                        let response = try await client.send(
                            .post, Self.agents, key: key.secret,
                            json: """
                                {"workflow_id": "wf_PublicCustomerSupport001", "name": "Agent \(index)", "description": "x"}
                                """)
                        return (response.status.code, response.code)
                    }
                }
                return try await group.reduce(into: [(Int, String?)]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0.0 == 201 }.count == 2)
            #expect(statuses.filter { $0.0 == 409 && $0.1 == "agent_limit_reached" }.count == 8)
            let list = try await client.send(.get, Self.agents, key: key.secret)
            #expect(list.meta["total_count"] as? Int == 2)
            let refused = try await client.send(
                .post, Self.agents, key: key.secret,
                json: #"{"workflow_id": "wf_PublicCustomerSupport001", "name": "x", "description": "y"}"#)
            #expect(refused.message == "Agent limit reached for your plan. Please upgrade to add more agents.")
        }
    }

    @Test func pagesSearchAndSortAreTrueAtTheBoundaries() async throws {
        try await TestHarness.with { harness, client in
            let key = try await harness.makeKey()
            for name in ["Echo", "alpha", "Delta", "Bravo", "Charlie"] {
                _ = try await client.makeAgent(key: key.secret, name: name)
                harness.clock.advance(by: 1)
            }
            var seen: [String] = []
            for page in 1...3 {
                let response = try await client.send(.get, "\(Self.agents)?limit=2&page=\(page)", key: key.secret)
                seen += response.items.compactMap { $0["name"] as? String }
                #expect(response.meta["total_count"] as? Int == 5 && response.meta["page_count"] as? Int == 3)
                #expect(response.meta["current_page"] as? Int == page && response.meta["limit"] as? Int == 2)
                #expect(response.meta["has_next_page"] as? Bool == (page < 3))
                #expect(response.meta["has_previous_page"] as? Bool == (page > 1))
            }
            #expect(seen == ["Charlie", "Bravo", "Delta", "alpha", "Echo"])
            let past = try await client.send(.get, "\(Self.agents)?limit=2&page=4", key: key.secret)
            #expect(past.items.isEmpty && past.meta["has_next_page"] as? Bool == false && past.meta["has_previous_page"] as? Bool == true)
            let sorted = try await client.send(.get, "\(Self.agents)?sort=name", key: key.secret)
            #expect(sorted.items.compactMap { $0["name"] as? String } == ["Bravo", "Charlie", "Delta", "Echo", "alpha"])
            let found = try await client.send(.get, "\(Self.agents)?search=ALP", key: key.secret)
            #expect(found.items.compactMap { $0["name"] as? String } == ["alpha"])
            let wildcard = try await client.send(.get, "\(Self.agents)?search=%25", key: key.secret)
            #expect(wildcard.items.isEmpty)
            let bad = try await client.send(.get, "\(Self.agents)?limit=500&sort=-status", key: key.secret)
            #expect(
                bad.problems == [
                    "limit: must be an integer between 1 and 100",
                    "sort: must be one of created_at, -created_at, updated_at, -updated_at, name, -name",
                ])
        }
    }

    @Test func liveStatusAndTestCodeAnswerAsTheSDKExpects() async throws {
        try await TestHarness.with { harness, client in
            let key = try await harness.makeKey()
            let id = try await client.makeAgent(key: key.secret)
            let live = try await client.send(
                .patch, "\(Self.agents)/\(id)/live-status", key: key.secret, json: #"{"status": "paused", "status_reason": "Holiday"}"#)
            #expect(
                live.status.code == 200 && live.data["status"] as? String == "paused" && live.data["status_reason"] as? String == "Holiday")
            let bad = try await client.send(.patch, "\(Self.agents)/\(id)/live-status", key: key.secret, json: #"{"status": "asleep"}"#)
            #expect(bad.problems == ["status: must be one of development, live, paused"])
            let code = try await client.send(.get, "\(Self.agents)/\(id)/deployment/agent-test-code", key: key.secret)
            let agent = try await client.send(.get, "\(Self.agents)/\(id)", key: key.secret)
            let testCode = try #require(agent.data["test_channel_code"] as? String)
            #expect(code.data["code"] as? String == testCode)
            let channels = try #require(code.data["channels"] as? [String: [String: Any]])
            #expect(channels["whatsapp"]?["start_message"] as? String == "start \(testCode)")
            #expect(channels["telephony"]?["is_enabled"] as? Bool == false)
            #expect(agent.data["status"] as? String == "paused")
        }
    }

    @Test func deletingItsWorkflowLeavesAnAgentNeedingOne() async throws {
        try await TestHarness.with { harness, client in
            let key = try await harness.makeKey()
            let workflow = try await client.send(
                .post, "/api/v1/console/workflows", key: key.secret, json: #"{"name": "Mine", "system_prompt": "Be kind."}"#)
            let workflowID = try #require(workflow.data["id"] as? String)
            let id = try await client.makeAgent(key: key.secret, workflowID: workflowID)
            let integrations = "\(Self.agents)/\(id)/integrations"
            #expect(try await client.send(.get, integrations, key: key.secret).status.code == 200)

            #expect(try await client.send(.delete, "/api/v1/console/workflows/\(workflowID)", key: key.secret).status.code == 200)
            #expect(try await client.send(.get, "\(Self.agents)/\(id)", key: key.secret).data["workflow_id"] is NSNull)
            let refused = try await client.send(.get, integrations, key: key.secret)
            #expect(refused.status.code == 400 && refused.code == "workflow_required")
            #expect(refused.message == "Agent must have a workflow before managing integrations")

            let again = try await client.send(
                .patch, "\(Self.agents)/\(id)", key: key.secret, json: #"{"workflow_id": "wf_PublicOrderTracking00001"}"#)
            #expect(again.status.code == 200 && (again.data["workflow_id"] as? String)?.hasPrefix("wf_") == true)
            #expect(again.data["workflow_id"] as? String != "wf_PublicOrderTracking00001")
            #expect(try await client.send(.get, integrations, key: key.secret).status.code == 200)
        }
    }
}
