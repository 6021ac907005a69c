import Foundation

/// A validated agent create or update body. On create `workflow_id`, `name` and
/// `description` are required; on update every field is optional, and optional
/// fields may be cleared with `null`.
public struct AgentChanges: Sendable, Equatable {
    public var workflowID: String?
    public var name: String?
    public var description: String?
    public var language: String?
    public var persona: String??
    public var timezone: String?
    public var logo: String??
    public var businessName: String??
    public var businessAddress: String??
    public var businessEmail: String??
    public var businessDescription: String??
    public var escalationEmail: String??

    public init(body: JSONValue?, creating: Bool) throws(ConsoleError) {
        var reader = FieldReader(body: body)
        workflowID = reader.string("workflow_id", required: creating, maxLength: 128)
        name = reader.string("name", required: creating, maxLength: 100)
        description = reader.string("description", required: creating, maxLength: 2000)
        language = reader.string("language", maxLength: 35)
        if let language, language.range(of: #"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"#, options: .regularExpression) == nil {
            reader.add("language", "must be a language tag such as en or en-GB")
            self.language = nil
        }
        persona = WorkflowChanges.clearable(&reader, "persona") { $0.oneOf("persona", Agent.personas) }
        timezone = reader.string("timezone", maxLength: 64)
        if let timezone, TimeZone(identifier: timezone) == nil || !timezone.contains("/") && timezone != "UTC" {
            reader.add("timezone", "must be an IANA time zone such as Africa/Lagos or UTC")
            self.timezone = nil
        }
        logo = WorkflowChanges.clearable(&reader, "logo") { $0.httpURL("logo") }
        businessName = WorkflowChanges.clearable(&reader, "business_name") { $0.string("business_name", maxLength: 200) }
        businessAddress = WorkflowChanges.clearable(&reader, "business_address") { $0.string("business_address", maxLength: 500) }
        businessEmail = WorkflowChanges.clearable(&reader, "business_email") { $0.email("business_email") }
        businessDescription = WorkflowChanges.clearable(&reader, "business_description") {
            $0.string("business_description", maxLength: 5000)
        }
        escalationEmail = WorkflowChanges.clearable(&reader, "escalation_email") { $0.email("escalation_email") }
        try reader.finish()
    }

    /// This change applied to `agent` (the workflow id is resolved by the caller).
    public func applied(to agent: Agent, workflowID: String?, at now: Date) -> Agent {
        var out = agent
        out.workflowID = workflowID
        if let name { out.name = name }
        if let description { out.description = description }
        if let language { out.language = language }
        if let persona { out.persona = persona }
        if let timezone { out.timezone = timezone }
        if let logo { out.logo = logo }
        if let businessName { out.businessName = businessName }
        if let businessAddress { out.businessAddress = businessAddress }
        if let businessEmail { out.businessEmail = businessEmail }
        if let businessDescription { out.businessDescription = businessDescription }
        if let escalationEmail { out.escalationEmail = escalationEmail }
        out.updatedAt = now
        return out
    }
}

/// A validated live-status body.
public struct LiveStatusChange: Sendable, Equatable {
    public let status: Agent.Status
    public let reason: String?

    public init(body: JSONValue?) throws(ConsoleError) {
        var reader = FieldReader(body: body)
        let status = reader.oneOf("status", Agent.Status.allCases.map(\.rawValue), required: true)
        reason = reader.string("status_reason", maxLength: 500)
        try reader.finish()
        self.status = Agent.Status(rawValue: status!)!
    }
}
