import Foundation

/// Checks action arguments against the action's JSON Schema (the subset tools use:
/// `type`, `properties`, `required`, `additionalProperties: false`, `items`, `enum`,
/// `format`, `pattern`, `minimum`, `maximum`),
/// naming every problem with its path.
public enum ArgumentValidator {
    public static func problems(_ value: JSONValue, schema: JSONValue, path: String = "arguments") -> [String] {
        guard case .object(let rules) = schema else { return [] }
        var problems: [String] = []
        if let expected = rules["type"], !matches(value, expected) {
            return ["\(path): must be \(describe(expected))"]
        }
        if case .array(let allowed)? = rules["enum"], !allowed.contains(value) {
            problems.append("\(path): must be one of the allowed values")
        }
        switch value {
        case .string(let text):
            if case .string(let format)? = rules["format"], let shape = formats[format],
                text.range(of: shape, options: .regularExpression) == nil
            {
                problems.append("\(path): must be \(formatNames[format] ?? format)")
            }
            if case .string(let pattern)? = rules["pattern"], text.range(of: pattern, options: .regularExpression) == nil {
                problems.append("\(path): must match \(pattern)")
            }
        case .number(let number):
            if case .number(let minimum)? = rules["minimum"], number.double < minimum.double {
                problems.append("\(path): must be at least \(minimum.text)")
            }
            if case .number(let maximum)? = rules["maximum"], number.double > maximum.double {
                problems.append("\(path): must be at most \(maximum.text)")
            }
        case .object(let fields):
            let properties: [String: JSONValue] = if case .object(let p)? = rules["properties"] { p } else { [:] }
            if case .array(let required)? = rules["required"] {
                for case .string(let name) in required where fields[name] == nil || fields[name] == .null {
                    problems.append("\(path).\(name): is required")
                }
            }
            for (name, item) in fields.sorted(by: { $0.key < $1.key }) {
                if let rule = properties[name] {
                    problems += Self.problems(item, schema: rule, path: "\(path).\(name)")
                } else if rules["additionalProperties"] == .bool(false) {
                    problems.append("\(path).\(name): is not allowed")
                }
            }
        case .array(let items):
            if let rule = rules["items"] {
                for (index, item) in items.enumerated() { problems += Self.problems(item, schema: rule, path: "\(path)[\(index)]") }
            }
        default:
            break
        }
        return problems
    }

    /// The shapes of the checked string formats.
    static let formats = [
        "date-time": #"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$"#, "date": #"^\d{4}-\d{2}-\d{2}$"#,
        "email": #"^[^@\s]+@[^@\s]+\.[^@\s]+$"#, "uri": #"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$"#,
    ]
    static let formatNames = [
        "date-time": "an RFC 3339 date-time such as 2026-01-31T09:00:00Z", "date": "a date such as 2026-01-31",
        "email": "an email address", "uri": "an absolute URI",
    ]

    static func matches(_ value: JSONValue, _ expected: JSONValue) -> Bool {
        switch expected {
        case .string(let type): return matches(value, type)
        case .array(let types): return types.contains { if case .string(let type) = $0 { matches(value, type) } else { false } }
        default: return true
        }
    }

    static func matches(_ value: JSONValue, _ type: String) -> Bool {
        switch (type, value) {
        case ("string", .string), ("boolean", .bool), ("array", .array), ("object", .object), ("null", .null), ("number", .number):
            return true
        case ("integer", .number(let number)):
            return number.isInteger
        default:
            return false
        }
    }

    static func describe(_ expected: JSONValue) -> String {
        switch expected {
        case .string(let type): return ["integer", "object", "array"].contains(type) ? "an \(type)" : "a \(type)"
        case .array(let types):
            return "one of " + types.compactMap { if case .string(let t) = $0 { t } else { nil } }.joined(separator: ", ")
        default: return "valid"
        }
    }
}
