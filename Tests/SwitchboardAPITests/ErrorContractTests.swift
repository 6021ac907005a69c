import Foundation
import Hummingbird
import HummingbirdTesting
import SwitchboardCore
import TestSupport
import Testing

/// An unexpected failure whose description holds something secret.
struct LeakyFailure: Error, CustomStringConvertible {
    let secret: String
    var description: String { "database said no while using \(secret)" }
}

@Suite("Errors, request ids and system endpoints")
struct ErrorContractTests {
    @Test func anUnknownRouteNamesMethodAndPath() async throws {
        try await TestHarness.with { harness, client in
            let key = try await harness.makeKey()
            let response = try await client.send(.delete, "/api/v1/console/nowhere/at/all", key: key.secret)
            #expect(response.status.code == 404)
            #expect(response.object["message"] as? String == "Cannot DELETE /api/v1/console/nowhere/at/all")
            #expect(response.object["code"] as? String == "not_found")
            #expect(response.object["error"] as? String == "Not Found")
        }
    }

    @Test func anUnexpectedFailureIsABare500AndItsDetailOnlyReachesTheLog() async throws {
        let planted = "sk_" + String(repeating: "Z", count: 40)
        try await TestHarness.with(routes: { router in
            router.get("/boom") { _, _ -> String in throw LeakyFailure(secret: planted) }
        }) { harness, client in
            let response = try await client.send(.get, "/boom", headers: ["X-Request-Id": "trace-500"])
            #expect(response.status.code == 500)
            #expect(response.object["message"] as? String == "Internal server error.")
            #expect(response.object["code"] as? String == "internal_error")
            #expect(response.object["request_id"] as? String == "trace-500")
            #expect(!response.text.contains("database said no"))
            let logged = harness.log.all.filter { $0.contains("request failed") }
            #expect(logged.count == 1)
            #expect(logged.first?.contains("LeakyFailure") == true && logged.first?.contains("trace-500") == true)
            #expect(!harness.log.all.joined().contains(planted))
        }
    }

    @Test func anOversizedBodyIsRefusedWith413() async throws {
        try await TestHarness.with { harness, client in
            let key = try await harness.makeKey()
            let body = "{\"name\": \"" + String(repeating: "x", count: 1 << 20) + "\"}"
            let response = try await client.send(
                .post, "/api/v1/console/phone-numbers/request", key: key.secret, json: body, headers: ["Idempotency-Key": "big"])
            #expect(response.status.code == 413)
            #expect(response.object["code"] as? String == "payload_too_large")
            #expect(response.object["error"] as? String == "Payload Too Large")
        }
    }

    @Test(arguments: [
        ("abc-123", true), (String(repeating: "r", count: 128), true),
        (String(repeating: "r", count: 129), false), ("has space", false), ("ünïcode", false),
    ])
    func aGoodRequestIdIsHonouredAndABadOneReplaced(id: String, honoured: Bool) async throws {
        try await TestHarness.with { _, client in
            let response = try await client.send(.get, "/api/v1/console/agents/x/calls", headers: ["X-Request-Id": id])
            let echoed = try #require(response.header("X-Request-Id"))
            #expect(response.object["request_id"] as? String == echoed)
            if honoured {
                #expect(echoed == id)
            } else {
                #expect(UUID(uuidString: echoed) != nil)
            }
        }
    }

    @Test func everyResponseCarriesARequestId() async throws {
        try await TestHarness.with { _, client in
            for path in ["/health", "/ready", "/metrics", "/nowhere", "/api/v1/console/openapi.yaml"] {
                let id = try await client.send(.get, path).header("X-Request-Id")
                #expect(id.flatMap(UUID.init(uuidString:)) != nil, "\(path)")
            }
        }
    }

    @Test func healthReadyAndMetricsAnswer() async throws {
        try await TestHarness.with { _, client in
            #expect(try await client.send(.get, "/health").object["status"] as? String == "ok")
            let ready = try await client.send(.get, "/ready")
            #expect(ready.status.code == 200 && ready.object["status"] as? String == "ready")
            _ = try await client.send(.get, "/nowhere")
            let metrics = try await client.send(.get, "/metrics").text
            #expect(metrics.contains(#"http_requests_total{method="GET",route="/health",status="200"} 1"#))
            #expect(metrics.contains(#"http_requests_total{method="GET",route="/ready",status="200"} 1"#))
            #expect(metrics.contains(#"http_request_duration_seconds_bucket{method="GET",route="/health",le="+Inf"} 1"#))
            #expect(metrics.contains(#"status="404""#))
            #expect(!metrics.contains("/nowhere"))
        }
    }

    @Test func logsNeverHoldKeysOrAuthorizationHeaders() async throws {
        try await TestHarness.with { harness, client in
            let key = try await harness.makeKey()
            let scoped = try await harness.makeKey(scopes: [.agentsRead])
            let guessed = "sk_" + String(repeating: "Q", count: 40)
            _ = try await client.send(.get, "/api/v1/console/phone-numbers", key: key.secret)
            _ = try await client.send(.get, "/api/v1/console/phone-numbers", headers: ["X-Api-Key": scoped.secret])
            _ = try await client.send(.get, "/api/v1/console/phone-numbers", key: guessed)
            _ = try await client.send(
                .post, "/api/v1/console/phone-numbers/request", key: key.secret, json: "{}", headers: ["Idempotency-Key": "i-1"])
            _ = try await client.send(.get, "/api/v1/console/nowhere", key: key.secret)
            let logs = harness.log.all.joined(separator: "\n")
            #expect(!logs.isEmpty)
            for secret in [key.secret, scoped.secret, guessed, "Bearer"] {
                #expect(!logs.contains(secret))
            }
            #expect(!logs.lowercased().contains("authorization"))
        }
    }
}
