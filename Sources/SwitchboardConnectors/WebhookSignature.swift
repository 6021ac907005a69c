import Crypto
import Foundation

/// Standard Webhooks signatures: `whsec_` secrets, and `v1,<base64 HMAC-SHA256>` of
/// `<id>.<timestamp>.<body>` in the `webhook-signature` header.
public enum WebhookSignature {
    /// A new signing secret: `whsec_` and the base64 of 32 random bytes.
    public static func makeSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return "whsec_" + Data(bytes).base64EncodedString()
    }

    /// The `webhook-signature` value for a message; nil when the secret is not a `whsec_` one.
    public static func sign(id: String, timestamp: Int, body: Data, secret: String) -> String? {
        guard secret.hasPrefix("whsec_"), let key = Data(base64Encoded: String(secret.dropFirst(6))) else { return nil }
        var content = Data("\(id).\(timestamp).".utf8)
        content.append(body)
        let mac = HMAC<SHA256>.authenticationCode(for: content, using: SymmetricKey(data: key))
        return "v1," + Data(mac).base64EncodedString()
    }
}
