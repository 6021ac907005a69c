import Foundation

/// A last line of defence for text that goes to a log: anything shaped like an API
/// key is masked. Secrets are kept out of messages by design; this catches mistakes.
public enum Redaction {
    public static func redact(_ text: String) -> String {
        guard text.contains("sk_") else { return text }
        var out = ""
        var rest = Substring(text)
        while let range = rest.range(of: "sk_") {
            out += rest[..<range.lowerBound]
            let tail = rest[range.upperBound...]
            let secret = tail.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
            out += secret.isEmpty ? "sk_" : "sk_***"
            rest = tail.dropFirst(secret.count)
        }
        return out + rest
    }
}
