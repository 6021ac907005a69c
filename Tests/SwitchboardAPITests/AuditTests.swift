import Foundation
import HTTPTypes
import HummingbirdTesting
import SwitchboardCore
import TestSupport
import Testing

@Suite("The audit log")
struct AuditTests {
    /// Each change names what it changed: what a POST made from its answer, anything
    /// else from the last parameter of its route.
    @Test func aWebhooksChangesNameTheWebhook() async throws {
        try await TestHarness.with(network: FakeNetwork { _ in FakeNetwork.Reply(status: 204) }) { harness, client in
            let key = try await harness.makeKey().secret
            let hooks = "/api/v1/console/webhooks"
            let created = try await client.send(
                .post, hooks, key: key, json: #"{"url": "https://hooks.example.test/in", "events": ["execution.succeeded"]}"#)
            let id = try #require(created.data["id"] as? String)
            #expect(try await client.send(.patch, "\(hooks)/\(id)", key: key, json: #"{"enabled": false}"#).status == .ok)
            #expect(try await client.send(.delete, "\(hooks)/\(id)", key: key).status == .ok)
            let events = try await client.send(.get, "/api/v1/console/audit-events", key: key).items
            let targets = Dictionary(uniqueKeysWithValues: events.map { ($0["action"] as? String ?? "", $0["target_id"] as? String) })
            #expect(targets == ["webhook.create": id, "webhook.update": id, "webhook.delete": id])
        }
    }
}
