import Foundation
import SwitchboardCore

/// How the document says things: a parameter's schema, a list's style, a body's
/// media type, each in OpenAPI 3.x's words and Swagger 2.0's.
extension OperationMapper {
    /// A 3.x parameter's schema: `schema`, or the first of its `content`; a string without either.
    static func schema(of parameter: JSONValue) -> JSONValue {
        if let schema = parameter.members["schema"] { return schema }
        return media(of: parameter.members["content"]?.members ?? [:]).schema ?? .object(["type": .string("string")])
    }

    /// A Swagger 2.0 parameter's own type fields as a JSON Schema.
    static func swaggerSchema(_ parameter: JSONValue) -> JSONValue {
        let words = ["type", "format", "items", "enum", "pattern", "minimum", "maximum", "default", "description"]
        var schema = parameter.members.filter { words.contains($0.key) }
        if schema["type"] == .string("file") { schema["type"] = .string("string") }
        return .object(schema)
    }

    /// Whether a list in the query repeats its name (`k=a&k=b`); nil for a style tools do not send.
    static func explode(_ parameter: JSONValue, swagger2: Bool) -> Bool? {
        if swagger2 {
            switch parameter.field("collectionFormat") ?? "csv" {
            case "multi": return true
            case "csv": return false
            default: return nil
            }
        }
        guard (parameter.field("style") ?? "form") == "form" else { return nil }
        return parameter.members["explode"] != .bool(false)
    }

    /// `json` or `form` and the schema of the body a tool can send, preferring JSON; nil when there is neither.
    static func media(of content: [String: JSONValue]) -> (media: String?, schema: JSONValue?) {
        let types = content.keys.sorted()
        func base(_ type: String) -> String {
            type.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        }
        if let json = types.first(where: { base($0) == "application/json" || base($0).hasSuffix("+json") || base($0) == "*/*" }) {
            return ("json", content[json]?.members["schema"])
        }
        if let form = types.first(where: { base($0) == "application/x-www-form-urlencoded" }) {
            return ("form", content[form]?.members["schema"])
        }
        return (nil, nil)
    }

    /// What a Swagger 2.0 operation's `consumes` (or the document's) lets a tool send.
    func swaggerMedia(_ operation: [String: JSONValue], form: Bool) -> String? {
        let consumes = (operation["consumes"] ?? document.members["consumes"])?.arrayItems.compactMap(Self.text) ?? []
        if form {
            return consumes.isEmpty || consumes.contains("application/x-www-form-urlencoded") ? "form" : nil
        }
        return consumes.isEmpty || consumes.contains(where: { $0.hasPrefix("application/json") || $0.hasSuffix("+json") }) ? "json" : nil
    }

    /// MCP hints from the method: GET reads only; DELETE destroys; PUT may be repeated.
    static func hints(_ method: String) -> [String: Bool] {
        switch method {
        case "GET": ["readOnlyHint": true, "openWorldHint": true]
        case "DELETE": ["readOnlyHint": false, "destructiveHint": true, "idempotentHint": true, "openWorldHint": true]
        case "PUT": ["readOnlyHint": false, "destructiveHint": false, "idempotentHint": true, "openWorldHint": true]
        default: ["readOnlyHint": false, "destructiveHint": false, "openWorldHint": true]
        }
    }

    static func text(_ value: JSONValue) -> String? {
        if case .string(let text) = value { text } else { nil }
    }
}
