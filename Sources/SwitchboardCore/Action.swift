import Foundation

/// Something an agent can do through one of its integrations: a custom API tool or
/// an MCP server's tool.
public struct Action: Sendable, Equatable {
    public let id: String
    public let teamID: String
    public let agentID: String
    public let integrationID: String
    public let actionName: String
    public var name: String
    public var description: String?
    public var category: String
    public var isEnabled: Bool
    public var requireHumanApproval: Bool
    /// A discovered tool changed since it was enabled: disabled until a person enables it again.
    public var needsReview: Bool
    /// How to run it, decoded when its row was read.
    public var definition: ActionDefinition
    public var inputSchema: JSONValue
    /// A tool's own sealed credentials, overriding the integration's.
    public var sealedAuth: String?
    /// Where a tool made from a document came from (`ImportedTool.source`).
    public var source: JSONValue?
    /// While a changed definition waits for review: the `shape` a person last accepted.
    public var previousShape: JSONValue?
    public let createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, teamID: String, agentID: String, integrationID: String, actionName: String, name: String,
        description: String?, category: String, isEnabled: Bool, requireHumanApproval: Bool, needsReview: Bool = false,
        definition: ActionDefinition, inputSchema: JSONValue, sealedAuth: String?, source: JSONValue? = nil,
        previousShape: JSONValue? = nil, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.teamID = teamID
        self.agentID = agentID
        self.integrationID = integrationID
        self.actionName = actionName
        self.name = name
        self.description = description
        self.category = category
        self.isEnabled = isEnabled
        self.requireHumanApproval = requireHumanApproval
        self.needsReview = needsReview
        self.definition = definition
        self.inputSchema = inputSchema
        self.sealedAuth = sealedAuth
        self.source = source
        self.previousShape = previousShape
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public static let notFound = ConsoleError.notFound("Tool not found")

    /// What a person reviews of a changed tool: its name, description and input
    /// schema, and for an HTTP tool its method and URL template.
    public var shape: JSONValue {
        var fields: [String: JSONValue] = [
            "name": .string(name), "description": .optional(description), "input_schema": inputSchema,
        ]
        if let tool = definition.tool {
            fields["http_method"] = .string(tool.method)
            fields["url_template"] = .string(tool.urlTemplate)
        }
        return .object(fields)
    }

    public var summary: ActionSummary {
        ActionSummary(
            id: id, integrationID: integrationID, actionName: actionName, name: name, description: description,
            category: category, isEnabled: isEnabled, requireHumanApproval: requireHumanApproval, needsReview: needsReview,
            source: source)
    }
}

/// How an action runs: an HTTP request built from a tool definition (a custom API's
/// tool, a connector's catalog action), or a tool of an MCP server by the server's
/// own name. Stored as JSON in the form earlier releases wrote.
public enum ActionDefinition: Sendable, Equatable {
    case http(ToolDefinition)
    case mcp(name: String, title: String?)
    /// A stored form this release does not know: kept as it is, and it does not run.
    case unknown(JSONValue)

    public init(json: JSONValue) {
        if let name = json.field("mcp_name") {
            self = .mcp(name: name, title: json.field("title"))
        } else if let tool = ToolDefinition(json: json) {
            self = .http(tool)
        } else {
            self = .unknown(json)
        }
    }

    /// The stored form.
    public var json: JSONValue {
        switch self {
        case .http(let tool): tool.json
        case .mcp(let name, let title): .object(["mcp_name": .string(name), "title": .optional(title)])
        case .unknown(let json): json
        }
    }

    /// The MCP server's name of the tool.
    public var mcpName: String? {
        if case .mcp(let name, _) = self { name } else { nil }
    }

    public var tool: ToolDefinition? {
        if case .http(let tool) = self { tool } else { nil }
    }
}

/// What lists show of an action: all but how to run it.
public struct ActionSummary: Sendable, Equatable {
    public let id: String
    public let integrationID: String
    public let actionName: String
    public let name: String
    public let description: String?
    public let category: String
    public let isEnabled: Bool
    public let requireHumanApproval: Bool
    public let needsReview: Bool
    public let source: JSONValue?

    public init(
        id: String, integrationID: String, actionName: String, name: String, description: String?, category: String,
        isEnabled: Bool, requireHumanApproval: Bool, needsReview: Bool = false, source: JSONValue? = nil
    ) {
        self.id = id
        self.integrationID = integrationID
        self.actionName = actionName
        self.name = name
        self.description = description
        self.category = category
        self.isEnabled = isEnabled
        self.requireHumanApproval = requireHumanApproval
        self.needsReview = needsReview
        self.source = source
    }
}
