import SwitchboardCore

/// The contract's JSON for integrations.
enum IntegrationView {
    static func summary(_ integration: Integration) -> JSONValue {
        .object([
            "id": .string(integration.id), "type": .string(integration.type), "name": .string(integration.name),
            "status": .string(integration.status.rawValue), "is_connected": .bool(integration.isConnected),
        ])
    }

    /// An aggregate row: the summary with the fields a person fills in and the actions it brings.
    static func detail(_ integration: Integration, actions: [ActionSummary]) -> JSONValue {
        guard case .object(var fields) = summary(integration) else { return .null }
        let configFields = Connector(type: integration.type)?.configFields ?? []
        fields["config_fields"] = .array(
            configFields.map {
                .object(["key": .string($0.key), "label": .string($0.label), "type": .string($0.type), "required": .bool($0.required)])
            })
        fields["actions"] = .array(
            actions.map {
                .object([
                    "action_name": .string($0.actionName), "name": .string($0.name), "description": .optional($0.description),
                    "category": .string($0.category), "is_enabled": .bool($0.isEnabled),
                    "require_human_approval": .bool($0.requireHumanApproval), "needs_review": .bool($0.needsReview),
                ])
            })
        return .object(fields)
    }

    /// A tool; one made from a document says where it came from (`source`).
    static func tool(_ action: ActionSummary) -> JSONValue {
        var fields: [String: JSONValue] = [
            "id": .string(action.id), "action_name": .string(action.actionName), "name": .string(action.name),
            "description": .optional(action.description), "category": .string(action.category), "is_enabled": .bool(action.isEnabled),
            "needs_review": .bool(action.needsReview),
        ]
        if let source = action.source { fields["source"] = source }
        return .object(fields)
    }
}
