import Foundation

/// A validated custom API configure body.
public struct CustomAPISetup: Sendable, Equatable {
    public let name: String
    public let description: String?
    public let baseURL: String?
    public let auth: AuthSettings
    /// A path under `baseURL` to GET before anything is stored.
    public let testEndpoint: String?

    public init(body: JSONValue?) throws(ConsoleError) {
        var reader = FieldReader(body: body)
        let name = reader.string("name", required: true, maxLength: 100)
        description = reader.string("description", maxLength: 1000, allowEmpty: true)
        baseURL = reader.httpURL("base_url").map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        let auth = AuthSettings.read(&reader)
        testEndpoint = reader.string("test_endpoint", maxLength: 2048)
        if testEndpoint != nil, baseURL == nil, reader.peek("base_url") == nil {
            reader.add("test_endpoint", "needs base_url")
        }
        try reader.finish()
        self.name = name!
        self.auth = auth!
    }

    /// The full URL of the test endpoint.
    public var testURL: String? {
        guard let baseURL, let testEndpoint else { return nil }
        return Self.join(baseURL, testEndpoint)
    }

    /// What may be shown of it.
    public var config: [String: JSONValue] {
        ["name": .string(name), "description": .optional(description), "base_url": .optional(baseURL), "auth_type": .string(auth.type)]
    }

    public static func join(_ base: String, _ path: String) -> String {
        if path.isEmpty { return base }
        return base + (path.hasPrefix("/") || path.hasPrefix("?") ? path : "/" + path)
    }
}

extension JSONValue {
    public static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
}
