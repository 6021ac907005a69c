import Foundation
import SwitchboardCore

/// Turns a schema of a document into one self-contained JSON Schema for a tool's
/// input: local `$ref`s are replaced by what they point at, `allOf` members that
/// are objects are merged into one, and what a tool's caller cannot use (examples,
/// `x-` extensions, read-only properties) is left out. A schema that refers to
/// itself is cut where it would repeat, and every schema is cut at `maxDepth`
/// levels and `maxValues` values, so a tool's schema stays small enough to send to
/// a model on every turn, whatever the document.
struct SchemaInliner {
    /// How many levels of nested objects and arrays a tool's argument keeps.
    static let maxDepth = 8
    /// How many values one tool's schemas may hold in all.
    static let maxValues = 5_000
    /// The longest description kept on a nested schema.
    static let maxDescription = 1000

    /// The JSON Schema keywords a tool's input keeps.
    static let kept: Set<String> = [
        "type", "format", "enum", "const", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
        "minLength", "maxLength", "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties", "required", "properties",
        "additionalProperties", "items", "oneOf", "anyOf", "allOf", "not", "description", "title", "default",
    ]

    /// A reference that cannot be followed: to another file or URL, to nothing, or
    /// through other references back to itself.
    enum Unfollowable: Error {
        case external(String)
        case missing(String)
        case loop(String)
    }

    let document: JSONValue
    var budget = maxValues
    /// Whether anything was cut for size or depth.
    var cut = false

    init(document: JSONValue) { self.document = document }

    /// The value a local reference (`#/components/schemas/Pet`) points at.
    static func resolve(_ reference: String, in document: JSONValue) throws(Unfollowable) -> JSONValue {
        guard reference.hasPrefix("#") else { throw .external(reference) }
        var current = document
        for token in reference.dropFirst().split(separator: "/", omittingEmptySubsequences: true) {
            let key = (String(token).removingPercentEncoding ?? String(token))
                .replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            switch current {
            case .object(let fields):
                guard let next = fields[key] else { throw .missing(reference) }
                current = next
            case .array(let items):
                guard let index = Int(key), items.indices.contains(index) else { throw .missing(reference) }
                current = items[index]
            default:
                throw .missing(reference)
            }
        }
        return current
    }

    /// Follows `$ref`s until a value that is not one; a chain that comes back to
    /// itself is refused, since nothing can be read from it.
    static func follow(_ value: JSONValue, in document: JSONValue) throws(Unfollowable) -> JSONValue {
        var current = value
        var seen: Set<String> = []
        while case .object(let fields) = current, case .string(let reference)? = fields["$ref"] {
            guard seen.insert(reference).inserted else { throw .loop(reference) }
            current = try resolve(reference, in: document)
        }
        return current
    }

    mutating func inline(_ schema: JSONValue) throws(Unfollowable) -> JSONValue {
        try inline(schema, level: 0, expanding: [])
    }

    private mutating func inline(_ schema: JSONValue, level: Int, expanding: [String]) throws(Unfollowable) -> JSONValue {
        guard case .object(var fields) = schema else { return schema }
        if case .string(let reference)? = fields["$ref"] {
            let name = reference.split(separator: "/").last.map(String.init) ?? reference
            if expanding.contains(reference) {
                cut = true
                return .object(["description": .string("A \(name) (it contains itself; not described again here).")])
            }
            guard case .object(let target) = try Self.resolve(reference, in: document) else { return .object([:]) }
            // Words beside a reference (OpenAPI 3.1) say more than the target's own.
            fields.removeValue(forKey: "$ref")
            return try inline(.object(target.merging(fields) { $1 }), level: level, expanding: expanding + [reference])
        }
        budget -= fields.count + 1
        guard budget > 0, level <= Self.maxDepth else {
            cut = true
            return .object(["description": .string("(Not described: the schema is larger than a tool's input keeps.)")])
        }
        var out: [String: JSONValue] = [:]
        var readOnly: Set<String> = []
        for (key, value) in fields where Self.kept.contains(key) {
            switch key {
            case "properties":
                guard case .object(let properties) = value else { continue }
                var kept: [String: JSONValue] = [:]
                for (name, property) in properties {
                    let inlined = try inline(property, level: level + 1, expanding: expanding)
                    if case .object(let shape) = inlined, shape["readOnly"] == .bool(true) {
                        readOnly.insert(name)
                        continue
                    }
                    kept[name] = inlined
                }
                out[key] = .object(kept)
            case "items", "additionalProperties", "not":
                out[key] = try inline(value, level: level + 1, expanding: expanding)
            case "oneOf", "anyOf", "allOf":
                guard case .array(let members) = value else { continue }
                var inlined: [JSONValue] = []
                for member in members { inlined.append(try inline(member, level: level + 1, expanding: expanding)) }
                out[key] = .array(inlined)
            case "description":
                if case .string(let text) = value { out[key] = .string(Self.cut(text, to: Self.maxDescription)) }
            default:
                out[key] = value
            }
        }
        // A read-only property is the server's to set: a caller is not asked for it.
        if !readOnly.isEmpty, case .array(let required)? = out["required"] {
            out["required"] = .array(required.filter { if case .string(let name) = $0 { !readOnly.contains(name) } else { true } })
        }
        // OpenAPI 3.0's `nullable: true` is JSON Schema's `null` among the types.
        if fields["nullable"] == .bool(true), case .string(let type)? = out["type"] {
            out["type"] = .array([.string(type), .string("null")])
        }
        if fields["readOnly"] == .bool(true) { out["readOnly"] = .bool(true) }
        return Self.mergeAllOf(out)
    }

    /// `allOf` of objects as one object: their properties and required names together.
    static func mergeAllOf(_ schema: [String: JSONValue]) -> JSONValue {
        guard case .array(let members)? = schema["allOf"] else { return .object(schema) }
        var merged = schema
        merged.removeValue(forKey: "allOf")
        var properties: [String: JSONValue] = if case .object(let own)? = schema["properties"] { own } else { [:] }
        var required: [JSONValue] = if case .array(let own)? = schema["required"] { own } else { [] }
        for member in members {
            guard case .object(let fields) = member, isObject(fields), fields["oneOf"] == nil, fields["anyOf"] == nil else {
                return .object(schema)
            }
            if case .object(let more)? = fields["properties"] { properties.merge(more) { $1 } }
            if case .array(let names)? = fields["required"] { required += names.filter { !required.contains($0) } }
            for (key, value) in fields where merged[key] == nil && !["properties", "required", "type"].contains(key) { merged[key] = value }
        }
        merged["type"] = .string("object")
        merged["properties"] = .object(properties)
        if !required.isEmpty { merged["required"] = .array(required) }
        return .object(merged)
    }

    /// Whether a schema describes an object (by its type, or by having properties).
    static func isObject(_ fields: [String: JSONValue]) -> Bool {
        switch fields["type"] {
        case .string("object")?: true
        case .array(let types)?: types.contains(.string("object"))
        case nil: fields["properties"] != nil || fields.keys.allSatisfy(objectWords.contains)
        default: false
        }
    }

    /// What an object's schema may hold without saying `type: object`.
    static let objectWords: Set<String> = ["description", "title", "required", "properties", "additionalProperties", "readOnly"]

    static func cut(_ text: String, to length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }
}
