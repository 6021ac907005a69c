import Foundation

/// A validated workflow create or update body. On create `name` and
/// `system_prompt` are required; on update every field is optional.
public struct WorkflowChanges: Sendable, Equatable {
    public var name: String?
    public var systemPrompt: String?
    public var description: String??
    public var category: String??
    public var rules: [JSONValue]?
    public var flows: [JSONValue]?
    public var tags: [String]?
    public var integrations: [String]?
    public var channels: [String]?
    public var actions: [String]?
    public var guide: JSONValue??
    public var faq: [JSONValue]?
    public var setupSteps: [JSONValue]?
    public var setupTime: Int??
    public var videoURL: String??

    /// Reads and checks a body; every problem is reported at once.
    public init(body: JSONValue?, creating: Bool) throws(ConsoleError) {
        var reader = FieldReader(body: body)
        name = reader.string("name", required: creating, maxLength: 200)
        systemPrompt = reader.string("system_prompt", required: creating, maxLength: 50_000)
        description = Self.clearable(&reader, "description") { $0.string("description", maxLength: 5000, allowEmpty: true) }
        category = Self.clearable(&reader, "category") { $0.string("category", maxLength: 100) }
        let raw = { (key: String) -> [JSONValue]? in if case .array(let items)? = reader.peek(key) { items } else { nil } }
        let rulesValue = raw("rules")
        let flowsValue = raw("flows")
        let faqValue = raw("faq")
        let stepsValue = raw("setup_steps")
        let guideValue = reader.peek("guide")
        if reader.objects("rules", Self.readRule) != nil { rules = rulesValue }
        if reader.objects("flows", Self.readFlow) != nil { flows = flowsValue }
        tags = reader.strings("tags")
        integrations = reader.strings("integrations")
        channels = reader.strings("channels")
        actions = reader.strings("actions")
        guide = Self.clearable(&reader, "guide") { reader in
            reader.object("guide") { guide in
                if !guide.has("steps") { guide.add("steps", "is required") }
                _ = guide.strings("steps", maxLength: 2000)
                _ = guide.httpURL("youtube_url")
            }.flatMap { guideValue }
        }
        if reader.objects(
            "faq",
            { faq in
                _ = faq.string("question", required: true, maxLength: 1000)
                _ = faq.string("answer", required: true, maxLength: 5000)
            }) != nil
        {
            faq = faqValue
        }
        if let value = reader.raw("setup_steps") {
            if case .array(let items) = value, items.count <= 100 {
                setupSteps = stepsValue
            } else {
                reader.add("setup_steps", "must be an array of at most 100 items")
            }
        }
        setupTime = Self.clearable(&reader, "setup_time") { $0.integer("setup_time", in: 0...100_000) }
        videoURL = Self.clearable(&reader, "video_url") { $0.httpURL("video_url") }
        try reader.finish()
    }

    /// `.some(nil)` for an explicit `null` (clear the field), else what `read` gives.
    static func clearable<T>(_ reader: inout FieldReader, _ key: String, _ read: (inout FieldReader) -> T?) -> T?? {
        if reader.isNull(key) { return .some(nil) }
        return read(&reader).map { .some($0) }
    }

    static func readRule(_ rule: inout FieldReader) {
        _ = rule.string("id", required: true, maxLength: 100)
        _ = rule.string("name", required: true, maxLength: 200)
        _ = rule.string("trigger", required: true, maxLength: 2000)
        _ = rule.string("response", required: true, maxLength: 5000)
        _ = rule.bool("enabled", required: true)
        _ = rule.string("condition", maxLength: 2000)
        _ = rule.string("action", maxLength: 200)
    }

    static func readFlow(_ flow: inout FieldReader) {
        _ = flow.string("name", required: true, maxLength: 200)
        _ = flow.string("description", maxLength: 5000, allowEmpty: true)
        _ = flow.string("category", maxLength: 100)
        _ = flow.integer("priority", in: 0...1000)
        _ = flow.bool("is_active")
        _ = flow.objects("trigger_keywords") { keyword in
            _ = keyword.string("keyword", required: true, maxLength: 200)
            _ = keyword.oneOf("weight", ["high", "medium", "low"])
        }
        _ = flow.objects("conversation_steps") { step in
            _ = step.string("type", required: true, maxLength: 50)
            _ = step.string("content", maxLength: 5000, allowEmpty: true)
            _ = step.string("action", maxLength: 200)
            _ = step.string("followup", maxLength: 5000, allowEmpty: true)
        }
    }

    /// This change applied to `workflow`.
    public func applied(to workflow: Workflow, at now: Date) -> Workflow {
        var out = workflow
        if let name { out.name = name }
        if let systemPrompt { out.systemPrompt = systemPrompt }
        if let description { out.description = description }
        if let category { out.category = category }
        if let rules { out.content.rules = rules }
        if let flows { out.content.flows = flows }
        if let tags { out.content.tags = tags }
        if let integrations { out.content.integrations = integrations }
        if let channels { out.content.channels = channels }
        if let actions { out.content.actions = actions }
        if let guide { out.content.guide = guide }
        if let faq { out.content.faq = faq }
        if let setupSteps { out.content.setupSteps = setupSteps }
        if let setupTime { out.content.setupTime = setupTime }
        if let videoURL { out.content.videoURL = videoURL }
        out.updatedAt = now
        return out
    }

    /// A new workflow of `teamID` from a create body.
    public func newWorkflow(teamID: String, now: Date) -> Workflow {
        let blank = Workflow(
            id: Identifier.make("wf_"), teamID: teamID, name: name ?? "", description: nil, category: nil,
            systemPrompt: systemPrompt ?? "", content: WorkflowContent(), createdAt: now, updatedAt: now)
        return applied(to: blank, at: now)
    }
}
