import Foundation
import HTTPTypes
import HummingbirdTesting
import SwitchboardAPI
import SwitchboardCore
import TestSupport
import Testing

@Suite("Rate limits per key")
struct RateLimitTests {
    static let path = "/api/v1/console/phone-numbers"

    @Test func everyAuthenticatedAnswerCarriesTheLimitAndTheFourthIsRefused() async throws {
        try await TestHarness.with(configure: { $0.plans = try! PlanTable(overrideJSON: #"{"free": {"requests_per_minute": 3}}"#) }) {
            harness, client in
            let key = try await harness.makeKey(plan: "free")
            for remaining in [2, 1, 0] {
                let response = try await client.send(.get, Self.path, key: key.secret)
                #expect(response.status.code == 501)
                #expect(response.header("X-RateLimit-Limit") == "3")
                #expect(response.header("X-RateLimit-Remaining") == String(remaining))
                #expect(Int(response.header("X-RateLimit-Reset") ?? "") ?? 0 > Int(harness.clock.now().timeIntervalSince1970))
            }
            let refused = try await client.send(.get, Self.path, key: key.secret)
            #expect(refused.status.code == 429)
            #expect(refused.object["code"] as? String == "rate_limited")
            #expect(refused.object["message"] as? String == "Rate limit exceeded. Retry after 20 seconds.")
            #expect(refused.header("Retry-After") == "20")
            #expect(refused.header("X-RateLimit-Remaining") == "0")
            #expect(refused.header("X-RateLimit-Limit") == "3")

            // Another key of the same team has a bucket of its own.
            let other = try await harness.makeKey(plan: "free")
            #expect(try await client.send(.get, Self.path, key: other.secret).status.code == 501)

            harness.clock.advance(by: 20)
            #expect(try await client.send(.get, Self.path, key: key.secret).status.code == 501)
            #expect(try await client.send(.get, Self.path, key: key.secret).status.code == 429)
        }
    }

    @Test func errorsOfTheRouteStillCarryTheHeaders() async throws {
        try await TestHarness.with { harness, client in
            let key = try await harness.makeKey(plan: "pro", scopes: [.agentsRead])
            let response = try await client.send(.get, Self.path, key: key.secret)
            #expect(response.status.code == 403)
            #expect(response.header("X-RateLimit-Limit") == "3000")
        }
    }

    @Test func aPlanWithoutARequestLimitIsNotLimited() async throws {
        try await TestHarness.with(configure: { $0.plans = try! PlanTable(overrideJSON: #"{"enterprise": {"requests_per_minute": null}}"#) }
        ) { harness, client in
            let key = try await harness.makeKey(plan: "enterprise")
            let response = try await client.send(.get, Self.path, key: key.secret)
            #expect(response.status.code == 501)
            #expect(response.header("X-RateLimit-Limit") == nil)
        }
    }

    @Test func concurrentRequestsNeverOvershootTheLimit() async throws {
        try await TestHarness.with(configure: { $0.plans = try! PlanTable(overrideJSON: #"{"starter": {"requests_per_minute": 40}}"#) }) {
            harness, client in
            let key = try await harness.makeKey(plan: "starter")
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<100 { group.addTask { try await client.send(.get, Self.path, key: key.secret).status.code } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 501 }.count == 40)
            #expect(statuses.filter { $0 == 429 }.count == 60)
        }
    }
}
