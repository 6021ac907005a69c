import Foundation
import Testing

@testable import SwitchboardCore

@Suite("Plans, scopes, ids and buckets")
struct PlanAndBucketTests {
    @Test func operatorOverridesMergeOverTheDefaults() throws {
        let table = try PlanTable(
            overrideJSON: #"{"enterprise": {"requests_per_minute": 1000000}, "free": {"agents": 5}, "team": {"agents": null}}"#)
        #expect(table.limits(for: "free") == PlanLimits(agents: 5, integrationsPerAgent: 3, requestsPerMinute: 120))
        #expect(table.limits(for: "enterprise")?.requestsPerMinute == 1_000_000)
        #expect(table.limits(for: "starter") == PlanTable.defaultPlans["starter"])
        #expect(table.limits(for: "team") == PlanLimits(agents: nil, integrationsPerAgent: nil, requestsPerMinute: nil))
    }

    @Test(arguments: [#"[1]"#, #"{"free": 3}"#, #"{"free": {"agents": -1}}"#, #"{"free": {"seats": 3}}"#, "{"])
    func badOverridesAreRefused(json: String) {
        #expect(throws: PlanOverrideError.self) { try PlanTable(overrideJSON: json) }
    }

    @Test func theWildcardGrantsEverythingAndOthersOnlyThemselves() {
        #expect(Set<Scope>([.all]).grants(.auditRead))
        #expect(Set<Scope>([.agentsRead]).grants(.agentsRead))
        #expect(!Set<Scope>([.agentsRead]).grants(.agentsWrite))
        #expect(Scope("agents:fly") == nil)
        #expect(Set<Scope>(stored: "agents:read workflows:write").stored == "agents:read workflows:write")
    }

    @Test func idsAndKeysHaveTheirPrefixAndLength() {
        let id = Identifier.make("agt_")
        #expect(id.hasPrefix("agt_") && id.count == 28 && id.dropFirst(4).allSatisfy { $0.isLetter || $0.isNumber })
        let key = Identifier.makeAPIKey()
        #expect(key.hasPrefix("sk_") && key.count == 43 && key != Identifier.makeAPIKey())
        #expect(Identifier.hash("sk_x").count == 64)
        #expect(Identifier.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func requestIdsAreLowerCaseVersion4UUIDs() throws {
        let ids = (0..<200).map { _ in Identifier.uuid() }
        #expect(Set(ids).count == ids.count)
        for id in ids {
            let parsed = try #require(UUID(uuidString: id))
            #expect(parsed.uuidString.lowercased() == id)
            let characters = Array(id)
            #expect(characters[14] == "4" && "89ab".contains(characters[19]))
        }
    }

    @Test func aBucketRefillsOverTimeAndNeverPastCapacity() {
        let start = Date(timeIntervalSince1970: 1000)
        var bucket = TokenBucket(capacity: 60, updatedAt: start)
        #expect(bucket.take(100, now: start) == 60)
        #expect(bucket.take(1, now: start) == 0)
        #expect(bucket.secondsUntilNextToken == 1)
        #expect(bucket.take(10, now: start.addingTimeInterval(5)) == 5)
        #expect(bucket.take(1000, giveBack: 1000, now: start.addingTimeInterval(5)) == 60)
    }
}
