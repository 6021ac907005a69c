import Foundation

/// One run of an action: who asked, with what, what was sent and what came back.
public struct Execution: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case pendingApproval = "pending_approval"
        case running, succeeded, failed, rejected, expired
    }

    /// Who asked: the REST API (`api`) or the agent's MCP gateway (`mcp`).
    public enum Source: String, Sendable {
        case api, mcp
    }

    public let id: String
    public let teamID: String
    public let agentID: String
    public let actionID: String
    public let actionName: String
    public var status: Status
    /// The key that asked for it, and the one that approved or rejected it.
    public let requestedBy: String
    public var decidedBy: String?
    public let arguments: JSONValue
    public var requestLine: String?
    public var upstreamStatus: Int?
    public var output: JSONValue?
    public var message: String?
    public let createdAt: Date
    public var finishedAt: Date?
    public var durationMS: Int?
    public let source: Source

    public init(
        id: String, teamID: String, agentID: String, actionID: String, actionName: String, status: Status,
        requestedBy: String, decidedBy: String? = nil, arguments: JSONValue, requestLine: String? = nil,
        upstreamStatus: Int? = nil, output: JSONValue? = nil, message: String? = nil, createdAt: Date,
        finishedAt: Date? = nil, durationMS: Int? = nil, source: Source = .api
    ) {
        self.source = source
        self.id = id
        self.teamID = teamID
        self.agentID = agentID
        self.actionID = actionID
        self.actionName = actionName
        self.status = status
        self.requestedBy = requestedBy
        self.decidedBy = decidedBy
        self.arguments = arguments
        self.requestLine = requestLine
        self.upstreamStatus = upstreamStatus
        self.output = output
        self.message = message
        self.createdAt = createdAt
        self.finishedAt = finishedAt
        self.durationMS = durationMS
    }

    /// Pending executions not decided within this time expire.
    public static let approvalWindow: TimeInterval = 24 * 3600
    public static let notFound = ConsoleError.notFound("Execution not found")

    /// What a run produced, before it is recorded.
    public struct Outcome: Sendable, Equatable {
        public var succeeded: Bool
        public var output: JSONValue?
        public var message: String?
        public var requestLine: String?
        public var upstreamStatus: Int?

        public init(succeeded: Bool, output: JSONValue?, message: String?, requestLine: String?, upstreamStatus: Int?) {
            self.succeeded = succeeded
            self.output = output
            self.message = message
            self.requestLine = requestLine
            self.upstreamStatus = upstreamStatus
        }
    }
}
