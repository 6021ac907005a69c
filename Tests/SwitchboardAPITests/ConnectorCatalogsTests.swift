import Foundation
import SwitchboardCore
import Testing

@testable import SwitchboardAPI

@Suite("First-party catalogs")
struct ConnectorCatalogsTests {
    @Test func theBuiltInCatalogsHoldTheDocumentedActions() throws {
        let catalogs = try ConnectorCatalogs(overridesIn: nil)
        func names(_ connector: Connector) -> [String] {
            (catalogs.definitions[connector] ?? []).map { ToolDefinition.snakeCase($0.name) }
        }
        #expect(
            names(.stripe) == [
                "create_payment_link", "list_customers", "search_customers", "create_customer", "retrieve_balance", "create_refund",
            ])
        #expect(
            names(.paystack) == [
                "initialize_transaction", "verify_transaction", "list_transactions", "fetch_customer", "create_payment_page",
            ])
        #expect(names(.googleCalendar) == ["list_calendars", "list_events", "create_event", "update_event", "find_free_slots"])
        #expect(names(.googleSheets) == ["list_sheets", "read_range", "append_rows", "update_range"])
        #expect(names(.bumpa) == ["list_orders", "get_order", "list_products"])
        let approved = catalogs.definitions.values.joined().filter(\.requireHumanApproval).map { ToolDefinition.snakeCase($0.name) }
        #expect(approved.sorted() == ["create_refund", "update_event", "update_range"])
        // Every action says what it does, and so does every parameter.
        for definition in catalogs.definitions.values.joined() {
            #expect((definition.description ?? "").count > 20)
            for parameter in definition.urlParams + definition.bodyParams {
                #expect(!(parameter.field("description") ?? "").isEmpty, "\(definition.name): \(parameter)")
            }
        }
    }

    /// What is stored of an action reads back as the same definition, hints included,
    /// so a catalog install at start finds nothing changed and runs what was written.
    @Test func everyCatalogActionReadsBackFromItsStoredForm() {
        for definition in ConnectorCatalogs.builtIn.definitions.values.joined() {
            #expect(ActionDefinition(json: definition.json) == .http(definition), "\(definition.name)")
        }
        #expect(ConnectorCatalogs.builtIn.definitions.values.joined().contains { !$0.annotations.isEmpty })
    }

    @Test func aFileInTheDirectoryReplacesItsCatalogAndABadOneIsNamed() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("catalogs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("bumpa.json")
        try Data(
            #"[{"name": "List orders", "description": "Orders.", "http_method": "GET", "url_template": "/api/orders"}]"#.utf8
        ).write(to: file)
        let catalogs = try ConnectorCatalogs(overridesIn: directory.path)
        #expect(catalogs.definitions[.bumpa]?.map(\.urlTemplate) == ["/api/orders"])
        #expect(catalogs.definitions[.stripe]?.count == 6)

        try Data(#"[{"name": "x", "http_method": "FETCH", "url_template": "https://elsewhere.test/x", "auth_type": "none"}]"#.utf8)
            .write(to: file)
        #expect {
            try ConnectorCatalogs(overridesIn: directory.path)
        } throws: { error in
            (error as? ConnectorCatalogs.Problem)?.problem
                == "\(file.path): [0].http_method: must be one of GET, POST, PUT, DELETE, PATCH; "
                + "[0].url_template: must be a path under the integration's base_url; "
                + "[0].auth_type: not allowed; the connector's own credentials are used"
        }
    }
}
