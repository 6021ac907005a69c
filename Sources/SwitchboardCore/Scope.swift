/// A permission a key carries, `<resource>:<verb>` or `*` for everything.
public struct Scope: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: String

    /// Returns nil for a name outside the vocabulary.
    public init?(_ rawValue: String) {
        guard Self.vocabulary.contains(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    private init(known: String) { self.rawValue = known }

    public var description: String { rawValue }
    public static func < (lhs: Scope, rhs: Scope) -> Bool { lhs.rawValue < rhs.rawValue }

    public static let all = Scope(known: "*")
    public static let agentsRead = Scope(known: "agents:read")
    public static let agentsWrite = Scope(known: "agents:write")
    public static let workflowsRead = Scope(known: "workflows:read")
    public static let workflowsWrite = Scope(known: "workflows:write")
    public static let integrationsRead = Scope(known: "integrations:read")
    public static let integrationsWrite = Scope(known: "integrations:write")
    public static let actionsRead = Scope(known: "actions:read")
    public static let actionsWrite = Scope(known: "actions:write")
    public static let actionsExecute = Scope(known: "actions:execute")
    public static let approvalsWrite = Scope(known: "approvals:write")
    public static let auditRead = Scope(known: "audit:read")
    public static let webhooksRead = Scope(known: "webhooks:read")
    public static let webhooksWrite = Scope(known: "webhooks:write")
    public static let knowledgeBasesRead = Scope(known: "knowledge_bases:read")
    public static let knowledgeBasesWrite = Scope(known: "knowledge_bases:write")
    public static let conversationsRead = Scope(known: "conversations:read")
    public static let conversationsWrite = Scope(known: "conversations:write")
    public static let callsRead = Scope(known: "calls:read")
    public static let callsWrite = Scope(known: "calls:write")
    public static let phoneNumbersRead = Scope(known: "phone_numbers:read")
    public static let phoneNumbersWrite = Scope(known: "phone_numbers:write")

    /// Every scope a key may be given.
    public static let vocabulary: Set<String> = [
        "*", "agents:read", "agents:write", "workflows:read", "workflows:write",
        "integrations:read", "integrations:write", "actions:read", "actions:write",
        "actions:execute", "approvals:write", "audit:read", "webhooks:read", "webhooks:write",
        "knowledge_bases:read", "knowledge_bases:write", "conversations:read",
        "conversations:write", "calls:read", "calls:write",
        "phone_numbers:read", "phone_numbers:write",
    ]
}

extension Set where Element == Scope {
    /// Whether a key holding these scopes may do what `required` grants.
    public func grants(_ required: Scope) -> Bool {
        contains(.all) || contains(required)
    }

    /// Parses a space-separated list as stored; unknown names are dropped.
    public init(stored: String) {
        self.init(stored.split(separator: " ").compactMap { Scope(String($0)) })
    }

    /// The space-separated form kept in the database.
    public var stored: String { map(\.rawValue).sorted().joined(separator: " ") }
}
