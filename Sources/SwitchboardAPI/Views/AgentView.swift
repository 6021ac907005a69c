import SwitchboardCore

/// The contract's JSON for agents.
enum AgentView {
    static func agent(_ agent: Agent) -> [String: JSONValue] {
        [
            "id": .string(agent.id), "name": .string(agent.name), "description": .string(agent.description),
            "language": .string(agent.language), "persona": .optional(agent.persona),
            "workflow_id": .optional(agent.workflowID), "timezone": .string(agent.timezone),
            "logo": .optional(agent.logo), "business_name": .optional(agent.businessName),
            "business_address": .optional(agent.businessAddress), "business_email": .optional(agent.businessEmail),
            "business_description": .optional(agent.businessDescription),
            "test_channel_code": .string(agent.testChannelCode), "status": .string(agent.status.rawValue),
            "status_reason": .optional(agent.statusReason), "escalation_email": .optional(agent.escalationEmail),
            "created_at": .string(agent.createdAt.iso8601), "updated_at": .string(agent.updatedAt.iso8601),
        ]
    }

    /// The agent with what hangs on it: knowledge bases, integrations and channels.
    static func detail(_ agent: Agent, integrations: [JSONValue]) -> JSONValue {
        var fields = self.agent(agent)
        fields["knowledge_bases"] = .array([])
        fields["integrations"] = .array(integrations)
        fields["channels"] = .array(integrations)
        return .object(fields)
    }

    static func created(_ agent: Agent, workflow: Workflow) -> JSONValue {
        var fields = self.agent(agent)
        fields["workflow"] = WorkflowView.workflow(workflow, teamID: agent.teamID)
        return .object(fields)
    }

    static func testCode(_ agent: Agent) -> JSONValue {
        let start: JSONValue = .string("start \(agent.testChannelCode)")
        let messaging: JSONValue = .object(["is_enabled": .bool(true), "start_message": start])
        return .object([
            "code": .string(agent.testChannelCode),
            "channels": .object([
                "whatsapp": messaging, "instagram": messaging, "messenger": messaging,
                "telephony": .object(["is_enabled": .bool(false)]),
            ]),
        ])
    }
}

/// The contract's JSON for workflows; `is_owner` depends on who asks.
enum WorkflowView {
    static func workflow(_ workflow: Workflow, teamID: String) -> JSONValue {
        let content = workflow.content
        return .object([
            "id": .string(workflow.id), "name": .string(workflow.name), "description": .optional(workflow.description),
            "category": .optional(workflow.category), "visibility": .string(workflow.isPublic ? "public" : "private"),
            "is_owner": .bool(workflow.teamID == teamID), "system_prompt": .string(workflow.systemPrompt),
            "rules": .array(content.rules), "flows": .array(content.flows), "tags": .strings(content.tags),
            "integrations": .strings(content.integrations), "channels": .strings(content.channels),
            "actions": .strings(content.actions), "guide": content.guide ?? .null, "faq": .array(content.faq),
            "setup_steps": .array(content.setupSteps), "setup_time": content.setupTime.map { .int($0) } ?? .null,
            "video_url": .optional(content.videoURL),
            "created_at": .string(workflow.createdAt.iso8601), "updated_at": .string(workflow.updatedAt.iso8601),
        ])
    }
}

extension JSONValue {
    static func strings(_ items: [String]) -> JSONValue { .array(items.map(JSONValue.string)) }
}
