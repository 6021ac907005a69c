import Foundation

/// Reads the fields of one JSON object while collecting every problem, so that a
/// request is answered with all of its mistakes at once (`"path: problem"`).
public struct FieldReader: Sendable {
    public var problems: [String] = []
    private let fields: [String: JSONValue]
    private let prefix: String
    private var seen: Set<String> = []
    /// When the body is not an object, that is the only problem worth naming.
    private var rootRefused = false

    /// A reader for a request body; a body that is not an object is one problem at the root.
    public init(body: JSONValue?, path: String = "") {
        self.prefix = path.isEmpty ? "" : path + "."
        switch body {
        case .object(let fields)?: self.fields = fields
        case nil, .null?: self.fields = [:]
        case let other?:
            self.fields = [:]
            rootRefused = true
            problems.append("\(path.isEmpty ? "body" : path): must be an object, not \(other.typeName)")
        }
    }

    public func path(_ key: String) -> String { prefix + key }

    public mutating func add(_ key: String, _ problem: String) {
        guard !rootRefused else { return }
        problems.append("\(path(key)): \(problem)")
    }

    /// The raw value of a field, marking it as known.
    public mutating func raw(_ key: String) -> JSONValue? {
        seen.insert(key)
        guard let value = fields[key], value != .null else { return nil }
        return value
    }

    /// The raw value of a field without marking it as known.
    public func peek(_ key: String) -> JSONValue? { fields[key] }

    /// Whether the body carried the field at all (an explicit `null` counts).
    public func has(_ key: String) -> Bool { fields[key] != nil }

    public mutating func string(_ key: String, required: Bool = false, maxLength: Int? = nil, allowEmpty: Bool = false) -> String? {
        guard let value = raw(key) else {
            if required { add(key, "is required") }
            return nil
        }
        guard case .string(let text) = value else {
            add(key, "must be a string")
            return nil
        }
        if !allowEmpty, Self.isBlank(text) {
            add(key, "must not be empty")
            return nil
        }
        if let maxLength, text.unicodeScalars.count > maxLength {
            add(key, "must be at most \(maxLength) characters")
            return nil
        }
        return text
    }

    /// Empty, or only white space as the document's `\S` patterns mean it: JSON Schema
    /// patterns are ECMA-262 regular expressions, whose `\s` is the space separators (Zs)
    /// plus tab, the line ends, VT, FF and U+FEFF. (Foundation's `whitespacesAndNewlines`
    /// differs: it holds U+0085 and U+200B.) The checks of the document read it so too.
    public static func isBlank(_ text: String) -> Bool { text.unicodeScalars.allSatisfy(isWhiteSpace) }

    public static func isWhiteSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9...0xD, 0x20, 0x2028, 0x2029, 0xFEFF: true
        case ..<0x80: false
        default: scalar.properties.generalCategory == .spaceSeparator
        }
    }

    public mutating func oneOf(_ key: String, _ allowed: [String], required: Bool = false) -> String? {
        guard let text = string(key, required: required) else { return nil }
        guard allowed.contains(text) else {
            add(key, "must be one of \(allowed.joined(separator: ", "))")
            return nil
        }
        return text
    }

    public mutating func bool(_ key: String, required: Bool = false) -> Bool? {
        guard let value = raw(key) else {
            if required { add(key, "is required") }
            return nil
        }
        guard case .bool(let flag) = value else {
            add(key, "must be a boolean")
            return nil
        }
        return flag
    }

    public mutating func integer(_ key: String, required: Bool = false, in range: ClosedRange<Int>) -> Int? {
        guard let value = raw(key) else {
            if required { add(key, "is required") }
            return nil
        }
        guard case .number(let number) = value, let whole = number.int, abs(whole) < 1_000_000_000_000_000 else {
            add(key, "must be an integer")
            return nil
        }
        guard range.contains(whole) else {
            add(key, "must be between \(range.lowerBound) and \(range.upperBound)")
            return nil
        }
        return whole
    }

    /// Refuses every field nobody asked for, then throws if anything was wrong.
    public mutating func finish() throws(ConsoleError) {
        refuseUnknown()
        if !problems.isEmpty { throw .validation(problems) }
    }

    /// Adds a problem for every field nobody asked for.
    public mutating func refuseUnknown() {
        for key in fields.keys.sorted() where !seen.contains(key) {
            add(key, "is not allowed")
        }
    }

    /// Whether the field was sent as an explicit `null` (to clear it), marking it as known.
    public mutating func isNull(_ key: String) -> Bool {
        seen.insert(key)
        return fields[key] == .null
    }

    /// An e-mail address: one `@`, a dotted domain, no spaces.
    public mutating func email(_ key: String, required: Bool = false) -> String? {
        guard let text = string(key, required: required, maxLength: 254) else { return nil }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            !text.contains(where: { $0.isWhitespace })
        else {
            add(key, "must be an email address")
            return nil
        }
        return text
    }

    /// An absolute `http` or `https` URL, without a user name or password in it.
    public mutating func httpURL(_ key: String, required: Bool = false) -> String? {
        guard let text = string(key, required: required, maxLength: 2048) else { return nil }
        guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), !(url.host ?? "").isEmpty else {
            add(key, "must be an absolute http or https URL")
            return nil
        }
        // A URL is shown back and logged; credentials in it would leave with it.
        guard url.user == nil && url.password == nil else {
            add(key, "must not carry a user name or password")
            return nil
        }
        return text
    }

    /// A list of strings.
    public mutating func strings(_ key: String, maxItems: Int = 100, maxLength: Int = 200) -> [String]? {
        guard let value = raw(key) else { return nil }
        guard case .array(let items) = value, items.count <= maxItems else {
            add(key, "must be an array of at most \(maxItems) strings")
            return nil
        }
        var out: [String] = []
        for (index, item) in items.enumerated() {
            guard case .string(let text) = item, !text.isEmpty, text.unicodeScalars.count <= maxLength else {
                problems.append("\(path(key))[\(index)]: must be a non-empty string of at most \(maxLength) characters")
                continue
            }
            out.append(text)
        }
        return out
    }

    /// A nested object read by `read`, whose problems carry the full path.
    public mutating func object<T>(_ key: String, required: Bool = false, _ read: (inout FieldReader) -> T) -> T? {
        guard let value = raw(key) else {
            if required { add(key, "is required") }
            return nil
        }
        guard case .object = value else {
            add(key, "must be an object")
            return nil
        }
        var child = FieldReader(body: value, path: path(key))
        let result = read(&child)
        child.refuseUnknown()
        absorb(child)
        return result
    }

    /// A list of objects, each read by `read` with the path `key[index]`.
    public mutating func objects<T>(_ key: String, maxItems: Int = 100, _ read: (inout FieldReader) -> T) -> [T]? {
        guard let value = raw(key) else { return nil }
        guard case .array(let items) = value, items.count <= maxItems else {
            add(key, "must be an array of at most \(maxItems) objects")
            return nil
        }
        var out: [T] = []
        for (index, item) in items.enumerated() {
            guard case .object = item else {
                problems.append("\(path(key))[\(index)]: must be an object")
                continue
            }
            var child = FieldReader(body: item, path: "\(path(key))[\(index)]")
            out.append(read(&child))
            child.refuseUnknown()
            absorb(child)
        }
        return out
    }

    /// Adds a nested reader's problems to this one (for objects inside objects).
    public mutating func absorb(_ other: FieldReader) {
        problems.append(contentsOf: other.problems)
    }
}
