import Foundation

/// How a custom API or MCP server is authenticated, validated from `auth_type` and
/// `auth_config`. The values are secrets: they are sealed, never shown.
public struct AuthSettings: Sendable, Equatable {
    public static let types = ["none", "bearer", "basic", "api_key", "custom"]
    /// An MCP server may also require the MCP authorization flow (`oauth`), optionally
    /// with a pre-registered client.
    public static let mcpTypes = types + ["oauth"]

    public var type: String
    public var values: [String: String]

    public init(type: String = "none", values: [String: String] = [:]) {
        self.type = type
        self.values = values
    }

    /// The text that is sealed: `{"type": ..., "values": {...}}`.
    public var sealedText: String {
        JSONValue.object(["type": .string(type), "values": .object(values.mapValues(JSONValue.string))]).jsonText
    }

    /// Reads opened `sealedText` back.
    public init(sealedText: String) throws(ConsoleError) {
        guard let json = try? JSONValue.parse(text: sealedText), case .object(let fields) = json, let type = json.field("type") else {
            throw ConsoleError.internalError
        }
        let values: [String: String] =
            if case .object(let map)? = fields["values"] {
                map.compactMapValues { if case .string(let text) = $0 { text } else { nil } }
            } else { [:] }
        self.init(type: type, values: values)
    }

    /// Reads `auth_type` (default `none`) and the `auth_config` that must fit it.
    /// Where `query` allows, an `api_key` may be sent as the query parameter
    /// `query_name` instead of a header (an HTTP API's choice; MCP servers take headers).
    public static func read(
        _ reader: inout FieldReader, typeKey: String = "auth_type", configKey: String = "auth_config", types: [String] = types,
        query: Bool = false
    ) -> AuthSettings? {
        let type = reader.oneOf(typeKey, types) ?? (reader.has(typeKey) ? nil : "none")
        guard let type else {
            _ = reader.raw(configKey)
            return nil
        }
        let expected: [(String, Bool)] =
            switch type {
            case "bearer": [("token", true)]
            case "basic": [("username", true), ("password", true)]
            case "api_key": [("api_key", true), ("header_name", false)] + (query ? [("query_name", false)] : [])
            case "custom": [("header_name", true), ("token", true)]
            case "oauth": [("client_id", false), ("client_secret", false), ("scopes", false)]
            default: []
            }
        guard let config = reader.raw(configKey) else {
            for (field, required) in expected where required {
                reader.problems.append("\(reader.path(configKey)).\(field): is required when \(typeKey) is \(type)")
            }
            return expected.contains(where: \.1) ? nil : AuthSettings(type: type)
        }
        guard case .object(let fields) = config else {
            reader.add(configKey, "must be an object")
            return nil
        }
        if expected.isEmpty {
            reader.add(configKey, "is not allowed when \(typeKey) is \(type)")
            return nil
        }
        var values: [String: String] = [:]
        let before = reader.problems.count
        for (field, required) in expected {
            switch fields[field] {
            case .string(let text)? where !text.isEmpty && text.unicodeScalars.count <= 4096:
                values[field] = text
            case nil, .null?:
                if required { reader.problems.append("\(reader.path(configKey)).\(field): is required when \(typeKey) is \(type)") }
            default:
                reader.problems.append("\(reader.path(configKey)).\(field): must be a non-empty string of at most 4096 characters")
            }
        }
        for field in fields.keys.sorted() where !expected.contains(where: { $0.0 == field }) {
            reader.problems.append("\(reader.path(configKey)).\(field): is not allowed when \(typeKey) is \(type)")
        }
        if let header = values["header_name"] {
            if !HeaderName.isValid(header) {
                reader.problems.append("\(reader.path(configKey)).header_name: must be a valid HTTP header name")
            } else if HeaderName.reserved.contains(header.lowercased()) {
                reader.problems.append("\(reader.path(configKey)).header_name: \(header) cannot be set")
            }
        }
        if values["client_secret"] != nil && values["client_id"] == nil {
            reader.problems.append("\(reader.path(configKey)).client_secret: is only allowed with client_id")
        }
        if let name = values["query_name"] {
            if values["header_name"] != nil {
                reader.problems.append("\(reader.path(configKey)).query_name: give header_name or query_name, not both")
            } else if name.unicodeScalars.count > 256 || !name.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) {
                reader.problems.append("\(reader.path(configKey)).query_name: must be at most 256 visible ASCII characters")
            }
        }
        if type == "api_key", values["header_name"] == nil, values["query_name"] == nil { values["header_name"] = "X-API-Key" }
        return reader.problems.count == before ? AuthSettings(type: type, values: values) : nil
    }

    /// The query parameter this authentication adds to a request's URL, if any.
    public var query: (name: String, value: String)? {
        type == "api_key" ? values["query_name"].flatMap { name in values["api_key"].map { (name, $0) } } : nil
    }

    /// The URL with the query credential, if any, appended.
    public func adding(to url: String) -> String {
        guard let (name, value) = query else { return url }
        return url + (url.contains("?") ? "&" : "?") + ToolRequest.encodeQuery(name) + "=" + ToolRequest.encodeQuery(value)
    }

    /// The header this authentication adds to a request, if any.
    public var header: (name: String, value: String)? {
        switch type {
        case "bearer": values["token"].map { ("Authorization", "Bearer \($0)") }
        case "basic":
            values["username"].flatMap { user in
                values["password"].map { ("Authorization", "Basic " + Data("\(user):\($0)".utf8).base64EncodedString()) }
            }
        case "api_key" where values["query_name"] == nil: values["api_key"].map { (values["header_name"] ?? "X-API-Key", $0) }
        case "custom": values["header_name"].flatMap { name in values["token"].map { (name, $0) } }
        default: nil
        }
    }
}

/// HTTP header names (RFC 9110 tokens).
public enum HeaderName {
    /// Headers only the server sets: hop-by-hop and framing headers, with which a
    /// request could be split or smuggled, and proxy credentials.
    public static let reserved: Set<String> = [
        "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection", "te", "trailer",
        "transfer-encoding", "upgrade", "host", "content-length", "expect", "http2-settings",
    ]

    static let allowed = Set("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

    public static func isValid(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 128 && name.allSatisfy(allowed.contains)
    }
}
