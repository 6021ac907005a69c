import Foundation

/// A workflow: the instructions an agent follows. Public workflows belong to no
/// team: every team can read and clone them, none can change them.
public struct Workflow: Sendable, Equatable {
    public let id: String
    /// The owning team; nil for the public catalog.
    public let teamID: String?
    public var name: String
    public var description: String?
    public var category: String?
    public var systemPrompt: String
    public var content: WorkflowContent
    public let createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, teamID: String?, name: String, description: String?, category: String?,
        systemPrompt: String, content: WorkflowContent, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.teamID = teamID
        self.name = name
        self.description = description
        self.category = category
        self.systemPrompt = systemPrompt
        self.content = content
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var isPublic: Bool { teamID == nil }

    /// A private copy of this workflow for `teamID`.
    public func copy(for teamID: String, now: Date) -> Workflow {
        Workflow(
            id: Identifier.make("wf_"), teamID: teamID, name: name, description: description, category: category,
            systemPrompt: systemPrompt, content: content, createdAt: now, updatedAt: now)
    }
}

/// The structured parts of a workflow, kept together as one JSON document.
public struct WorkflowContent: Sendable, Equatable {
    public var rules: [JSONValue] = []
    public var flows: [JSONValue] = []
    public var tags: [String] = []
    public var integrations: [String] = []
    public var channels: [String] = []
    public var actions: [String] = []
    public var guide: JSONValue?
    public var faq: [JSONValue] = []
    public var setupSteps: [JSONValue] = []
    public var setupTime: Int?
    public var videoURL: String?

    public init() {}

    /// The stored document.
    public init(json: JSONValue) {
        guard case .object(let fields) = json else { return }
        func list(_ key: String) -> [JSONValue] { if case .array(let items)? = fields[key] { items } else { [] } }
        func strings(_ key: String) -> [String] { list(key).compactMap { if case .string(let text) = $0 { text } else { nil } } }
        rules = list("rules")
        flows = list("flows")
        tags = strings("tags")
        integrations = strings("integrations")
        channels = strings("channels")
        actions = strings("actions")
        guide = fields["guide"].flatMap { $0 == .null ? nil : $0 }
        faq = list("faq")
        setupSteps = list("setup_steps")
        if case .number(let number)? = fields["setup_time"] { setupTime = number.int }
        if case .string(let text)? = fields["video_url"] { videoURL = text }
    }

    public var json: JSONValue {
        .object([
            "rules": .array(rules), "flows": .array(flows), "tags": .array(tags.map(JSONValue.string)),
            "integrations": .array(integrations.map(JSONValue.string)), "channels": .array(channels.map(JSONValue.string)),
            "actions": .array(actions.map(JSONValue.string)), "guide": guide ?? .null, "faq": .array(faq),
            "setup_steps": .array(setupSteps), "setup_time": setupTime.map { .int($0) } ?? .null,
            "video_url": videoURL.map(JSONValue.string) ?? .null,
        ])
    }

}
