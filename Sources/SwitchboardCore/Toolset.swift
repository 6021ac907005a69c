import Foundation

/// A named subset of an agent's actions with its own MCP URL: the actions of the
/// integrations it names and the actions it names, together; with `readOnly`, only
/// those whose hints say they only read. A disabled action is never in it.
public struct Toolset: Sendable, Equatable {
    public let id: String
    public let teamID: String
    public let agentID: String
    public var name: String
    public var description: String
    public var integrationIDs: [String]
    public var actionIDs: [String]
    public var readOnly: Bool
    public let createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, teamID: String, agentID: String, name: String, description: String, integrationIDs: [String], actionIDs: [String],
        readOnly: Bool, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.teamID = teamID
        self.agentID = agentID
        self.name = name
        self.description = description
        self.integrationIDs = integrationIDs
        self.actionIDs = actionIDs
        self.readOnly = readOnly
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public static let notFound = ConsoleError.notFound("Toolset not found")

    public static func nameTaken(_ name: String) -> ConsoleError {
        .conflict("This agent already has a toolset named \(name)")
    }

    /// Whether the toolset lists `action`.
    public func holds(_ action: Action) -> Bool {
        guard action.isEnabled, integrationIDs.contains(action.integrationID) || actionIDs.contains(action.id) else { return false }
        return !readOnly || action.hints["readOnlyHint"] == true
    }
}

extension Action {
    /// The MCP hints of the tool: those it declares (catalog and imported actions
    /// do), else what its HTTP method says; none for an MCP server's tool.
    public var hints: [String: Bool] {
        if let declared = definition.tool?.annotations, !declared.isEmpty { return declared }
        switch definition.tool?.method {
        case "GET": return ["readOnlyHint": true, "destructiveHint": false]
        case "DELETE": return ["readOnlyHint": false, "destructiveHint": true]
        default: return [:]
        }
    }
}
