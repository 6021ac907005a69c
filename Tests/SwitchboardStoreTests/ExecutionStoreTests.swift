import Foundation
import SwitchboardCore
import SwitchboardStore
import TestSupport
import Testing

@Suite("Approvals")
struct ExecutionStoreTests {
    static func pending(_ store: ExecutionStore, clock: TestClock, agentID: String, teamID: String) async throws -> String {
        let execution = Execution(
            id: Identifier.make("exe_"), teamID: teamID, agentID: agentID, actionID: "act_x", actionName: "x",
            status: .pendingApproval, requestedBy: "key_a", arguments: .object([:]), createdAt: clock.now())
        try await store.create(execution)
        return execution.id
    }

    @Test(arguments: TestDatabases.kinds)
    func aPendingExecutionIsDecidedOnceAndExpiresAfterADay(kind: Database.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let agent = try await IntegrationStoreTests.agent(database)
            let clock = TestClock()
            let store = ExecutionStore(database: database, clock: clock)
            let first = try await Self.pending(store, clock: clock, agentID: agent.id, teamID: agent.teamID)
            guard case .decided(let approved) = try await store.decide(id: first, agentID: agent.id, approve: true, by: "key_b") else {
                Issue.record("not decided")
                return
            }
            #expect(approved.status == .running && approved.decidedBy == "key_b")
            #expect(try await store.decide(id: first, agentID: agent.id, approve: false, by: "key_b") == .alreadyDecided)
            #expect(try await store.decide(id: first, agentID: "agt_other", approve: false, by: "key_b") == .notFound)

            let late = try await Self.pending(store, clock: clock, agentID: agent.id, teamID: agent.teamID)
            clock.advance(by: 24 * 3600 + 1)
            #expect(try await store.decide(id: late, agentID: agent.id, approve: true, by: "key_b") == .expired)
            #expect(try await store.find(id: late, agentID: agent.id)?.status == .expired)
            #expect(try await store.decide(id: late, agentID: agent.id, approve: true, by: "key_b") == .expired)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func racingDecisionsHaveOneWinner(kind: Database.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let agent = try await IntegrationStoreTests.agent(database)
            let clock = TestClock()
            let store = ExecutionStore(database: database, clock: clock)
            let id = try await Self.pending(store, clock: clock, agentID: agent.id, teamID: agent.teamID)
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        if case .decided = try await store.decide(id: id, agentID: agent.id, approve: index % 2 == 0, by: "key_\(index)") {
                            return true
                        }
                        return false
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
        }
    }
}
