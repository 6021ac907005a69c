/// A JSON number. Integers keep the digits they were written with, whatever their
/// size, so `9007199254740993` reaches an upstream and a record unchanged; other
/// numbers are held as their `Double` value.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    /// The number as JSON text: an integer's own digits, or a double's shortest form
    /// (written as an integer when it is whole and exact).
    public let text: String

    public init(_ value: Int) { text = String(value) }

    public init(_ value: Double) {
        text = value == value.rounded() && abs(value) < 9e15 ? String(Int64(value)) : "\(value)"
    }

    private init(text: String) { self.text = text }

    public init(integerLiteral value: Int) { self.init(value) }
    public init(floatLiteral value: Double) { self.init(value) }

    /// A number from JSON text that the reader has already checked against the grammar;
    /// nil when it is not finite.
    init?(literal: String) {
        if literal.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            guard let value = Double(literal), value.isFinite else { return nil }
            self.init(value)
        } else {
            self.init(text: literal == "-0" ? "0" : literal)
        }
    }

    public var double: Double { Double(text) ?? .nan }

    /// Whether the value is whole (`3`, `3.0` and `3e0` all are).
    public var isInteger: Bool {
        if !text.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") }) { return true }
        let value = double
        return value.isFinite && value == value.rounded()
    }

    /// The value as an `Int` when it is whole and fits.
    public var int: Int? {
        if let exact = Int(text) { return exact }
        let value = double
        return isInteger && abs(value) < 9e15 ? Int(value) : nil
    }

    public var description: String { text }
}
