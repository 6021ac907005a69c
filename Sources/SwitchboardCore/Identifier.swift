import Crypto
import Foundation

/// Makes the opaque ids and API keys of the contract: a type prefix and random base62.
public enum Identifier {
    static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    /// A new id such as `agt_` + 24 random base62 characters.
    public static func make(_ prefix: String, length: Int = 24) -> String {
        var generator = SystemRandomNumberGenerator()
        var out = Array(prefix.utf8)
        out.reserveCapacity(out.count + length)
        var produced = 0
        while produced < length {
            // Eight random bytes at a time; a byte from 248 up is skipped so each of
            // the 62 characters is equally likely.
            for byte in withUnsafeBytes(of: generator.next() as UInt64, Array.init) where byte < 248 && produced < length {
                out.append(alphabet[Int(byte % 62)])
                produced += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A new API key: `sk_` + 40 base62 characters (≈ 238 bits).
    public static func makeAPIKey() -> String { make("sk_", length: 40) }

    /// The SHA-256 hex digest stored in place of a key.
    public static func hash(_ secret: String) -> String {
        hex(SHA256.hash(data: Data(secret.utf8)))
    }

    /// A new random UUID (version 4) in lower case, e.g. for request ids.
    public static func uuid() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = withUnsafeBytes(of: (generator.next() as UInt64, generator.next() as UInt64)) { Array($0) }
        bytes[6] = bytes[6] & 0x0f | 0x40
        bytes[8] = bytes[8] & 0x3f | 0x80
        var text = Array(hex(bytes).utf8)
        for offset in [20, 16, 12, 8] { text.insert(UInt8(ascii: "-"), at: offset) }
        return String(decoding: text, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    public static func hex<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
