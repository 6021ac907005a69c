import Foundation
import Testing

@testable import SwitchboardCore

@Suite("Integration settings")
struct IntegrationSettingsTests {
    struct Named: IntegrationSettings {
        var name: String
        var baseURL: String?

        enum CodingKeys: String, CodingKey {
            case name
            case baseURL = "base_url"
        }
    }

    struct Counted: IntegrationSettings {
        var count: Int
    }

    @Test func settingsAreReadFromTheStoredKeysAndFollowAChangedConfig() {
        var row = Integration(
            id: "ch_1", teamID: "team_1", agentID: "agt_1", family: .init(rawValue: "custom_api"), type: "custom_api", name: "Shop",
            status: .active, config: ["name": .string("Shop"), "base_url": .string("https://shop.example")], sealedSecret: nil,
            createdAt: Date(), updatedAt: Date())
        #expect(row.settings(Named.self) == Named(name: "Shop", baseURL: "https://shop.example"))
        #expect(row.settings(Named.self)?.config == row.config)
        row.config["name"] = .string("Store")
        #expect(row.settings(Named.self)?.name == "Store")
        // A row of another shape reads as nothing, not as a guess.
        #expect(row.settings(Counted.self) == nil)
    }
}
