import ArgumentParser
import Foundation
import SwitchboardAPI
import SwitchboardCore
import SwitchboardStore

struct Secrets: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the master key that encrypts stored secrets.",
        subcommands: [Rotate.self])

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-encrypt every stored secret under a new current key.",
            discussion: """
                With a key file, a new key is added at the top of the file (older keys stay, so running \
                servers keep reading; they pick the new key up by themselves) and every secret is \
                re-encrypted under it. With SWITCHBOARD_MASTER_KEY, put the new key first in a comma-separated \
                list on every server, then run this to re-encrypt under it; drop the old key afterwards.
                """)

        func run() async throws {
            let environment = try Environment()
            let source = environment.config.masterKey
            if case .file(let path) = source {
                _ = try Keyring.addKey(to: path)
            }
            let box = try SecretBox(source: source)
            let count = try await environment.withDatabase { try await SecretRotation(database: $0).resealAll(with: box) }
            print("Re-encrypted \(count) secret\(count == 1 ? "" : "s") under key \(box.currentKeyID).")
        }
    }
}
