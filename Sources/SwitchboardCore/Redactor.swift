import Foundation

/// Takes known secrets out of text that is shown or stored, in every form they take
/// on the wire: the raw value, `user:password` and its base64, and their
/// percent-encodings. Applied to everything that comes back from an upstream.
public struct Redactor: Sendable {
    public static let mark = "[redacted]"
    /// Every form to replace, longest first, so a header value goes before the token inside it.
    public let forms: [String]

    public init(secrets: [String]) {
        var forms = Set<String>()
        for secret in secrets where secret.count >= 4 {
            forms.insert(secret)
            if let encoded = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) { forms.insert(encoded) }
        }
        self.forms = forms.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
    }

    public init(auth: AuthSettings?) {
        self.init(secrets: auth?.secretForms ?? [])
    }

    public static let none = Redactor(secrets: [])

    public func redact(_ text: String) -> String {
        forms.reduce(text) { $0.contains($1) ? $0.replacingOccurrences(of: $1, with: Self.mark) : $0 }
    }

    public func redact(_ value: JSONValue) -> JSONValue {
        if forms.isEmpty { return value }
        switch value {
        case .string(let text): return .string(redact(text))
        case .array(let items): return .array(items.map(redact))
        case .object(let fields):
            return .object(Dictionary(fields.map { (redact($0.key), redact($0.value)) }, uniquingKeysWith: { first, _ in first }))
        default: return value
        }
    }
}

extension AuthSettings {
    /// What an upstream could echo of these credentials: each secret value (so an
    /// echoed header keeps its scheme: `Bearer [redacted]`), and for basic auth
    /// `user:password` with its base64, which is what the header carries.
    public var secretForms: [String] {
        var forms = ["token", "password", "api_key", "client_secret"].compactMap { values[$0] }
        if type == "basic", let user = values["username"], let password = values["password"] {
            let pair = "\(user):\(password)"
            let base64 = Data(pair.utf8).base64EncodedString()
            var unpadded = base64
            while unpadded.hasSuffix("=") { unpadded.removeLast() }
            forms += [pair, base64, unpadded]
        }
        return forms
    }
}
