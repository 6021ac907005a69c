import Foundation
import SwitchboardCore
import SwitchboardOpenAPI

/// A validated custom API configure body.
struct CustomAPISetup: Sendable, Equatable {
    let name: String
    let description: String?
    let baseURL: String?
    let auth: AuthSettings
    /// A path under `baseURL` to GET before anything is stored.
    let testEndpoint: String?

    init(body: JSONValue?) throws(ConsoleError) {
        var reader = FieldReader(body: body)
        let name = reader.string("name", required: true, maxLength: 100)
        description = reader.string("description", maxLength: 1000, allowEmpty: true)
        baseURL = reader.httpURL("base_url").map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        let auth = AuthSettings.read(&reader, query: true)
        testEndpoint = reader.string("test_endpoint", maxLength: 2048)
        if testEndpoint != nil, baseURL == nil, reader.peek("base_url") == nil {
            reader.add("test_endpoint", "needs base_url")
        }
        try reader.finish()
        self.name = name!
        self.auth = auth!
    }

    /// The full URL of the test endpoint.
    var testURL: String? {
        guard let baseURL, let testEndpoint else { return nil }
        return ToolRequest.join(baseURL, testEndpoint)
    }

    var settings: CustomAPISettings {
        CustomAPISettings(name: name, description: description, baseURL: baseURL, authType: auth.type)
    }
}

/// What is stored of a custom API besides its sealed credentials, and may be shown.
struct CustomAPISettings: IntegrationSettings {
    var name: String
    var description: String?
    var baseURL: String?
    var authType: String
    /// The document its tools were imported from, when they were.
    var openapi: ImportedDocument?

    enum CodingKeys: String, CodingKey {
        case name, description, openapi
        case baseURL = "base_url"
        case authType = "auth_type"
    }
}

/// Where a custom API's tools came from, so a re-import can fetch the document
/// again, take the same operations, and tell an unchanged document by its hash.
struct ImportedDocument: Codable, Sendable, Equatable {
    var url: String?
    var sha256: String
    var operations: [String]?
    var tags: [String]?
    var approval: String

    enum CodingKeys: String, CodingKey {
        case url = "document_url"
        case sha256 = "document_sha256"
        case operations, tags, approval
    }

    var options: ImportOptions {
        ImportOptions(operations: operations, tags: tags, approval: ImportOptions.Approval(rawValue: approval) ?? .writes, documentURL: url)
    }
}
