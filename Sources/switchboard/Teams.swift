import ArgumentParser
import Foundation
import SwitchboardAPI
import SwitchboardCore
import SwitchboardStore

struct Teams: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create and list teams, and change their plan.",
        subcommands: [Create.self, List.self, SetPlan.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a team; prints its id.")
        @Option(help: "The team's name.") var name: String
        @Option(help: "The team's plan.") var plan = "free"

        func run() async throws {
            let environment = try Environment()
            guard environment.config.plans.limits(for: plan) != nil else {
                throw fail("unknown plan; choose one of \(environment.config.plans.names.joined(separator: ", "))")
            }
            let (name, plan) = (name, plan)
            let team = try await environment.withDatabase { try await TeamStore(database: $0).create(name: name, plan: plan) }
            print(team.id)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List teams.")

        func run() async throws {
            let environment = try Environment()
            let teams = try await environment.withDatabase { try await TeamStore(database: $0).list() }
            for team in teams {
                print([team.id, team.plan, team.createdAt.iso8601, team.name].joined(separator: "\t"))
            }
        }
    }

    struct SetPlan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set-plan", abstract: "Change a team's plan.")
        @Argument(help: "The team id.") var teamID: String
        @Argument(help: "The new plan.") var plan: String

        func run() async throws {
            let environment = try Environment()
            guard environment.config.plans.limits(for: plan) != nil else {
                throw fail("unknown plan; choose one of \(environment.config.plans.names.joined(separator: ", "))")
            }
            let (teamID, plan) = (teamID, plan)
            let changed = try await environment.withDatabase { database -> Bool in
                guard try await TeamStore(database: database).setPlan(teamID: teamID, plan: plan) else { return false }
                try await AuditStore(database: database).record(.byOperator(teamID: teamID, action: "team.set_plan", targetID: teamID))
                return true
            }
            guard changed else { throw fail("no such team") }
            print("Team \(teamID) is now on plan \(plan).")
        }
    }
}
