/// A tool made from an API's own description (one OpenAPI operation): its
/// definition, and where it came from, by which a re-import finds it again.
public struct ImportedTool: Sendable, Equatable {
    public var definition: ToolDefinition
    /// `{"type": "openapi", "operation", "method", "path"}`.
    public var source: JSONValue

    public init(definition: ToolDefinition, source: JSONValue) {
        self.definition = definition
        self.source = source
    }

    /// `METHOD /path`: what names the operation from one version of a document to the next.
    public var key: String { Self.key(of: source) }

    public static func key(of source: JSONValue) -> String {
        "\(source.field("method") ?? "") \(source.field("path") ?? "")"
    }
}

/// What an import or re-import did to an integration's imported tools.
public struct ImportChanges: Sendable, Equatable {
    public var created = 0
    /// Changed tools; an enabled one was disabled to wait for review.
    public var updated = 0
    /// Tools whose operation the document no longer has: deleted.
    public var removed = 0
    public var unchanged = 0

    public init() {}
}
