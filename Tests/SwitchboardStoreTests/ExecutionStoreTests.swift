import Foundation
import SwitchboardCore
import SwitchboardStore
import TestSupport
import Testing

@Suite("Approvals")
struct ExecutionStoreTests {
    /// A store over a fresh database of `kind` with a test clock, an agent, and a way
    /// to add an execution of it waiting for approval (answers its id).
    static func with(
        _ kind: Database.Kind,
        _ body:
            @Sendable (ExecutionStore, TestClock, _ agentID: String, _ pending: @Sendable () async throws -> String) async throws -> Void
    ) async throws {
        try await TestDatabases.with(kind) { database in
            let agent = try await IntegrationStoreTests.agent(database)
            let clock = TestClock()
            let store = ExecutionStore(database: database, clock: clock)
            try await body(store, clock, agent.id) {
                let execution = Execution(
                    id: Identifier.make("exe_"), teamID: agent.teamID, agentID: agent.id, actionID: "act_x", actionName: "x",
                    status: .pendingApproval, requestedBy: "key_a", arguments: .object([:]), createdAt: clock.now())
                try await store.create(execution)
                return execution.id
            }
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func aPendingExecutionIsDecidedOnceAndExpiresAfterADay(kind: Database.Kind) async throws {
        try await Self.with(kind) { store, clock, agentID, pending in
            let first = try await pending()
            guard case .decided(let approved) = try await store.decide(id: first, agentID: agentID, approve: true, by: "key_b") else {
                Issue.record("not decided")
                return
            }
            #expect(approved.status == .running && approved.decidedBy == "key_b")
            #expect(try await store.decide(id: first, agentID: agentID, approve: false, by: "key_b") == .alreadyDecided)
            #expect(try await store.decide(id: first, agentID: "agt_other", approve: false, by: "key_b") == .notFound)

            let late = try await pending()
            clock.advance(by: 24 * 3600 + 1)
            #expect(try await store.decide(id: late, agentID: agentID, approve: true, by: "key_b") == .expired)
            #expect(try await store.find(id: late, agentID: agentID)?.status == .expired)
            #expect(try await store.decide(id: late, agentID: agentID, approve: true, by: "key_b") == .expired)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func racingDecisionsHaveOneWinner(kind: Database.Kind) async throws {
        try await Self.with(kind) { store, _, agentID, pending in
            let id = try await pending()
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        if case .decided = try await store.decide(id: id, agentID: agentID, approve: index % 2 == 0, by: "key_\(index)") {
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
