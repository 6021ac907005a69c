import Foundation

/// The HTTP request a custom tool makes for some arguments: `{name}` in the URL
/// template takes the (path-encoded) argument, other URL parameters become the
/// query, `{{name}}` in headers and body templates takes the argument's text, and
/// a body value that is exactly `"{{name}}"` takes the typed argument.
public struct ToolRequest: Sendable {
    public let url: String
    public let headers: [(String, String)]
    public let body: Data?

    public init(definition: ToolDefinition, baseURL: String?, arguments: [String: JSONValue]) {
        var path = definition.urlTemplate
        let inPath = Set(ToolDefinition.placeholders(in: path, open: "{", close: "}"))
        for name in inPath {
            path = path.replacingOccurrences(of: "{\(name)}", with: Self.encodeSegment(arguments[name]?.text ?? ""))
        }
        var query: [String] = []
        for parameter in definition.urlParams {
            guard let name = parameter.field("name"), !inPath.contains(name), let value = arguments[name], value != .null else { continue }
            let key = Self.encodeQuery(parameter.field("sent_as") ?? name)
            switch (value, parameter.members["explode"]) {
            case (.array(let items), .bool(true)?): query += items.map { "\(key)=\(Self.encodeQuery($0.text))" }
            case (.array(let items), .bool(false)?):
                query.append("\(key)=\(items.map { Self.encodeQuery($0.text) }.joined(separator: ","))")
            default: query.append("\(key)=\(Self.encodeQuery(value.text))")
            }
        }
        var url = baseURL.map { Self.join($0, path) } ?? path
        if !query.isEmpty { url += (url.contains("?") ? "&" : "?") + query.joined(separator: "&") }
        self.url = url

        var headers = [("Accept", "application/json")]
        for (name, template) in definition.headersTemplate.sorted(by: { $0.key < $1.key }) {
            // A header that is one argument is left out when that argument is.
            let only = ToolDefinition.placeholders(in: template, open: "{{", close: "}}")
            if only.count == 1, template == "{{\(only[0])}}", arguments[only[0]] ?? .null == .null { continue }
            // An argument cannot end the header line and start another.
            let value = Self.fill(template, arguments).unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : String($0) }
                .joined()
            headers.append((name, value))
        }
        var body: JSONValue?
        if let template = definition.bodyTemplate {
            body = Self.fill(template, arguments)
        } else if !definition.bodyParams.isEmpty {
            var fields: [String: JSONValue] = [:]
            for parameter in definition.bodyParams {
                if let name = parameter.field("name"), let value = arguments[name] { fields[parameter.field("sent_as") ?? name] = value }
            }
            body = .object(fields)
        }
        if let body, definition.bodyFormat == "form" {
            headers.append(("Content-Type", "application/x-www-form-urlencoded"))
            self.body = Data(Self.form(body).map { "\(Self.encodeQuery($0))=\(Self.encodeQuery($1))" }.joined(separator: "&").utf8)
        } else if let body {
            headers.append(("Content-Type", "application/json"))
            self.body = Data(body.serialized)
        } else {
            self.body = nil
        }
        self.headers = headers
    }

    static func fill(_ template: String, _ arguments: [String: JSONValue]) -> String {
        ToolDefinition.placeholders(in: template, open: "{{", close: "}}").reduce(template) {
            $0.replacingOccurrences(of: "{{\($1)}}", with: arguments[$1]?.text ?? "")
        }
    }

    static func fill(_ template: JSONValue, _ arguments: [String: JSONValue]) -> JSONValue {
        switch template {
        case .string(let text):
            let names = ToolDefinition.placeholders(in: text, open: "{{", close: "}}")
            if names.count == 1, text == "{{\(names[0])}}" { return arguments[names[0]] ?? .null }
            return .string(fill(text, arguments))
        case .array(let items): return .array(items.map { fill($0, arguments) })
        case .object(let fields): return .object(fields.mapValues { fill($0, arguments) })
        default: return template
        }
    }

    /// A body as form fields, nested values under bracketed keys in order:
    /// `{"line_items": [{"price": "p", "quantity": 2}]}` → `line_items[0][price]=p`,
    /// `line_items[0][quantity]=2`. Nulls are left out.
    static func form(_ value: JSONValue, key: String = "") -> [(String, String)] {
        func under(_ name: String) -> String { key.isEmpty ? name : "\(key)[\(name)]" }
        switch value {
        case .null: return []
        case .object(let fields): return fields.sorted { $0.key < $1.key }.flatMap { form($0.value, key: under($0.key)) }
        case .array(let items): return items.enumerated().flatMap { form($0.element, key: under(String($0.offset))) }
        default: return key.isEmpty ? [] : [(key, value.text)]
        }
    }

    static let segmentAllowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
    static let queryAllowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))

    /// A path parameter as one path segment: `/` is encoded, and `.` and `..`, which
    /// would step out of the tool's path where a server normalises dot segments, are
    /// encoded too (execute refuses them before this; see `problems`).
    static func encodeSegment(_ text: String) -> String {
        if text == "." || text == ".." { return String(repeating: "%2E", count: text.count) }
        return text.addingPercentEncoding(withAllowedCharacters: segmentAllowed) ?? ""
    }

    /// Arguments this request cannot carry as the tool means them: a path parameter
    /// that is a dot segment (`.` or `..`), and in a form body, an object key with `[`
    /// or `]`, which would read as another nesting (`{"a][b": 1}` as `a[a][b]=1`).
    public static func problems(definition: ToolDefinition, arguments: JSONValue) -> [String] {
        guard case .object(let values) = arguments else { return [] }
        var problems: [String] = []
        for name in ToolDefinition.placeholders(in: definition.urlTemplate, open: "{", close: "}").sorted() {
            guard let value = values[name]?.text, value == "." || value == ".." else { continue }
            problems.append("arguments.\(name): must not be . or .., which would leave the tool's path")
        }
        guard definition.bodyFormat == "form" else { return problems }
        var inBody = Set(ToolDefinition.placeholders(in: definition.bodyTemplate?.jsonText ?? "", open: "{{", close: "}}"))
        inBody.formUnion(definition.bodyParams.compactMap { $0.field("name") })
        for name in inBody.sorted() {
            if let value = values[name] { bracketedKeys(value, path: "arguments.\(name)", into: &problems) }
        }
        return problems
    }

    private static func bracketedKeys(_ value: JSONValue, path: String, into problems: inout [String]) {
        switch value {
        case .object(let fields):
            for (key, field) in fields.sorted(by: { $0.key < $1.key }) {
                if key.contains("[") || key.contains("]") {
                    problems.append(
                        "\(path): the key \(JSONValue.string(String(key.prefix(100))).jsonText) holds [ or ], which a form body cannot send"
                    )
                } else {
                    bracketedKeys(field, path: "\(path).\(key)", into: &problems)
                }
            }
        case .array(let items):
            for (index, item) in items.enumerated() { bracketedKeys(item, path: "\(path)[\(index)]", into: &problems) }
        default: break
        }
    }

    public static func encodeQuery(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: queryAllowed) ?? "" }

    /// `path` below `base` (`https://api.example.com/v1` + `/orders`).
    public static func join(_ base: String, _ path: String) -> String {
        if path.isEmpty { return base }
        return base + (path.hasPrefix("/") || path.hasPrefix("?") ? path : "/" + path)
    }
}

extension JSONValue {
    /// The value as text: strings as they are, everything else as JSON.
    public var text: String {
        switch self {
        case .string(let text): return text
        case .null: return ""
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number): return number.text
        default: return jsonText
        }
    }

    /// The value at a mapping path such as `data.items[0].id`.
    public func value(at path: String) -> JSONValue? {
        var current: JSONValue? = self
        for token in path.replacingOccurrences(of: "[", with: ".[").split(separator: ".") {
            if token.hasPrefix("[") {
                guard case .array(let items)? = current, let index = Int(token.dropFirst().dropLast()), items.indices.contains(index) else {
                    return nil
                }
                current = items[index]
            } else {
                guard case .object(let fields)? = current else { return nil }
                current = fields[String(token)]
            }
        }
        return current
    }
}
