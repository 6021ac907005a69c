import Crypto
import Foundation

/// One 256-bit key that encrypts stored secrets.
public struct MasterKey: Sendable {
    /// The raw key bytes (`SymmetricKey` is not `Sendable`, so the bytes are kept).
    private let bytes: [UInt8]
    public var key: SymmetricKey { SymmetricKey(data: bytes) }
    /// Names the key in every ciphertext, so keys can rotate: the first 8 hex digits of its SHA-256.
    public let id: String

    public init(_ key: SymmetricKey) {
        self.bytes = key.withUnsafeBytes { Array($0) }
        self.id = String(Identifier.hex(SHA256.hash(data: bytes)).prefix(8))
    }

    public init?(base64: String) {
        guard let data = Data(base64Encoded: base64.trimmingCharacters(in: .whitespaces)), data.count == 32 else { return nil }
        self.init(SymmetricKey(data: data))
    }

    public static func generate() -> MasterKey { MasterKey(SymmetricKey(size: .bits256)) }

    public var base64: String { Data(bytes).base64EncodedString() }

    /// Where the keys come from: the environment (one key, or several separated by
    /// commas, the first being current) or a key file (one key per line, the first
    /// being current), created with mode 0600 on first start.
    public enum Source: Sendable, Equatable {
        case inline([Data])
        case file(String)
    }
}

/// The keys that can open stored secrets; the first seals new ones.
public struct Keyring: Sendable {
    public let keys: [MasterKey]
    public var current: MasterKey { keys[0] }

    public init(_ keys: [MasterKey]) {
        precondition(!keys.isEmpty, "a keyring needs a key")
        self.keys = keys
    }

    public func key(id: String) -> MasterKey? { keys.first { $0.id == id } }

    /// Loads the keys, creating the key file when it does not exist yet.
    public static func load(_ source: MasterKey.Source) throws -> Keyring {
        switch source {
        case .inline(let keys):
            return Keyring(keys.map { MasterKey(SymmetricKey(data: $0)) })
        case .file(let path):
            if !FileManager.default.fileExists(atPath: path) {
                try write([MasterKey.generate()], to: path)
            }
            let lines = try String(contentsOfFile: path, encoding: .utf8).split(whereSeparator: \.isNewline)
            let keys = lines.compactMap { MasterKey(base64: String($0)) }
            guard !keys.isEmpty, keys.count == lines.filter({ !$0.allSatisfy(\.isWhitespace) }).count else {
                throw KeyringError(description: "the master key file must hold one 32-byte base64 key per line")
            }
            return Keyring(keys)
        }
    }

    /// Puts a new key first in the key file (the old ones stay readable).
    public static func addKey(to path: String) throws -> Keyring {
        let ring = try Keyring(load(.file(path)).keys)
        let next = Keyring([MasterKey.generate()] + ring.keys)
        try write(next.keys, to: path)
        return next
    }

    static func write(_ keys: [MasterKey], to path: String) throws {
        let text = keys.map(\.base64).joined(separator: "\n") + "\n"
        let temporary = path + ".new"
        try? FileManager.default.removeItem(atPath: temporary)
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw KeyringError(description: "the master key file could not be written")
        }
        // rename(2) replaces the file atomically: a reader sees the old keys or the new ones.
        guard rename(temporary, path) == 0 else { throw KeyringError(description: "the master key file could not be replaced") }
    }
}

public struct KeyringError: Error, Sendable, CustomStringConvertible {
    public let description: String
}
