import SwitchboardCore

/// Finds the API key in a request's headers, telling the contract's 401 cases apart.
enum Credentials {
    /// The key from `X-Api-Key` or `Authorization: Bearer`; throws the matching 401.
    static func key(authorization: String?, apiKey: String?) throws(ConsoleError) -> String {
        if let apiKey {
            let token = trimmed(apiKey)
            if !token.isEmpty { return try checked(token) }
            if authorization == nil { throw .emptyAPIKey }
        }
        guard let authorization else { throw .missingAPIKey }
        let value = trimmed(authorization)
        if value.isEmpty { throw .emptyAPIKey }
        let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts[0].lowercased() == "bearer" else { throw .invalidAPIKey }
        guard parts.count == 2 else { throw .emptyAPIKey }
        let token = trimmed(parts[1])
        if token.isEmpty { throw .emptyAPIKey }
        return try checked(token)
    }

    /// The text without surrounding spaces and tabs (the blanks a header value can carry).
    static func trimmed<Text: StringProtocol>(_ text: Text) -> String {
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        let bytes = Array(text.utf8)
        guard let first = bytes.firstIndex(where: { !isBlank($0) }), let last = bytes.lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }

    private static func checked(_ token: String) throws(ConsoleError) -> String {
        guard token.hasPrefix("sk_"), token.utf8.count <= 128 else { throw .invalidAPIKey }
        return token
    }
}
