import Foundation
import SwitchboardCore
import SwitchboardStore
import TestSupport
import Testing

@Suite("Idempotency records and shared rate buckets")
struct IdempotencyAndRateStoreTests {
    @Test(arguments: TestDatabases.kinds)
    func aKeyIsStartedOnceThenReplayed(kind: Database.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = IdempotencyStore(database: database, clock: TestClock())
            #expect(try await store.claim(teamID: "t1", keyID: "key_1", key: "k", fingerprint: "f1") == .started)
            #expect(try await store.claim(teamID: "t1", keyID: "key_1", key: "k", fingerprint: "f1") == .inProgress)
            #expect(try await store.claim(teamID: "t1", keyID: "key_1", key: "k", fingerprint: "f2") == .mismatch)
            try await store.complete(teamID: "t1", key: "k", status: 201, body: #"{"message":"Success"}"#)
            #expect(
                try await store.claim(teamID: "t1", keyID: "key_1", key: "k", fingerprint: "f1")
                    == .replay(status: 201, body: #"{"message":"Success"}"#))
            #expect(try await store.claim(teamID: "t1", keyID: "key_1", key: "k", fingerprint: "f2") == .mismatch)
            // An answer belongs to the API key that made it: another key of the team gets none of it.
            #expect(try await store.claim(teamID: "t1", keyID: "key_2", key: "k", fingerprint: "f1") == .otherKey)
            // Keys belong to a team: another team's identical key is its own.
            #expect(try await store.claim(teamID: "t2", keyID: "key_1", key: "k", fingerprint: "f2") == .started)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func concurrentClaimsStartExactlyOne(kind: Database.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = IdempotencyStore(database: database)
            let claims = try await withThrowingTaskGroup(of: IdempotencyStore.Claim.self) { group in
                for _ in 0..<8 { group.addTask { try await store.claim(teamID: "t", keyID: "key_1", key: "same", fingerprint: "f") } }
                return try await group.reduce(into: [IdempotencyStore.Claim]()) { $0.append($1) }
            }
            #expect(claims.filter { $0 == .started }.count == 1)
            #expect(claims.filter { $0 == .inProgress }.count == 7)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func releasedAndExpiredKeysCanBeUsedAgain(kind: Database.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let clock = TestClock()
            let store = IdempotencyStore(database: database, clock: clock)
            #expect(try await store.claim(teamID: "t", keyID: "key_1", key: "k", fingerprint: "f") == .started)
            try await store.release(teamID: "t", key: "k")
            #expect(try await store.claim(teamID: "t", keyID: "key_1", key: "k", fingerprint: "other") == .started)
            try await store.complete(teamID: "t", key: "k", status: 200, body: "{}")
            clock.advance(by: 24 * 3600 + 1)
            #expect(try await store.claim(teamID: "t", keyID: "key_1", key: "k", fingerprint: "new") == .started)
            // A claim left running by a crashed process is taken over after a while.
            clock.advance(by: 301)
            #expect(try await store.claim(teamID: "t", keyID: "key_1", key: "k", fingerprint: "again") == .started)
            try await store.complete(teamID: "t", key: "k", status: 200, body: "{}")
            clock.advance(by: 24 * 3600 + 1)
            #expect(try await store.purgeExpired() == 1)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func concurrentTakersNeverGetMoreThanTheBucketHolds(kind: Database.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = RateBucketStore(database: database)
            let now = Date()
            let granted = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<20 {
                    group.addTask { try await store.take(keyID: "key_a", capacity: 25, wanted: 3, giveBack: 0, now: now).granted }
                }
                return try await group.reduce(0, +)
            }
            #expect(granted == 25)
            let later = try await store.take(keyID: "key_a", capacity: 25, wanted: 100, giveBack: 0, now: now.addingTimeInterval(12))
            #expect(later.granted == 5)
        }
    }
}
