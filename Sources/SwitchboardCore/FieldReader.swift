/// Reads the fields of one JSON object while collecting every problem, so that a
/// request is answered with all of its mistakes at once (`"path: problem"`).
public struct FieldReader: Sendable {
    public private(set) var problems: [String] = []
    private let fields: [String: JSONValue]
    private let prefix: String
    private var seen: Set<String> = []

    /// A reader for a request body; a body that is not an object is one problem at the root.
    public init(body: JSONValue?, path: String = "") {
        self.prefix = path.isEmpty ? "" : path + "."
        switch body {
        case .object(let fields)?: self.fields = fields
        case nil, .null?: self.fields = [:]
        case let other?:
            self.fields = [:]
            problems.append("\(path.isEmpty ? "body" : path): must be an object, not \(other.typeName)")
        }
    }

    public func path(_ key: String) -> String { prefix + key }

    public mutating func add(_ key: String, _ problem: String) {
        problems.append("\(path(key)): \(problem)")
    }

    /// The raw value of a field, marking it as known.
    public mutating func raw(_ key: String) -> JSONValue? {
        seen.insert(key)
        guard let value = fields[key], value != .null else { return nil }
        return value
    }

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
        if !allowEmpty, text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            add(key, "must not be empty")
            return nil
        }
        if let maxLength, text.count > maxLength {
            add(key, "must be at most \(maxLength) characters")
            return nil
        }
        return text
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
        guard case .number(let number) = value, number == number.rounded(), abs(number) < 1e15 else {
            add(key, "must be an integer")
            return nil
        }
        guard range.contains(Int(number)) else {
            add(key, "must be between \(range.lowerBound) and \(range.upperBound)")
            return nil
        }
        return Int(number)
    }

    /// Refuses every field nobody asked for, then throws if anything was wrong.
    public mutating func finish() throws(ConsoleError) {
        for key in fields.keys.sorted() where !seen.contains(key) {
            add(key, "is not allowed")
        }
        if !problems.isEmpty { throw .validation(problems) }
    }

    /// Adds a nested reader's problems to this one (for objects inside objects).
    public mutating func absorb(_ other: FieldReader) {
        problems.append(contentsOf: other.problems)
    }
}
