import Crypto
import Foundation

/// Makes the opaque ids and API keys of the contract: a type prefix and random base62.
public enum Identifier {
    static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

    /// A new id such as `agt_` + 24 random base62 characters.
    public static func make(_ prefix: String, length: Int = 24) -> String {
        var generator = SystemRandomNumberGenerator()
        var out = prefix
        out.reserveCapacity(prefix.count + length)
        for _ in 0..<length {
            // 62 does not divide 2^64 evenly; `random(in:)` removes the bias.
            out.append(alphabet[Int.random(in: 0..<62, using: &generator)])
        }
        return out
    }

    /// A new API key: `sk_` + 40 base62 characters (≈ 238 bits).
    public static func makeAPIKey() -> String { make("sk_", length: 40) }

    /// The SHA-256 hex digest stored in place of a key.
    public static func hash(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
