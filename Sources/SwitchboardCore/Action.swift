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
    /// How to run it (a custom tool's definition), as JSON.
    public var definition: JSONValue
    public var inputSchema: JSONValue
    /// A tool's own sealed credentials, overriding the integration's.
    public var sealedAuth: String?
    public let createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, teamID: String, agentID: String, integrationID: String, actionName: String, name: String,
        description: String?, category: String, isEnabled: Bool, requireHumanApproval: Bool, needsReview: Bool = false,
        definition: JSONValue, inputSchema: JSONValue, sealedAuth: String?, createdAt: Date, updatedAt: Date
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
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public static let notFound = ConsoleError.notFound("Tool not found")

    public var summary: ActionSummary {
        ActionSummary(
            id: id, integrationID: integrationID, actionName: actionName, name: name, description: description,
            category: category, isEnabled: isEnabled, requireHumanApproval: requireHumanApproval, needsReview: needsReview)
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

    public init(
        id: String, integrationID: String, actionName: String, name: String, description: String?, category: String,
        isEnabled: Bool, requireHumanApproval: Bool, needsReview: Bool = false
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
    }
}
