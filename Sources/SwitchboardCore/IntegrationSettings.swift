import Foundation

/// What a kind stores of an integration besides its sealed secrets, and may show:
/// one `Codable` type per kind, its stored keys in snake_case (`base_url`). A field
/// an earlier release may not have written is optional, so every stored row reads.
public protocol IntegrationSettings: Codable, Sendable, Equatable {}

extension IntegrationSettings {
    /// The stored form, as an integration's `config`.
    public var config: [String: JSONValue] {
        guard let data = try? JSONEncoder().encode(self), case .object(let fields)? = JSONValue.parse(upstream: Array(data)) else {
            return [:]
        }
        return fields
    }
}

extension Integration {
    /// Its settings as its kind reads them; nil for a row of another shape, which
    /// callers answer as the server's fault (an internal error).
    public func settings<T: IntegrationSettings>(_ type: T.Type = T.self) -> T? {
        try? JSONDecoder().decode(T.self, from: Data(JSONValue.object(config).jsonText.utf8))
    }
}
