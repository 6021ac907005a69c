import Foundation
import HTTPTypes
import HummingbirdTesting
import SwitchboardConnectors
import SwitchboardCore
import TestSupport
import Testing

@testable import SwitchboardAPI

/// Pipedream apps through the routes, with Pipedream Connect answered in-process at
/// its real host: the project's token, the app, the Connect link, the accounts.
@Suite("Pipedream kind, without a network")
struct PipedreamKindTests {
    static let clientSecret = "pd-client-SECRET-0123"

    static func connect(refusing: Bool = false) -> FakeNetwork {
        FakeNetwork { sent in
            switch (sent.method, sent.path) {
            case ("POST", "/v1/oauth/token"):
                if refusing { return .json(.object(["error": .string("invalid_client")]), status: 401) }
                return .json(.object(["access_token": .string("pd-access-0123"), "expires_in": .int(3600)]))
            case ("GET", "/v1/apps/slack"):
                return .json(.object(["data": .object(["name_slug": .string("slack"), "name": .string("Slack")])]))
            case ("POST", "/v1/connect/proj_test/tokens"):
                return .json(.object(["connect_link_url": .string("https://pipedream.com/_static/connect.html?token=ctok_1")]))
            case ("GET", "/v1/connect/proj_test/accounts"):
                return .json(.object(["data": .array([])]))
            default: return .json(.object([:]), status: 404)
            }
        }
    }

    static func project(_ config: inout SwitchboardConfig) {
        config.pipedream.clientID = "pd-client"
        config.pipedream.clientSecret = clientSecret
        config.pipedream.projectID = "proj_test"
    }

    @Test func anAppGetsAConnectLinkAndWaitsForItsAccount() async throws {
        let network = Self.connect()
        try await TestHarness.withAgent(configure: Self.project, network: network) { harness, client, key, agent in
            let base = "/api/v1/console/agents/\(agent)/integrations/pipedream"
            let configured = try await client.configure("pipedream", agent: agent, key: key, json: #"{"app_slug": "slack"}"#)
            #expect(configured.status.code == 200)
            #expect(configured.data["onboarding_url"] as? String == "https://pipedream.com/_static/connect.html?token=ctok_1&app=slack")
            #expect(
                network.sent.map { "\($0.method) \($0.url)" }.prefix(3) == [
                    "POST https://api.pipedream.com/v1/oauth/token", "GET https://api.pipedream.com/v1/apps/slack",
                    "POST https://api.pipedream.com/v1/connect/proj_test/tokens",
                ])
            #expect(network.sent[1].header("Authorization") == "Bearer pd-access-0123")
            #expect(network.sent[2].json?.field("external_user_id") == agent)

            // Listing looks for the account first; Pipedream has none yet, so it waits.
            let listed = try await client.send(.get, base, key: key).items
            #expect(listed.count == 1)
            let config = try #require(listed.first?["config"] as? [String: Any])
            #expect(config["app_slug"] as? String == "slack" && config["app_name"] as? String == "Slack")
            #expect(
                network.sent.last?.url.hasPrefix("https://api.pipedream.com/v1/connect/proj_test/accounts?external_user_id=\(agent)")
                    == true)
            let status = try await client.send(.get, "/api/v1/console/agents/\(agent)/integrations", key: key).items.first
            #expect(status?["status"] as? String == "pending")
            #expect(!configured.text.contains(Self.clientSecret) && !harness.log.all.joined().contains(Self.clientSecret))
        }
    }

    @Test func refusedProjectCredentialsAreSaidAndNothingIsStored() async throws {
        try await TestHarness.withAgent(configure: Self.project, network: Self.connect(refusing: true)) { harness, client, key, agent in
            let base = "/api/v1/console/agents/\(agent)/integrations/pipedream"
            let refused = try await client.configure("pipedream", agent: agent, key: key, json: #"{"app_slug": "slack"}"#)
            #expect(refused.status.code == 400 && refused.code == "integration_connection_failed")
            #expect(refused.message == "Could not reach Pipedream: Pipedream refused the project's client credentials")
            #expect(try await client.send(.get, base, key: key).items.isEmpty)
        }
    }
}
