import Foundation

/// A connection of an agent to something outside (a first-party service, a custom
/// HTTP API, an MCP server). Its secrets are stored sealed and never leave.
public struct Integration: Sendable, Equatable {
    /// The kind of an integration, as paths and stored rows name it (`custom_api`).
    /// Each kind declares its own family beside its code.
    public struct Family: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }
    }
    public enum Status: String, Sendable {
        case pending, active, failed
        case needsReauth = "needs_reauth"
    }

    public let id: String
    public let teamID: String
    public let agentID: String
    public let family: Family
    /// The connector type (`stripe`, ...) or, for other families, the family name.
    public let type: String
    public var name: String
    public var status: Status
    /// What may be shown: currency, base URL, auth type...
    public var config: [String: JSONValue]
    /// The sealed secrets, nil when there are none.
    public var sealedSecret: String?
    public let createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, teamID: String, agentID: String, family: Family, type: String, name: String, status: Status,
        config: [String: JSONValue], sealedSecret: String?, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.teamID = teamID
        self.agentID = agentID
        self.family = family
        self.type = type
        self.name = name
        self.status = status
        self.config = config
        self.sealedSecret = sealedSecret
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var isConnected: Bool { status == .active }

    public static let notFound = ConsoleError.notFound("Integration not found")
    public static let wrongFamily = ConsoleError.badRequest("Integration type does not match this endpoint")

    /// `found` when it is of `family`: 404 when there is none, 400 when it is of another family.
    public static func of(_ family: Family, _ found: Integration?) throws(ConsoleError) -> Integration {
        guard let found else { throw notFound }
        guard found.family == family else { throw wrongFamily }
        return found
    }
    public static let limitReached = ConsoleError(
        status: 409, code: "integration_limit_reached",
        "Integration limit reached for your plan. Please upgrade to add more integrations.")

    public static func connectionFailed(_ message: String) -> ConsoleError {
        ConsoleError(status: 400, code: "integration_connection_failed", message)
    }
}
