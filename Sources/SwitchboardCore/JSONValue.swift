import Foundation

/// Any JSON value, kept as parsed so that validation can see every field,
/// including the ones a request should not have sent.
public enum JSONValue: Sendable, Equatable, Codable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Parses a request body; throws `ConsoleError.malformedJSON` on anything that is not JSON.
    public static func parse(_ bytes: [UInt8]) throws(ConsoleError) -> JSONValue {
        do {
            return try JSONCodec.parse(bytes)
        } catch {
            throw .malformedJSON
        }
    }

    /// Parses stored JSON text.
    public static func parse(text: String) throws -> JSONValue {
        try JSONCodec.parse(Array(text.utf8))
    }

    /// How deep an answer from outside may nest; what is kept of it must still fit `storedDepth`.
    public static let upstreamDepth = 512
    /// How deep a stored value may nest to be read back.
    public static let storedDepth = JSONCodec.maxDepth

    /// Parses an answer from outside (an upstream API, an MCP server), or nil when it is not JSON.
    public static func parse(upstream bytes: some Collection<UInt8>) -> JSONValue? {
        try? JSONCodec.parse(Array(bytes), maxDepth: upstreamDepth)
    }

    /// How deeply the value nests (a scalar is 0, `[1]` is 1).
    public var depth: Int {
        switch self {
        case .array(let items): 1 + (items.map(\.depth).max() ?? 0)
        case .object(let fields): 1 + (fields.values.map(\.depth).max() ?? 0)
        default: 0
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .number(JSONNumber(Int(value)))
        } else if let value = try? container.decode(UInt64.self) {
            self = .number(JSONNumber(literal: String(value))!)
        } else if let value = try? container.decode(Double.self) {
            self = .number(JSONNumber(value))
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value):
            if let exact = Int64(value.text) {
                try container.encode(exact)
            } else if let exact = UInt64(value.text) {
                try container.encode(exact)
            } else {
                try container.encode(value.double)
            }
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The JSON type name used in validation messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

extension JSONValue {
    /// A whole number.
    public static func int(_ value: Int) -> JSONValue { .number(JSONNumber(value)) }

    /// A string, or null for nil.
    public static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }

    /// The text of a string value.
    public var stringValue: String? { if case .string(let text) = self { text } else { nil } }
}
