/// Checks action arguments against the action's JSON Schema (the subset tools use:
/// `type`, `properties`, `required`, `additionalProperties: false`, `items`, `enum`),
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
