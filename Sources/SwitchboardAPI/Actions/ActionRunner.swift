import SwitchboardCore

/// Hands an action to the kind of its integration, which knows how to run it.
struct ActionRunner: Sendable {
    let kinds: [Integration.Family: any IntegrationKind]

    init(kinds: [any IntegrationKind]) {
        self.kinds = Dictionary(uniqueKeysWithValues: kinds.map { (type(of: $0).family, $0) })
    }

    /// What is wrong with `arguments` for the action beyond its input schema.
    func problems(_ action: Action, of integration: Integration, arguments: JSONValue) -> [String] {
        kinds[integration.family]?.problems(action, arguments: arguments) ?? []
    }

    func run(_ action: Action, integration: Integration, arguments: JSONValue) async throws -> Execution.Outcome {
        guard let kind = kinds[integration.family] else {
            return .failed("integrations of type \(integration.family) cannot run actions here", requestLine: action.actionName)
        }
        return try await kind.run(action, integration: integration, arguments: arguments)
    }
}
