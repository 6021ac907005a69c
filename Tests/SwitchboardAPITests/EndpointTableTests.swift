import Hummingbird
import HummingbirdTesting
import SwitchboardCore
import TestSupport
import Testing

@testable import SwitchboardAPI

@Suite("The endpoint table")
struct EndpointTableTests {
    @Test func everyConsoleRouteHasExactlyOneRowAndEveryRowARoute() async throws {
        try await TestHarness.with { harness, _ in
            let routed = harness.routes.filter { $0.contains(" \(Endpoint.prefix)/") && !$0.hasSuffix("/openapi.yaml") }
            let table = Endpoints.all.map { "\($0.method.rawValue) \($0.route)" }
            #expect(Set(table).count == table.count, "a route has two rows")
            #expect(routed.subtracting(table).sorted() == [], "routes without a row (no scope)")
            #expect(Set(table).subtracting(routed).sorted() == [], "rows without a route")
        }
    }

    @Test func everyChangeHasAnAuditNameAndNoReadHasOne() {
        for endpoint in Endpoints.all where endpoint.unbuilt == nil && !endpoint.auditedByRoute {
            let changes = endpoint.method != .get
            #expect((endpoint.audit != nil) == changes, "\(endpoint.method) \(endpoint.path)")
        }
    }

    @Test func aKeyWithoutTheScopeIsRefusedBeforeAnythingElse() async throws {
        try await TestHarness.with { harness, client in
            let key = try await harness.makeKey(scopes: [.agentsRead])
            // The agent does not exist; the scope is still what the answer is about.
            let response = try await client.send(
                .post, "/api/v1/console/agents/agt_missing/actions/act_missing/execute", key: key.secret,
                json: "{}", headers: ["Idempotency-Key": "k-1"])
            #expect(response.status == .forbidden)
            #expect(response.message == "This API key is missing the required scope: actions:execute.")
        }
    }
}
