import Foundation
import SwitchboardCore
import Yams

/// An API's description (an OpenAPI or Swagger document) as a JSON value, read from
/// JSON or YAML text within limits no document gets past: its size, how deep it
/// nests, how many values it holds once YAML aliases are expanded (a "billion
/// laughs" document expands to far more), and how long one string may be.
/// The largest vendor documents we import hold about 50,000 values, nest 21 deep
/// and have no string over 12 KB.
public enum APIDocument {
    public static let maxBytes = 16 << 20
    public static let maxDepth = 64
    public static let maxValues = 1_000_000
    public static let maxStringBytes = 1 << 20

    /// Reads document text: JSON when it starts with `{`, else YAML. Problems are
    /// validation errors of `field`.
    public static func read(text: String, field: String) throws(ConsoleError) -> JSONValue {
        guard text.utf8.count <= maxBytes else { throw refusal(field, "is larger than 16 MiB") }
        let trimmed = text.drop { $0.isWhitespace }
        var budget = Budget(field: field)
        if trimmed.first == "{" {
            guard let value = JSONValue.parse(upstream: Array(text.utf8)) else { throw refusal(field, "is not valid JSON") }
            try budget.check(value, depth: 0)
            return value
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text, resolver)
        } catch {
            throw refusal(field, "is neither JSON nor valid YAML (\(String(describing: error).prefix(300)))")
        }
        guard let node else { throw refusal(field, "is empty") }
        return try budget.value(of: node, depth: 0)
    }

    /// Checks a document that came as a JSON value against the same limits.
    public static func check(_ value: JSONValue, field: String) throws(ConsoleError) {
        var budget = Budget(field: field)
        try budget.check(value, depth: 0)
    }

    static func refusal(_ field: String, _ problem: String) -> ConsoleError { .validation(["\(field): \(problem)"]) }

    /// YAML 1.2's core schema: `true`/`false` only (not 1.1's `yes`/`no`/`on`/`off`,
    /// which would turn an enum of country codes such as `NO` into booleans); dates stay strings.
    static let resolver: Resolver = {
        // The patterns are constants that compile.
        let bool = try! Resolver.Rule(.bool, "^(?:true|True|TRUE|false|False|FALSE)$")
        return Resolver.basic.appending(bool).appending(.int).appending(.float).appending(.null)
    }()

    /// Counts what a document holds as it is read.
    struct Budget {
        let field: String
        var values = 0

        mutating func take(depth: Int) throws(ConsoleError) {
            values += 1
            if values > APIDocument.maxValues {
                throw refusal(field, "holds more than \(APIDocument.maxValues) values (once YAML aliases are expanded)")
            }
            if depth > APIDocument.maxDepth { throw refusal(field, "nests deeper than \(APIDocument.maxDepth) levels") }
        }

        mutating func string(_ text: String) throws(ConsoleError) -> JSONValue {
            if text.utf8.count > APIDocument.maxStringBytes { throw refusal(field, "holds a string longer than 1 MiB") }
            return .string(text)
        }

        mutating func check(_ value: JSONValue, depth: Int) throws(ConsoleError) {
            try take(depth: depth)
            switch value {
            case .string(let text): _ = try string(text)
            case .array(let items): for item in items { try check(item, depth: depth + 1) }
            case .object(let fields):
                for (key, item) in fields {
                    _ = try string(key)
                    try check(item, depth: depth + 1)
                }
            default: break
            }
        }

        /// A YAML node as JSON: mapping keys as their text, scalars by their resolved tag.
        mutating func value(of node: Node, depth: Int) throws(ConsoleError) -> JSONValue {
            try take(depth: depth)
            switch node {
            case .scalar(let scalar):
                switch APIDocument.resolver.resolveTag(of: node) {
                case .null: return .null
                case .bool: return .bool(node.bool ?? false)
                case .int: return Int(scalar.string).map { .number(JSONNumber($0)) } ?? .number(JSONNumber(node.float ?? 0))
                case .float:
                    guard let value = node.float, value.isFinite else { return try string(scalar.string) }
                    return .number(JSONNumber(value))
                default: return try string(scalar.string)
                }
            case .sequence(let sequence):
                var items: [JSONValue] = []
                for item in sequence { items.append(try value(of: item, depth: depth + 1)) }
                return .array(items)
            case .mapping(let mapping):
                var fields: [String: JSONValue] = [:]
                for (key, item) in mapping {
                    let name: String
                    if case .scalar(let scalar) = key {
                        name = scalar.string
                    } else {
                        throw refusal(field, "has a mapping key that is not text")
                    }
                    _ = try string(name)
                    fields[name] = try value(of: item, depth: depth + 1)
                }
                return .object(fields)
            case .alias:
                throw refusal(field, "has an alias Switchboard cannot follow")
            }
        }
    }
}
