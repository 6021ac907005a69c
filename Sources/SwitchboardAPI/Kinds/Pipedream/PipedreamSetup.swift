import Foundation
import SwitchboardCore

/// A validated Pipedream configure body: which app to connect.
struct PipedreamSetup: Sendable, Equatable {
    let appSlug: String
    let appName: String?
    let appIcon: String?

    init(body: JSONValue?) throws(ConsoleError) {
        var reader = FieldReader(body: body)
        let slug = reader.string("app_slug", required: true, maxLength: 100)
        if let slug, slug.range(of: "^[a-z0-9_]+$", options: .regularExpression) == nil {
            reader.add("app_slug", "must be a Pipedream app slug: lowercase letters, digits and _ (such as google_sheets)")
        }
        appName = reader.string("app_name", maxLength: 100)
        appIcon = reader.httpURL("app_icon")
        try reader.finish()
        appSlug = slug!
    }
}

/// What is stored of a Pipedream integration, and may be shown (but `account_id`).
struct PipedreamSettings: IntegrationSettings {
    var appSlug: String
    var appName: String
    var appIcon: String?
    var serverURL: String
    /// The connected account at Pipedream, once there is one.
    var accountID: String?
    /// The revision Pipedream's MCP server spoke last time.
    var protocolVersion: String?

    enum CodingKeys: String, CodingKey {
        case appSlug = "app_slug"
        case appName = "app_name"
        case appIcon = "app_icon"
        case serverURL = "server_url"
        case accountID = "account_id"
        case protocolVersion = "protocol_version"
    }
}
