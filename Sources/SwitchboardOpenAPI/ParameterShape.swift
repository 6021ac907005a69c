import Foundation
import SwitchboardCore

/// How a parameter's JSON Schema becomes a custom tool's parameter: the flat fields
/// (`type`, `enum`, `format`, `pattern`, `minimum`, `maximum`, `default`, `items`)
/// when they say all of it, else the whole schema as `schema`.
enum ParameterShape {
    static let scalars = ["string", "number", "integer", "boolean"]
    /// What a schema may hold and still be said in flat fields.
    static let flatWords: Set<String> = [
        "type", "format", "enum", "pattern", "minimum", "maximum", "default", "description", "title", "readOnly", "items",
    ]

    /// The one type a schema has (`["string", "null"]` is a string); nil when it has several or none to tell.
    static func type(of fields: [String: JSONValue]) -> String? {
        switch fields["type"] {
        case .string(let type)?: return type
        case .array(let types)?:
            let named = types.filter { $0 != .string("null") }
            if named.count == 1, case .string(let type) = named[0] { return type }
            return nil
        default:
            if fields["properties"] != nil { return "object" }
            if fields["items"] != nil { return "array" }
            if case .array(let values)? = fields["enum"], !values.isEmpty,
                values.allSatisfy({ if case .string = $0 { true } else { $0 == .null } })
            {
                return "string"
            }
            return nil
        }
    }

    /// The flat fields of a scalar or a list of scalars; nil for anything else.
    static func flat(_ schema: JSONValue) -> [String: JSONValue]? {
        guard case .object(let fields) = schema, let type = type(of: fields), fields.keys.allSatisfy(flatWords.contains) else {
            return nil
        }
        if type == "array" {
            guard let items = fields["items"].flatMap(flat), let itemType = items["type"], itemType != .string("array") else { return nil }
            return ["type": .string("array"), "items": .object(items.filter { $0.key != "description" })]
        }
        guard scalars.contains(type), fields["items"] == nil else { return nil }
        var out: [String: JSONValue] = ["type": .string(type)]
        if case .array(let values)? = fields["enum"] {
            let kept = values.filter { $0 != .null }
            if !kept.isEmpty, kept.count <= 100, kept.allSatisfy({ matches($0, type) }) { out["enum"] = .array(kept) }
        }
        if type == "string", case .string(let format)? = fields["format"], ToolDefinition.formats.contains(format) {
            out["format"] = .string(format)
        }
        if type == "string", case .string(let pattern)? = fields["pattern"], pattern.unicodeScalars.count <= 500,
            (try? NSRegularExpression(pattern: pattern)) != nil
        {
            out["pattern"] = .string(pattern)
        }
        if type == "number" || type == "integer" {
            for key in ["minimum", "maximum"] {
                if case .number? = fields[key] { out[key] = fields[key] }
            }
        }
        if let value = fields["default"], matches(value, type) { out["default"] = value }
        return out
    }

    /// The properties of an object schema and the names it requires; alternatives
    /// (`oneOf`, `anyOf`) that are all objects give all their properties, each
    /// required only when every alternative requires it.
    static func objectProperties(_ schema: JSONValue) -> ([String: JSONValue], Set<String>)? {
        let fields = schema.members
        if case .object(let properties)? = fields["properties"] {
            return (properties, Set(fields["required"]?.arrayItems.compactMap(text) ?? []))
        }
        guard let alternatives = (fields["oneOf"] ?? fields["anyOf"])?.arrayItems, !alternatives.isEmpty else { return nil }
        var properties: [String: JSONValue] = [:]
        var required: Set<String>?
        for alternative in alternatives {
            guard let (more, names) = objectProperties(alternative) else { return nil }
            properties.merge(more) { first, _ in first }
            required = required.map { $0.intersection(names) } ?? names
        }
        return (properties, required ?? [])
    }

    static func matches(_ value: JSONValue, _ type: String) -> Bool {
        switch (value, type) {
        case (.string, "string"), (.bool, "boolean"), (.number, "number"): true
        case (.number(let number), "integer"): number.isInteger
        default: false
        }
    }

    static func text(_ value: JSONValue) -> String? {
        if case .string(let text) = value { text } else { nil }
    }

    /// A valid argument name (`^[A-Za-z_][A-Za-z0-9_]{0,63}$` once made unique): a
    /// parameter's own name when it is one, else the nearest that is.
    static func argumentName(_ wanted: String) -> String {
        var name = String(
            wanted.unicodeScalars.map {
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") ? Character($0) : "_"
            })
        if name.isEmpty || name.first!.isNumber { name = "p_" + name }
        return String(name.prefix(60))
    }
}

/// Names unique among those given so far: `name`, else `name_2`, `name_3`...
struct UniqueNames {
    private var taken: Set<String> = []

    mutating func take(_ base: String) -> String {
        var name = base
        var suffix = 2
        while taken.contains(name) {
            name = "\(base)_\(suffix)"
            suffix += 1
        }
        taken.insert(name)
        return name
    }
}
