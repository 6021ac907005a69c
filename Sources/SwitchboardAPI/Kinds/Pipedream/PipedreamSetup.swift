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
struct PipedreamSettings: Sendable, Equatable {
    var appSlug: String
    var appName: String
    var appIcon: String?
    var serverURL: String
    /// The connected account at Pipedream, once there is one.
    var accountID: String?
}

extension PipedreamSettings {
    init(_ integration: Integration) {
        let stored = integration.config
        self.init(
            appSlug: stored["app_slug"]?.stringValue ?? "", appName: stored["app_name"]?.stringValue ?? integration.name,
            appIcon: stored["app_icon"]?.stringValue, serverURL: stored["server_url"]?.stringValue ?? "",
            accountID: stored["account_id"]?.stringValue)
    }

    var stored: [String: JSONValue] {
        [
            "app_slug": .string(appSlug), "app_name": .string(appName), "app_icon": .optional(appIcon), "server_url": .string(serverURL),
            "account_id": .optional(accountID),
        ]
    }
}
