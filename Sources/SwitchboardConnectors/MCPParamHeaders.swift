import Foundation
import SwitchboardCore

/// The stateless era's `x-mcp-header`: a tool's input schema may name a header for
/// a top-level or nested string, integer or boolean property, and the client
/// mirrors that argument as `Mcp-Param-<name>` on every call, so the server (or a
/// gateway in front of it) can route without reading the body.
public enum MCPParamHeaders {
    static let key = "x-mcp-header"
    static let types: Set<String> = ["string", "integer", "boolean"]
    /// The schema keywords whose values are schemas; only `properties` keeps a path.
    static let single: Set<String> = [
        "items", "contains", "unevaluatedItems", "additionalProperties", "propertyNames", "unevaluatedProperties", "not", "if",
        "then", "else", "contentSchema",
    ]
    static let lists: Set<String> = ["allOf", "anyOf", "oneOf", "prefixItems"]
    static let maps: Set<String> = ["patternProperties", "dependentSchemas", "$defs", "definitions"]

    /// Why the schema's `x-mcp-header` annotations are unusable (the tool is then
    /// left out, as the specification asks), or nil.
    public static func problem(in schema: JSONValue) -> String? {
        var seen: [String: String] = [:]
        for (path, node) in positions(schema) {
            guard let annotation = node[key] else { continue }
            guard let path, !path.isEmpty else { return "\(key) is only allowed on a property reached through properties alone" }
            let at = path.joined(separator: ".")
            guard case .string(let name) = annotation, !name.isEmpty, name.unicodeScalars.allSatisfy(isTokenCharacter) else {
                return "property \(at): \(key) must be an HTTP header name"
            }
            guard case .string(let type)? = node["type"], types.contains(type) else {
                return "property \(at): \(key) is only allowed on string, integer and boolean properties"
            }
            if let other = seen.updateValue(at, forKey: name.lowercased()) {
                return "property \(at): \(key) \(name) repeats property \(other)'s"
            }
        }
        return nil
    }

    /// The `Mcp-Param-*` headers for a call with `arguments`; an argument that is
    /// absent, null or not a scalar sends none.
    public static func headers(schema: JSONValue, arguments: JSONValue) -> [(String, String)] {
        positions(schema).compactMap { path, node -> (String, String)? in
            guard let path, !path.isEmpty, case .string(let name)? = node[key] else { return nil }
            var value: JSONValue? = arguments
            for step in path {
                guard case .object(let fields)? = value else { return nil }
                value = fields[step]
            }
            let text: String
            switch value {
            case .string(let string)?: text = string
            case .bool(let flag)?: text = flag ? "true" : "false"
            case .number(let number)?: text = number.description
            default: return nil
            }
            return ("Mcp-Param-\(name)", encode(text))
        }
    }

    /// A value as a header carries it: visible ASCII without edge spaces as it is,
    /// anything else as `=?base64?…?=`.
    public static func encode(_ value: String) -> String {
        let plain =
            value.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) } && value == value.trimmingCharacters(in: .whitespaces)
            && !(value.hasPrefix("=?base64?") && value.hasSuffix("?="))
        return plain ? value : "=?base64?\(Data(value.utf8).base64EncodedString())?="
    }

    /// Every schema position with the chain of `properties` keys that reaches it
    /// (nil once another keyword was crossed).
    static func positions(_ root: JSONValue) -> [(path: [String]?, node: [String: JSONValue])] {
        var found: [(path: [String]?, node: [String: JSONValue])] = []
        var stack: [([String]?, JSONValue)] = [([], root)]
        while let (path, value) = stack.popLast() {
            guard case .object(let node) = value else { continue }
            found.append((path, node))
            for (keyword, sub) in node {
                if keyword == "properties", case .object(let properties) = sub {
                    for (name, schema) in properties { stack.append((path.map { $0 + [name] }, schema)) }
                } else if single.contains(keyword) {
                    stack.append((nil, sub))
                } else if lists.contains(keyword), case .array(let items) = sub {
                    stack += items.map { (nil, $0) }
                } else if maps.contains(keyword), case .object(let schemas) = sub {
                    stack += schemas.values.map { (nil, $0) }
                }
            }
        }
        return found
    }

    static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "!#$%&'*+-.^_`|~".unicodeScalars.contains(scalar))
    }
}
