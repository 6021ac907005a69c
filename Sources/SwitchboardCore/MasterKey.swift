import Crypto
import Foundation

/// The 256-bit key that encrypts stored secrets, from the environment or a key file
/// created with mode 0600 on first start.
public struct MasterKey: Sendable {
    public enum Source: Sendable, Equatable {
        case inline(Data)
        case file(String)
    }

    /// The raw key bytes (`SymmetricKey` is not `Sendable`, so the bytes are kept).
    private let bytes: [UInt8]
    public var key: SymmetricKey { SymmetricKey(data: bytes) }
    /// Names the key in every ciphertext, so keys can rotate: the first 8 hex digits of its SHA-256.
    public let id: String

    public init(_ key: SymmetricKey) {
        self.bytes = key.withUnsafeBytes { Array($0) }
        self.id = String(SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined().prefix(8))
    }

    /// Loads the key, creating the file when it does not exist yet.
    public static func load(_ source: Source) throws -> MasterKey {
        switch source {
        case .inline(let data):
            return MasterKey(SymmetricKey(data: data))
        case .file(let path):
            if FileManager.default.fileExists(atPath: path) {
                let text = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
                guard let data = Data(base64Encoded: text), data.count == 32 else {
                    throw MasterKeyError(description: "the master key file does not hold 32 bytes in base64")
                }
                return MasterKey(SymmetricKey(data: data))
            }
            let key = SymmetricKey(size: .bits256)
            let encoded = key.withUnsafeBytes { Data($0).base64EncodedString() } + "\n"
            guard FileManager.default.createFile(atPath: path, contents: Data(encoded.utf8), attributes: [.posixPermissions: 0o600]) else {
                throw MasterKeyError(description: "the master key file could not be created")
            }
            return MasterKey(key)
        }
    }
}

public struct MasterKeyError: Error, Sendable, CustomStringConvertible {
    public let description: String
}
