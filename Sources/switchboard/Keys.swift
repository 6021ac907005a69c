import ArgumentParser
import Foundation
import SwitchboardCore
import SwitchboardStore

struct Keys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create, list and revoke API keys.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a key; prints only the key, once.")
        @Option(help: "The team id.") var team: String
        @Option(name: .customLong("scope"), help: "A scope to grant (repeatable); none means all (*).") var scopes: [String] = []
        @Option(name: .customLong("expires-in"), help: "Lifetime such as 90m, 12h, 30d.") var expiresIn: String?
        @Option(help: "A name to recognise the key by.") var name = "cli"

        func run() async throws {
            var granted = Set<Scope>()
            for raw in scopes {
                guard let scope = Scope(raw) else {
                    throw fail(
                        "unknown scope \(raw.count <= 40 ? raw : "(too long)"); known: \(Scope.vocabulary.sorted().joined(separator: " "))")
                }
                granted.insert(scope)
            }
            var expiresAt: Date?
            if let expiresIn {
                guard let seconds = Self.seconds(expiresIn) else { throw fail("--expires-in must look like 90m, 12h or 30d") }
                expiresAt = Date().addingTimeInterval(seconds)
            }
            let environment = try Environment()
            let (team, name, scopes, expiry) = (team, name, granted, expiresAt)
            let secret = try await environment.withDatabase { database -> String? in
                guard try await TeamStore(database: database).find(id: team) != nil else { return nil }
                let (key, secret) = try await KeyStore(database: database).create(
                    teamID: team, name: name, scopes: scopes, expiresAt: expiry)
                try await AuditStore(database: database).record(.byOperator(teamID: team, action: "key.create", targetID: key.id))
                return secret
            }
            guard let secret else { throw fail("no such team") }
            print(secret)
        }

        /// `45s`, `90m`, `12h`, `30d` in seconds.
        static func seconds(_ text: String) -> TimeInterval? {
            guard let unit = text.last, let count = Double(text.dropLast()), count > 0 else { return nil }
            switch unit {
            case "s": return count
            case "m": return count * 60
            case "h": return count * 3600
            case "d": return count * 86400
            default: return nil
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List keys (never their secrets).")
        @Option(help: "Only this team's keys.") var team: String?

        func run() async throws {
            let environment = try Environment()
            let team = team
            let keys = try await environment.withDatabase { try await KeyStore(database: $0).list(teamID: team) }
            let now = Date()
            for key in keys {
                let state = key.revokedAt != nil ? "revoked" : key.isExpired(at: now) ? "expired" : "active"
                print(
                    [
                        key.id, key.teamID, state, key.scopes.stored, key.expiresAt?.iso8601 ?? "-",
                        key.lastUsedAt?.iso8601 ?? "-", key.name,
                    ].joined(separator: "\t"))
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key.")
        @Argument(help: "The key id (key_...).") var keyID: String

        func run() async throws {
            let environment = try Environment()
            let keyID = keyID
            let revoked = try await environment.withDatabase { database -> Bool in
                let keys = KeyStore(database: database)
                guard let key = try await keys.list().first(where: { $0.id == keyID }), try await keys.revoke(id: keyID) else {
                    return false
                }
                try await AuditStore(database: database).record(.byOperator(teamID: key.teamID, action: "key.revoke", targetID: keyID))
                return true
            }
            guard revoked else { throw fail("no such active key") }
            print("Revoked \(keyID).")
        }
    }
}
