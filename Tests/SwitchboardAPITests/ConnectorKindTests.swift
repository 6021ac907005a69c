import Foundation
import HTTPTypes
import HummingbirdTesting
import SwitchboardConnectors
import SwitchboardCore
import SwitchboardStore
import TestSupport
import Testing

@testable import SwitchboardAPI

/// The first-party connectors through the routes, with the providers answered
/// in-process at their real hosts: the key check, the catalog, an action run, and
/// Google's token refresh.
@Suite("First-party connectors, without a network")
struct ConnectorKindTests {
    static let stripeKey = "sk_test_SECRET0123456789"

    /// Stripe's balance, for the key check and the `retrieve_balance` action; it
    /// echoes the credential back, as a careless upstream might.
    static func stripe(refusing: Bool = false) -> FakeNetwork {
        FakeNetwork { sent in
            guard sent.url == "https://api.stripe.com/v1/balance", sent.method == "GET" else {
                return .json(.object(["error": .object(["message": .string("no route")])]), status: 404)
            }
            if refusing { return .json(.object(["error": .object(["message": .string("Invalid API Key")])]), status: 401) }
            return .json(
                .object([
                    "available": .array([.object(["amount": .int(1250), "currency": .string("usd")])]),
                    "seen": .string(sent.header("Authorization") ?? ""),
                ]))
        }
    }

    @Test func aCheckedKeyBringsTheCatalogAndAnActionRunsWithItHidden() async throws {
        let network = Self.stripe()
        try await TestHarness.withAgent(network: network) { harness, client, key, agent in
            let base = "/api/v1/console/agents/\(agent)"
            let configured = try await client.configure(
                "bimpeai", agent: agent, key: key, json: #"{"type": "stripe", "secret_key": "\#(Self.stripeKey)"}"#)
            #expect(configured.status.code == 201 && configured.data["success"] as? Bool == true)
            #expect(
                network.sent.map { "\($0.method) \($0.url) \($0.header("Authorization") ?? "")" } == [
                    "GET https://api.stripe.com/v1/balance Bearer \(Self.stripeKey)"
                ])

            let actions = try await client.send(.get, base + "/actions", key: key).items
            let balance = try #require(actions.first { $0["action_name"] as? String == "retrieve_balance" })
            #expect(actions.count == 6 && balance["is_enabled"] as? Bool == true)
            let run = try await client.send(
                .post, base + "/actions/\(balance["id"] as? String ?? "")/execute", key: key, json: #"{"arguments": {}}"#)
            #expect(run.status.code == 200 && run.data["status"] as? String == "succeeded")
            let output = try #require(run.data["output"] as? [String: Any])
            #expect(output["seen"] as? String == "Bearer [redacted]")
            #expect(!run.text.contains(Self.stripeKey) && !configured.text.contains(Self.stripeKey))
            #expect(network.sent.count == 2)
        }
    }

    @Test func aRefusedKeyIsNamedAndNothingIsStored() async throws {
        try await TestHarness.withAgent(network: Self.stripe(refusing: true)) { harness, client, key, agent in
            let base = "/api/v1/console/agents/\(agent)/integrations/bimpeai"
            let refused = try await client.configure(
                "bimpeai", agent: agent, key: key, json: #"{"type": "stripe", "secret_key": "\#(Self.stripeKey)"}"#)
            #expect(refused.status.code == 400 && refused.code == "integration_connection_failed")
            #expect(refused.message == "Invalid Stripe API keys")
            let stripe = try await client.send(.get, base, key: key).items.first { $0["type"] as? String == "stripe" }
            #expect(stripe?["status"] as? String == "not_connected")
            #expect(try await client.send(.get, "/api/v1/console/agents/\(agent)/actions", key: key).items.isEmpty)
        }
    }

    /// Google's token endpoint and the calendar list. `grant` answers the refresh.
    static func google(grant: FakeNetwork.Reply) -> FakeNetwork {
        FakeNetwork { sent in
            switch (sent.method, sent.url) {
            case ("POST", "https://oauth2.googleapis.com/token"): return grant
            case ("GET", "https://www.googleapis.com/calendar/v3/users/me/calendarList"):
                guard sent.header("Authorization") == "Bearer access-NEW-0123" else {
                    return .json(.object(["error": .object(["message": .string("Invalid Credentials")])]), status: 401)
                }
                return .json(.object(["items": .array([.object(["id": .string("primary")])])]))
            default: return .json(.object([:]), status: 404)
            }
        }
    }

    /// Connects Google Calendar for the agent with tokens that expire within the
    /// refresh margin; returns the `list_calendars` action.
    func connectCalendar(_ harness: TestHarness, _ client: any TestClientProtocol, key: String, agent: String) async throws -> String {
        let configured = try await client.configure("bimpeai", agent: agent, key: key, json: #"{"type": "google_calendar"}"#)
        let id = try #require(configured.data["channel_id"] as? String)
        let tokens = OAuthTokens(
            accessToken: "access-OLD-0123", refreshToken: "refresh-SECRET-0123", expiresAt: harness.clock.now().addingTimeInterval(60))
        try await harness.components.integrations.connect(
            id: id, sealedSecret: try harness.components.secrets.seal(tokens.sealedText, owner: id),
            catalog: ConnectorCatalogs.builtIn.definitions[.googleCalendar] ?? [])
        let actions = try await client.send(.get, "/api/v1/console/agents/\(agent)/actions", key: key).items
        let list = try #require(actions.first { $0["action_name"] as? String == "list_calendars" }?["id"] as? String)
        return list
    }

    static func withGoogle(_ config: inout SwitchboardConfig) {
        config.google.clientID = "client-id"
        config.google.clientSecret = "client-SECRET"
    }

    @Test func anExpiringGoogleTokenIsRefreshedBeforeTheCall() async throws {
        let network = Self.google(
            grant: .json(.object(["access_token": .string("access-NEW-0123"), "expires_in": .int(3600), "token_type": .string("Bearer")])))
        try await TestHarness.withAgent(configure: Self.withGoogle, network: network) { harness, client, key, agent in
            let action = try await connectCalendar(harness, client, key: key, agent: agent)
            let run = try await client.send(
                .post, "/api/v1/console/agents/\(agent)/actions/\(action)/execute", key: key, json: #"{"arguments": {}}"#)
            #expect(run.data["status"] as? String == "succeeded", "\(run.text)")
            #expect(network.sent.map(\.method) == ["POST", "GET"])
            let refresh = try #require(network.sent.first)
            #expect(String(decoding: refresh.body, as: UTF8.self).contains("grant_type=refresh_token&refresh_token=refresh-SECRET-0123"))
            for secret in ["access-NEW-0123", "refresh-SECRET-0123", "client-SECRET"] { #expect(!run.text.contains(secret)) }
        }
    }

    @Test func aRevokedGoogleGrantAsksForAReconnectionByItsLink() async throws {
        let network = Self.google(grant: .json(.object(["error": .string("invalid_grant")]), status: 400))
        try await TestHarness.withAgent(configure: Self.withGoogle, network: network) { harness, client, key, agent in
            let action = try await connectCalendar(harness, client, key: key, agent: agent)
            let run = try await client.send(
                .post, "/api/v1/console/agents/\(agent)/actions/\(action)/execute", key: key, json: #"{"arguments": {}}"#)
            #expect(run.data["status"] as? String == "failed")
            let configure = "\(harness.components.config.publicURL)/api/v1/console/agents/\(agent)/integrations/bimpeai/configure"
            #expect((run.data["message"] as? String ?? "").contains("Reconnect with POST \(configure)"), "\(run.text)")
            #expect(network.sent.map(\.method) == ["POST"])
            let calendar = try await client.send(.get, "/api/v1/console/agents/\(agent)/integrations/bimpeai", key: key).items
                .first { $0["type"] as? String == "google_calendar" }
            #expect(calendar?["status"] as? String == "needs_reauth")
        }
    }
}
