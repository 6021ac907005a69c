import Foundation
import HTTPTypes
import HummingbirdTesting
import SQLKit
import SwitchboardAPI
import SwitchboardConnectors
import SwitchboardCore
import SwitchboardStore
import TestSupport
import Testing

@Suite("Integration endpoints")
struct IntegrationRoutesTests {
    static func google(_ config: inout SwitchboardAPI.SwitchboardConfig) {
        config.google.clientID = "client.apps.googleusercontent.com"
        config.google.clientSecret = "GOCSPX-test"
        config.publicURL = "https://switchboard.example.com"
    }

    @Test func aGoogleConnectorStartsPendingWithASingleUseLink() async throws {
        try await TestHarness.with(configure: Self.google) { harness, client in
            let key = try await harness.makeKey()
            let agent = try await client.makeAgent(key: key.secret)
            let path = "/api/v1/console/agents/\(agent)/integrations/bimpeai/configure"
            let first = try await client.send(.post, path, key: key.secret, json: #"{"type": "google_calendar"}"#)
            #expect(first.status.code == 201 && first.data["success"] as? Bool == true)
            let link = try #require(first.data["onboarding_url"] as? String)
            #expect(link.hasPrefix("https://switchboard.example.com/oauth/start/"))
            let again = try await client.send(.post, path, key: key.secret, json: #"{"type": "google_calendar"}"#)
            #expect(again.status.code == 200 && again.data["channel_id"] as? String == first.data["channel_id"] as? String)
            #expect(again.data["onboarding_url"] as? String != link)

            let start = try await client.send(.get, String(link.dropFirst("https://switchboard.example.com".count)))
            #expect(start.status.code == 302)
            let consent = try #require(start.header("Location"))
            #expect(consent.hasPrefix("https://accounts.google.com/o/oauth2/v2/auth?client_id=client.apps.googleusercontent.com"))
            #expect(consent.contains("code_challenge_method=S256") && consent.contains("access_type=offline"))
            #expect(consent.contains("redirect_uri=https%3A%2F%2Fswitchboard.example.com%2Foauth%2Fcallback"))
            let reused = try await client.send(.get, String(link.dropFirst("https://switchboard.example.com".count)))
            #expect(reused.status.code == 410 && reused.text.contains("already been used"))

            let listed = try await client.send(.get, "/api/v1/console/agents/\(agent)/integrations", key: key.secret)
            #expect(listed.items.map { $0["status"] as? String } == ["pending"])
            #expect(listed.items.first?["is_connected"] as? Bool == false)
        }
    }

    @Test func anAgentWithoutAWorkflowCannotManageIntegrations() async throws {
        try await TestHarness.with(configure: Self.google) { harness, client in
            let key = try await harness.makeKey()
            let workflow = try await client.send(
                .post, "/api/v1/console/workflows", key: key.secret, json: #"{"name": "w", "system_prompt": "p"}"#)
            let agent = try await client.makeAgent(key: key.secret, workflowID: workflow.data["id"] as! String)
            _ = try await client.send(.delete, "/api/v1/console/workflows/\(workflow.data["id"] as! String)", key: key.secret)
            for (method, path) in [
                (HTTPRequest.Method.get, "integrations/bimpeai"), (.post, "integrations/bimpeai/configure"),
                (.delete, "integrations/bimpeai/ch_x"),
            ] {
                let response = try await client.send(
                    method, "/api/v1/console/agents/\(agent)/\(path)", key: key.secret, json: #"{"type": "google_sheets"}"#)
                #expect(response.status.code == 400 && response.code == "workflow_required", "\(path)")
            }
        }
    }

    @Test func anotherTeamsIntegrationIsNotFound() async throws {
        try await TestHarness.with(configure: Self.google) { harness, client in
            let owner = try await harness.makeKey()
            let stranger = try await harness.makeKey()
            let agent = try await client.makeAgent(key: owner.secret)
            let theirs = try await client.makeAgent(key: stranger.secret)
            let configured = try await client.send(
                .post, "/api/v1/console/agents/\(agent)/integrations/bimpeai/configure", key: owner.secret,
                json: #"{"type": "google_sheets"}"#)
            let channel = try #require(configured.data["channel_id"] as? String)
            let viaOwnAgent = try await client.send(
                .delete, "/api/v1/console/agents/\(theirs)/integrations/bimpeai/\(channel)", key: stranger.secret)
            #expect(viaOwnAgent.status.code == 404 && viaOwnAgent.message == "Integration not found")
            let viaTheirAgent = try await client.send(
                .delete, "/api/v1/console/agents/\(agent)/integrations/bimpeai/\(channel)", key: stranger.secret)
            #expect(viaTheirAgent.status.code == 404 && viaTheirAgent.message == "Agent not found")
            let readOnly = try await harness.makeKey(scopes: [.integrationsRead])
            let refused = try await client.send(
                .post, "/api/v1/console/agents/\(agent)/integrations/bimpeai/configure", key: readOnly.secret, json: "{}")
            #expect(refused.message == "This API key is missing the required scope: integrations:write.")
        }
    }

    @Test func deletingAnAgentTakesItsIntegrationsWithIt() async throws {
        try await TestHarness.with(configure: Self.google) { harness, client in
            let key = try await harness.makeKey()
            let agent = try await client.makeAgent(key: key.secret)
            _ = try await client.send(
                .post, "/api/v1/console/agents/\(agent)/integrations/bimpeai/configure", key: key.secret,
                json: #"{"type": "google_sheets"}"#)
            #expect(try await client.send(.delete, "/api/v1/console/agents/\(agent)", key: key.secret).status.code == 200)
            let left = try await harness.database.read {
                try await $0.raw("SELECT COUNT(*) AS n FROM integrations").first()?.decode(column: "n", as: Int.self)
            }
            #expect(left == 0)
        }
    }
}
