import SwitchboardCore

/// The contract's JSON for an agent's actions.
enum ActionView {
    /// An action as the agent's list shows it.
    static func listed(_ action: ActionSummary, of integration: Integration) -> JSONValue {
        .object([
            "id": .string(action.id), "integration_id": .string(integration.id), "integration_type": .string(integration.type),
            "integration_name": .string(integration.name), "name": .string(action.name), "action_name": .string(action.actionName),
            "description": .optional(action.description), "is_enabled": .bool(action.isEnabled),
            "require_human_approval": .bool(action.requireHumanApproval), "needs_review": .bool(action.needsReview),
        ])
    }

    /// One action: as listed, with the input schema its arguments are checked
    /// against, and while it waits for review the accepted and the changed shape.
    static func detail(_ action: Action, of integration: Integration) -> JSONValue {
        var fields = listed(action.summary, of: integration).members
        fields["input_schema"] = action.inputSchema
        fields["review"] =
            action.needsReview
            ? .object(["previous": action.previousShape ?? .null, "current": action.shape])
            : .null
        return .object(fields)
    }
}
