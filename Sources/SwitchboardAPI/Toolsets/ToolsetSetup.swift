import SwitchboardCore
import SwitchboardStore

/// A validated toolset body: on create `name` is required; on update every field is
/// optional and what is sent replaces what was there. The ids must be the agent's
/// own live integrations and actions.
struct ToolsetSetup: Sendable {
    let name: String?
    let description: String?
    let integrationIDs: [String]?
    let actionIDs: [String]?
    let readOnly: Bool?

    init(body: JSONValue?, creating: Bool, agent found: IntegrationStore.AgentIntegrations) throws(ConsoleError) {
        var reader = FieldReader(body: body)
        name = reader.string("name", required: creating, maxLength: 100)
        description = reader.string("description", maxLength: 1000, allowEmpty: true)
        integrationIDs = reader.strings("integration_ids", maxItems: 100, maxLength: 128)
        actionIDs = reader.strings("action_ids", maxItems: 1000, maxLength: 128)
        readOnly = reader.bool("read_only")
        let integrations = Set(found.integrations.map(\.id))
        let actions = Set(found.tools.map(\.id))
        for (index, id) in (integrationIDs ?? []).enumerated() where !integrations.contains(id) {
            reader.problems.append("integration_ids[\(index)]: is not a live integration of this agent")
        }
        for (index, id) in (actionIDs ?? []).enumerated() where !actions.contains(id) {
            reader.problems.append("action_ids[\(index)]: is not an action of this agent")
        }
        try reader.finish()
    }
}
