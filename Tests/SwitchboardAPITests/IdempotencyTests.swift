import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SwitchboardCore
import SwitchboardStore
import TestSupport
import Testing

@testable import SwitchboardAPI

@Suite("Idempotency keys")
struct IdempotencyTests {
    static let path = "/api/v1/console/workflows"
    static let body = #"{"name": "Once", "system_prompt": "Only once."}"#

    @Test func aRepeatedRequestIsReplayedAndRunsOnce() async throws {
        try await TestHarness.with { harness, client in
            let key = try await harness.makeKey()
            let first = try await client.send(.post, Self.path, key: key.secret, json: Self.body, headers: ["Idempotency-Key": "create-1"])
            let second = try await client.send(.post, Self.path, key: key.secret, json: Self.body, headers: ["Idempotency-Key": "create-1"])
            #expect(first.status.code == 201 && second.status.code == 201)
            #expect(first.text == second.text)
            #expect(first.header("Idempotent-Replayed") == nil && second.header("Idempotent-Replayed") == "true")
            #expect(second.header("X-Request-Id") != first.header("X-Request-Id"))
            let owned = try await client.send(.get, "\(Self.path)?scope=owned", key: key.secret)
            #expect(owned.meta["total_count"] as? Int == 1)
        }
    }

    @Test func theSameKeyForAnotherRequestIsAConflict() async throws {
        try await TestHarness.with { harness, client in
            let key = try await harness.makeKey()
            _ = try await client.send(.post, Self.path, key: key.secret, json: Self.body, headers: ["Idempotency-Key": "k"])
            let other = try await client.send(
                .post, Self.path, key: key.secret, json: #"{"name": "Twice", "system_prompt": "x"}"#, headers: ["Idempotency-Key": "k"])
            #expect(other.status.code == 409 && other.code == "conflict")
            #expect(other.message == "Idempotency-Key was already used with a different request.")
            // Another team's identical key is its own.
            let stranger = try await harness.makeKey()
            #expect(
                try await client.send(.post, Self.path, key: stranger.secret, json: Self.body, headers: ["Idempotency-Key": "k"]).status
                    .code == 201)
        }
    }

    @Test func aKeyStillRunningIsAConflict() async throws {
        try await TestHarness.with { harness, client in
            let key = try await harness.makeKey()
            let fingerprint = IdempotencyMiddleware.fingerprint(
                method: "POST", path: Self.path, query: nil, body: ByteBuffer(string: Self.body))
            // Another process has started this very request and not finished it.
            #expect(
                try await IdempotencyStore(database: harness.database, clock: harness.clock).claim(
                    teamID: key.teamID, keyID: key.keyID, key: "busy", fingerprint: fingerprint) == .started)
            let response = try await client.send(.post, Self.path, key: key.secret, json: Self.body, headers: ["Idempotency-Key": "busy"])
            #expect(response.status.code == 409)
            #expect(response.message == "A request with this Idempotency-Key is already in progress.")
        }
    }

    @Test func concurrentIdenticalRequestsWriteOnce() async throws {
        try await TestHarness.with { harness, client in
            let key = try await harness.makeKey()
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await client.send(.post, Self.path, key: key.secret, json: Self.body, headers: ["Idempotency-Key": "race"])
                            .status.code
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == 201 || $0 == 409 })
            #expect(statuses.contains(201))
            #expect(try await client.send(.get, "\(Self.path)?scope=owned", key: key.secret).meta["total_count"] as? Int == 1)
        }
    }

    @Test func serverErrorsAreNotKeptSoTheyCanBeRetried() async throws {
        try await TestHarness.with { harness, client in
            let key = try await harness.makeKey()
            for _ in 0..<2 {
                let response = try await client.send(
                    .post, "/api/v1/console/phone-numbers/request", key: key.secret, json: "{}", headers: ["Idempotency-Key": "retry"])
                #expect(response.status.code == 501 && response.header("Idempotent-Replayed") == nil)
            }
        }
    }

    @Test func aKeyLongerThan255CharactersIsRefused() async throws {
        try await TestHarness.with { harness, client in
            let key = try await harness.makeKey()
            let response = try await client.send(
                .post, Self.path, key: key.secret, json: Self.body, headers: ["Idempotency-Key": String(repeating: "k", count: 256)])
            #expect(response.problems == ["Idempotency-Key: must be 1 to 255 characters"])
        }
    }
}
