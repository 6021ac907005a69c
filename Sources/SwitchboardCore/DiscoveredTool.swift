/// A tool as a client sees it: what an MCP server offers, as discovery reads it,
/// and what tool search ranks.
public struct DiscoveredTool: Sendable, Equatable {
    /// How deep an input schema may nest; a deeper one is refused at discovery, so
    /// nothing is stored that the server could not read back.
    public static let maxSchemaDepth = 64

    public let name: String
    public let title: String?
    public let description: String?
    public let inputSchema: JSONValue

    public init(name: String, title: String?, description: String?, inputSchema: JSONValue) {
        self.name = name
        self.title = title
        self.description = description
        self.inputSchema = inputSchema
    }
}

/// What a discovery changed.
public struct DiscoveryResult: Sendable, Equatable {
    public var discovered = 0
    public var created = 0
    public var updated = 0
    public var disabled = 0
    /// Tools left out, each as `name: reason`.
    public var skipped: [String] = []

    public init() {}
}
