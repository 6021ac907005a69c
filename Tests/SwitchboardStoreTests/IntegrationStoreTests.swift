import Foundation
import SQLKit
import SwitchboardCore
import SwitchboardStore
import TestSupport
import Testing

extension Integration.Family {
    fileprivate static let bimpeai = Self(rawValue: "bimpeai")
    fileprivate static let customAPI = Self(rawValue: "custom_api")
}

@Suite("Integrations, OAuth links and states")
struct IntegrationStoreTests {
    static func agent(_ database: Database) async throws -> Agent {
        let team = try await TeamStore(database: database).create(name: "t", plan: "free")
        let changes = try AgentChanges(
            body: .object([
                "workflow_id": .string("wf_PublicCustomerSupport001"), "name": .string("a"), "description": .string("b"),
            ]), creating: true)
        return try await AgentStore(database: database).create(teamID: team.id, changes: changes, limit: nil).0
    }

    @Test(arguments: TestDatabases.kinds)
    func concurrentConfiguresNeverPassTheCap(kind: Database.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let agent = try await Self.agent(database)
            let store = IntegrationStore(database: database)
            let types = ["stripe", "paystack", "bumpa", "google_calendar", "google_sheets", "stripe", "bumpa"]
            let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                for type in types {
                    group.addTask {
                        do {
                            let (_, created) = try await store.upsertConnector(
                                agent: agent, family: .bimpeai, type: type, name: type, limit: 3
                            ) { $0 }
                            return created ? "created" : "updated"
                        } catch let error as ConsoleError {
                            return error.code
                        }
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == "created" }.count == 3)
            #expect(try await store.live(agentID: agent.id).count == 3)
            #expect(Set(try await store.live(agentID: agent.id).map(\.type)).count == 3)
        }
    }

    /// The one-statement reads (the rows nested as JSON) must give exactly what the separate reads give,
    /// odd text, nulls, booleans and millisecond times included.
    @Test(arguments: TestDatabases.kinds)
    func oneStatementReadsMatchTheSeparateReads(kind: Database.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let agent = try await Self.agent(database)
            let store = IntegrationStore(database: database)
            func tool(_ name: String, approval: Bool) throws -> ToolDefinition {
                try ToolDefinition.read(
                    body: .object([
                        "name": .string(name), "description": .string("Quote \" back\\slash \u{1F4A9} é\t"),
                        "http_method": .string("GET"), "url_template": .string("/x"), "require_human_approval": .bool(approval),
                    ]), hasBaseURL: true
                ).0
            }
            let (stripe, _) = try await store.upsertConnector(
                agent: agent, family: .bimpeai, type: "stripe", name: "Str\"ipe ✓", limit: nil,
                catalog: [try tool("Refund", approval: true), try tool("List", approval: false)]
            ) { record in
                var record = record
                record.sealedSecret = "v1.sealed"
                record.status = .active
                return record
            }
            let (bumpa, _) = try await store.upsertConnector(
                agent: agent, family: .bimpeai, type: "bumpa", name: "Bumpa", limit: nil, catalog: [try tool("Orders", approval: false)]
            ) { record in
                var record = record
                record.status = .active
                return record
            }
            let (gone, _) = try await store.upsertConnector(agent: agent, family: .bimpeai, type: "paystack", name: "Gone", limit: nil) {
                $0
            }
            try await store.disconnect(id: gone.id, agentID: agent.id, family: .bimpeai)
            let actions = ActionStore(database: database)

            let all = try #require(try await store.agentIntegrations(agentID: agent.id, teamID: agent.teamID))
            #expect(all.agent == agent)
            #expect(all.integrations == (try await store.live(agentID: agent.id)))
            #expect(all.integrations.map(\.id) == [stripe.id, bumpa.id])
            #expect(all.tools == (try await actions.list(agentID: agent.id)))
            #expect(all.tools.count == 3 && all.tools.filter(\.requireHumanApproval).count == 1)

            let one = try #require(try await store.agentIntegration(agentID: agent.id, teamID: agent.teamID, integrationID: stripe.id))
            #expect(one.integrations == [try #require(try await store.find(id: stripe.id))])
            let byAge = try await database.read { db in
                try await db.raw(
                    "SELECT id FROM actions WHERE integration_id = \(bind: stripe.id) ORDER BY created_at, action_name"
                ).all().map { try $0.decode(column: "id", as: String.self) }
            }
            #expect(one.tools.map(\.id) == byAge && byAge.count == 2)
            #expect(Set(one.tools.map(\.id)).isSubset(of: all.tools.map(\.id)) && one.tools.allSatisfy { all.tools.contains($0) })
            let none = try #require(try await store.agentIntegration(agentID: agent.id, teamID: agent.teamID, integrationID: gone.id))
            #expect(none.integrations.isEmpty)
            #expect(try await store.agentIntegrations(agentID: agent.id, teamID: "team_other") == nil)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func disconnectingFreesAPlaceAndForgetsTheSecret(kind: Database.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let agent = try await Self.agent(database)
            let store = IntegrationStore(database: database)
            let (first, _) = try await store.upsertConnector(agent: agent, family: .bimpeai, type: "bumpa", name: "Bumpa", limit: 1) {
                record in
                var record = record
                record.sealedSecret = "v1.sealed"
                return record
            }
            await #expect(throws: Integration.limitReached) {
                _ = try await store.upsertConnector(agent: agent, family: .bimpeai, type: "stripe", name: "Stripe", limit: 1) { $0 }
            }
            await #expect(throws: Integration.wrongFamily) {
                try await store.disconnect(id: first.id, agentID: agent.id, family: .customAPI)
            }
            try await store.disconnect(id: first.id, agentID: agent.id, family: .bimpeai)
            await #expect(throws: Integration.notFound) { try await store.disconnect(id: first.id, agentID: agent.id, family: .bimpeai) }
            #expect(try await store.find(id: first.id) == nil)
            let (second, created) = try await store.upsertConnector(
                agent: agent, family: .bimpeai, type: "stripe", name: "Stripe", limit: 1
            ) { $0 }
            #expect(created && second.id != first.id)
            let kept = try await database.read {
                try await $0.raw("SELECT sealed_secret FROM integrations WHERE id = \(bind: first.id)").first()
            }
            #expect(try kept?.decodeNil(column: "sealed_secret") == true)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func linksAndStatesWorkOnceAndExpire(kind: Database.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let agent = try await Self.agent(database)
            let clock = TestClock()
            let (integration, _) = try await IntegrationStore(database: database).upsertConnector(
                agent: agent, family: .bimpeai, type: "google_calendar", name: "Google Calendar", limit: nil
            ) { $0 }
            let oauth = OAuthStore(database: database, clock: clock)
            try await oauth.addLink(tokenHash: "link", integrationID: integration.id, lifetime: 3600)
            try await oauth.addLink(tokenHash: "late", integrationID: integration.id, lifetime: 3600)
            #expect(try await oauth.useLink(tokenHash: "link") == .success(integration.id))
            #expect(try await oauth.useLink(tokenHash: "link") == .failure(.used))
            #expect(try await oauth.readLink(tokenHash: "link") == .success(integration.id))  // a used link still reads
            #expect(try await oauth.useLink(tokenHash: "nope") == .failure(.unknown))
            clock.advance(by: 3601)
            #expect(try await oauth.useLink(tokenHash: "late") == .failure(.expired))

            try await oauth.addState(
                stateHash: "s1", integrationID: integration.id, sealedVerifier: "v1.x", browserHash: "b1", lifetime: 600)
            try await oauth.addState(
                stateHash: "s2", integrationID: integration.id, sealedVerifier: "v1.y", browserHash: "b1", lifetime: 600)
            // Another browser, or none, is refused and the state stays for the one that holds the cookie.
            #expect(try await oauth.useState(stateHash: "s1", browserHash: "b2").isRefused(.otherBrowser))
            #expect(try await oauth.useState(stateHash: "s1", browserHash: nil).isRefused(.otherBrowser))
            let used = try await oauth.useState(stateHash: "s1", browserHash: "b1")
            #expect((try? used.get())?.sealedVerifier == "v1.x")
            #expect(try await oauth.useState(stateHash: "s1", browserHash: "b1").isRefused(.used))
            clock.advance(by: 601)
            #expect(try await oauth.useState(stateHash: "s2", browserHash: "b1").isRefused(.expired))
            #expect(try await oauth.readLink(tokenHash: "late") == .failure(.expired))
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func oneRefreshLeaseAtATime(kind: Database.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let agent = try await Self.agent(database)
            let clock = TestClock()
            let (integration, _) = try await IntegrationStore(database: database).upsertConnector(
                agent: agent, family: .bimpeai, type: "google_sheets", name: "Google Sheets", limit: nil
            ) { $0 }
            let oauth = OAuthStore(database: database, clock: clock)
            let taken = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<6 { group.addTask { try await oauth.takeRefreshLease(integrationID: integration.id, for: 30) } }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(taken.filter { $0 }.count == 1)
            clock.advance(by: 31)
            #expect(try await oauth.takeRefreshLease(integrationID: integration.id, for: 30))
            try await oauth.releaseRefreshLease(integrationID: integration.id)
            #expect(try await oauth.takeRefreshLease(integrationID: integration.id, for: 30))
        }
    }
}

extension Result where Failure == OAuthStore.Refusal {
    func isRefused(_ refusal: OAuthStore.Refusal) -> Bool {
        if case .failure(let error) = self { return error == refusal }
        return false
    }
}
