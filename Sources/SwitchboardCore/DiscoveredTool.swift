/// A tool an MCP server offers, as discovery sees it.
public struct DiscoveredTool: Sendable, Equatable {
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

    public init() {}
}
