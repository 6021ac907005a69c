import Crypto
import Foundation
import Synchronization

/// Seals and opens stored secrets with AES-256-GCM. A sealed value is
/// `v1.<key id>.<base64 of nonce, ciphertext and tag>` and is bound to its owner
/// (e.g. the integration id), so a ciphertext moved to another row does not open.
/// When a value names a key this process does not know, the keys are read again
/// from their source, so a rotation needs no restart.
public final class SecretBox: Sendable {
    private let source: MasterKey.Source
    private let ring: Mutex<Keyring>

    public init(source: MasterKey.Source) throws {
        self.source = source
        self.ring = Mutex(try Keyring.load(source))
    }

    public init(keyring: Keyring) {
        self.source = .inline([])
        self.ring = Mutex(keyring)
    }

    public var currentKeyID: String { ring.withLock { $0.current.id } }

    public func seal(_ plaintext: String, owner: String) throws -> String {
        let key = ring.withLock { $0.current }
        let box = try AES.GCM.seal(Data(plaintext.utf8), using: key.key, authenticating: Data(owner.utf8))
        guard let combined = box.combined else { throw SecretBoxError.cannotSeal }
        return "v1.\(key.id).\(combined.base64EncodedString())"
    }

    public func open(_ sealed: String, owner: String) throws -> String {
        let parts = sealed.split(separator: ".", maxSplits: 2)
        guard parts.count == 3, parts[0] == "v1", let data = Data(base64Encoded: String(parts[2])) else { throw SecretBoxError.malformed }
        let id = String(parts[1])
        guard let key = try key(id: id) else { throw SecretBoxError.unknownKey }
        do {
            let plaintext = try AES.GCM.open(try AES.GCM.SealedBox(combined: data), using: key.key, authenticating: Data(owner.utf8))
            return String(decoding: plaintext, as: UTF8.self)
        } catch {
            throw SecretBoxError.cannotOpen
        }
    }

    /// Whether `sealed` was sealed with the current key.
    public func isCurrent(_ sealed: String) -> Bool {
        sealed.hasPrefix("v1.\(currentKeyID).")
    }

    private func key(id: String) throws -> MasterKey? {
        if let key = ring.withLock({ $0.key(id: id) }) { return key }
        guard case .file = source else { return nil }
        let fresh = try Keyring.load(source)
        ring.withLock { $0 = fresh }
        return fresh.key(id: id)
    }
}

public enum SecretBoxError: Error, Sendable, CustomStringConvertible {
    case cannotSeal, malformed, unknownKey, cannotOpen

    public var description: String {
        switch self {
        case .cannotSeal: "the secret could not be sealed"
        case .malformed: "a stored secret is malformed"
        case .unknownKey: "a stored secret was sealed with a key this server does not have"
        case .cannotOpen: "a stored secret could not be opened (wrong key or altered data)"
        }
    }
}
