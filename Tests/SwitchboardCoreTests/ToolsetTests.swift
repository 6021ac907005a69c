import Foundation
import SwitchboardCore
import Testing

/// What a toolset holds: the union of its integrations' actions and its actions,
/// then only read-only ones when it says so; never a disabled action.
@Suite struct ToolsetTests {
    static func action(_ id: String, integration: String, method: String, enabled: Bool = true, hints: [String: Bool] = [:]) -> Action {
        let tool = ToolDefinition(
            json: .object([
                "name": .string(id), "http_method": .string(method), "url_template": .string("/x"), "category": .string("custom"),
                "require_human_approval": .bool(false), "timeout": .int(30), "annotations": .object(hints.mapValues(JSONValue.bool)),
            ]))!
        return Action(
            id: id, teamID: "team", agentID: "agt", integrationID: integration, actionName: id, name: id, description: nil,
            category: "custom", isEnabled: enabled, requireHumanApproval: false, definition: .http(tool), inputSchema: .object([:]),
            sealedAuth: nil, createdAt: Date(), updatedAt: Date())
    }

    static let toolset = Toolset(
        id: "ts_1", teamID: "team", agentID: "agt", name: "Desk", description: "", integrationIDs: ["ch_a"], actionIDs: ["act_3"],
        readOnly: false, createdAt: Date(), updatedAt: Date())

    @Test func itHoldsItsIntegrationsActionsAndItsActionsButNoDisabledOne() {
        #expect(Self.toolset.holds(Self.action("act_1", integration: "ch_a", method: "POST")))
        #expect(Self.toolset.holds(Self.action("act_3", integration: "ch_b", method: "POST")))
        #expect(!Self.toolset.holds(Self.action("act_2", integration: "ch_b", method: "GET")))
        #expect(!Self.toolset.holds(Self.action("act_4", integration: "ch_a", method: "GET", enabled: false)))
    }

    @Test func readOnlyKeepsWhatTheHintsSayOnlyReads() {
        var readers = Self.toolset
        readers.readOnly = true
        #expect(readers.holds(Self.action("act_1", integration: "ch_a", method: "GET")))
        #expect(!readers.holds(Self.action("act_5", integration: "ch_a", method: "POST")))
        #expect(readers.holds(Self.action("act_6", integration: "ch_a", method: "POST", hints: ["readOnlyHint": true])))
        #expect(!readers.holds(Self.action("act_7", integration: "ch_a", method: "GET", hints: ["readOnlyHint": false])))
    }
}
