import Foundation

/// An AI agent of a team; integrations hang on it.
public struct Agent: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable { case development, live, paused }
    public static let personas = ["professional", "friendly", "concise"]

    public let id: String
    public let teamID: String
    public var workflowID: String?
    public var name: String
    public var description: String
    public var language: String
    public var persona: String?
    public var timezone: String
    public var logo: String?
    public var businessName: String?
    public var businessAddress: String?
    public var businessEmail: String?
    public var businessDescription: String?
    public let testChannelCode: String
    public var status: Status
    public var statusReason: String?
    public var escalationEmail: String?
    public let createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, teamID: String, workflowID: String?, name: String, description: String, language: String = "en",
        persona: String? = nil, timezone: String = "UTC", logo: String? = nil, businessName: String? = nil,
        businessAddress: String? = nil, businessEmail: String? = nil, businessDescription: String? = nil,
        testChannelCode: String, status: Status = .development, statusReason: String? = nil,
        escalationEmail: String? = nil, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.teamID = teamID
        self.workflowID = workflowID
        self.name = name
        self.description = description
        self.language = language
        self.persona = persona
        self.timezone = timezone
        self.logo = logo
        self.businessName = businessName
        self.businessAddress = businessAddress
        self.businessEmail = businessEmail
        self.businessDescription = businessDescription
        self.testChannelCode = testChannelCode
        self.status = status
        self.statusReason = statusReason
        self.escalationEmail = escalationEmail
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Throws 400 `workflow_required` when the agent has no workflow (integration endpoints need one).
    public func requireWorkflow() throws(ConsoleError) {
        guard workflowID != nil else {
            throw ConsoleError(status: 400, code: "workflow_required", "Agent must have a workflow before managing integrations")
        }
    }

    /// A new 8-character code for the agent's test channels (`start <code>`).
    public static func makeTestChannelCode() -> String {
        String(Identifier.make("", length: 8).uppercased())
    }
}
