import Foundation
import SQLKit
import SwitchboardCore

/// Re-seals every stored secret that is not under the current key. Each row is
/// replaced only if it still holds what was read, so concurrent writers win and
/// their (already current) value stays.
public struct SecretRotation: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Returns how many secrets were re-sealed.
    public func resealAll(with box: SecretBox) async throws -> Int {
        var count = 0
        for (table, key, column) in [
            ("integrations", "id", "sealed_secret"), ("oauth_states", "state_hash", "sealed_verifier"), ("actions", "id", "sealed_auth"),
            ("oauth_clients", "id", "sealed_client"), ("webhook_endpoints", "id", "sealed_secret"),
        ] {
            let rows = try await database.read { db in
                try await db.raw(
                    """
                    SELECT \(unsafeRaw: key) AS owner, \(unsafeRaw: column) AS sealed FROM \(unsafeRaw: table)
                    WHERE \(unsafeRaw: column) IS NOT NULL AND \(unsafeRaw: column) <> ''
                    """
                ).all().map { (try $0.decode(column: "owner", as: String.self), try $0.decode(column: "sealed", as: String.self)) }
            }
            for (owner, sealed) in rows where !box.isCurrent(sealed) {
                let resealed = try box.seal(try box.open(sealed, owner: owner), owner: owner)
                let changed = try await database.write { db in
                    try await db.raw(
                        """
                        UPDATE \(unsafeRaw: table) SET \(unsafeRaw: column) = \(bind: resealed)
                        WHERE \(unsafeRaw: key) = \(bind: owner) AND \(unsafeRaw: column) = \(bind: sealed) RETURNING \(unsafeRaw: key)
                        """
                    ).first() != nil
                }
                if changed { count += 1 }
            }
        }
        return count
    }
}
