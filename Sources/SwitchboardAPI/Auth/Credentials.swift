import SwitchboardCore

/// Finds the API key in a request's headers, telling the contract's 401 cases apart.
enum Credentials {
    /// The key from `X-Api-Key` or `Authorization: Bearer`; throws the matching 401.
    static func key(authorization: String?, apiKey: String?) throws(ConsoleError) -> String {
        if let apiKey {
            let token = apiKey.trimmingCharacters(in: .whitespaces)
            if !token.isEmpty { return try checked(token) }
            if authorization == nil { throw .emptyAPIKey }
        }
        guard let authorization else { throw .missingAPIKey }
        let value = authorization.trimmingCharacters(in: .whitespaces)
        if value.isEmpty { throw .emptyAPIKey }
        let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts[0].lowercased() == "bearer" else { throw .invalidAPIKey }
        guard parts.count == 2 else { throw .emptyAPIKey }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        if token.isEmpty { throw .emptyAPIKey }
        return try checked(token)
    }

    private static func checked(_ token: String) throws(ConsoleError) -> String {
        guard token.hasPrefix("sk_"), token.utf8.count <= 128 else { throw .invalidAPIKey }
        return token
    }
}
