import Foundation
import SwitchboardCore
import SwitchboardOpenAPI

/// A validated import body (`POST .../custom_api/import`) or re-import body
/// (`POST .../custom_api/{integrationId}/import`). Credentials are read once the
/// document has said what shape they take (`credentials(shape:)`).
struct ImportRequest: Sendable {
    enum Document: Sendable {
        case value(JSONValue)
        case text(String)
        case url(String)
    }

    /// Nil on a re-import that fetches the stored `document_url` again.
    let document: Document?
    let name: String?
    let description: String?
    let baseURL: String?
    let operations: [String]?
    let tags: [String]?
    let approval: ImportOptions.Approval?
    let dryRun: Bool
    private let authFields: [String: JSONValue]

    init(body: JSONValue?, reimport: Bool) throws(ConsoleError) {
        var reader = FieldReader(body: body)
        let value = reader.raw("document")
        let url = reader.httpURL("document_url")
        switch (value, url) {
        case (.object?, nil): document = .value(value!)
        case (.string(let text)?, nil): document = .text(text)
        case (nil, let url?): document = .url(url)
        case (nil, nil):
            document = nil
            if !reimport { reader.add("document", "is required: the document itself, or document_url") }
        case (_?, _?):
            document = nil
            reader.add("document", "give document or document_url, not both")
        case (_?, nil):
            document = nil
            reader.add("document", "must be an OpenAPI document: an object, or its JSON or YAML text")
        }
        var operations: [String]?
        var tags: [String]?
        _ = reader.object("include") { include in
            operations = include.strings("operations", maxItems: OpenAPIImport.maxOperations, maxLength: 2048)
            tags = include.strings("tags", maxItems: 1000, maxLength: 200)
        }
        (self.operations, self.tags) = (operations, tags)
        approval = reader.oneOf("approval", ImportOptions.Approval.allCases.map(\.rawValue)).flatMap(ImportOptions.Approval.init)
        if reimport {
            (name, description, baseURL, dryRun, authFields) = (nil, nil, nil, false, [:])
        } else {
            name = reader.string("name", maxLength: 100)
            description = reader.string("description", maxLength: 1000, allowEmpty: true)
            baseURL = reader.httpURL("base_url").map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
            dryRun = reader.bool("dry_run") ?? false
            var auth: [String: JSONValue] = [:]
            for key in ["auth_type", "auth_config"] { auth[key] = reader.raw(key) }
            authFields = auth
        }
        try reader.finish()
    }

    /// The integration's credentials: `auth_type` and `auth_config` as configure
    /// reads them, the document's scheme deciding the type when none is given and
    /// an API key's header or query name when the config does not say it. A dry run
    /// without `auth_config` needs none (nil).
    func credentials(shape: AuthShape?) throws(ConsoleError) -> AuthSettings? {
        if dryRun && authFields["auth_config"] == nil { return nil }
        var fields = authFields
        if fields["auth_type"] == nil, let shape { fields["auth_type"] = .string(shape.type) }
        if let shape, fields["auth_type"] == .string(shape.type), case .object(var config)? = fields["auth_config"],
            config["header_name"] == nil, config["query_name"] == nil
        {
            config.merge(shape.names.mapValues(JSONValue.string)) { own, _ in own }
            fields["auth_config"] = .object(config)
        }
        var reader = FieldReader(body: .object(fields))
        let auth = AuthSettings.read(&reader, query: true)
        try reader.finish()
        return auth
    }

    /// The auth type the import would use (what a dry run reports).
    func authType(shape: AuthShape?) -> String {
        authFields["auth_type"].flatMap { if case .string(let type) = $0 { type } else { nil } } ?? shape?.type ?? "none"
    }
}
