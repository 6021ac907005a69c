import Crypto
import Foundation
import NIOHTTP1
import SwitchboardConnectors
import SwitchboardCore
import SwitchboardOpenAPI
import SwitchboardStore

/// Custom APIs made from their OpenAPI documents, and kept in step with them.
extension CustomAPIService {
    /// What an import answers: the integration (nil on a dry run), what changed,
    /// what was left out, and the tools.
    struct ImportReport: Sendable {
        var integration: Integration?
        var settings: CustomAPISettings
        var changes = ImportChanges()
        var plan: ImportPlan
    }

    /// The document's text (or value), fetched through the outbound guard when it is a URL.
    func documentText(_ document: ImportRequest.Document) async throws -> (value: JSONValue, sha256: String, url: String?) {
        switch document {
        case .value(let value):
            try APIDocument.check(value, field: "document")
            return (value, Self.sha256(value.serialized), nil)
        case .text(let text):
            return (try APIDocument.read(text: text, field: "document"), Self.sha256(Array(text.utf8)), nil)
        case .url(let url):
            try await parts.check(url, field: "document_url")
            let response: OutboundHTTP.Response
            do {
                response = try await parts.guarded.send(
                    .GET, url, headers: [("Accept", "application/json, application/yaml, text/yaml, */*")],
                    timeout: parts.config.providerTimeoutSeconds, maxBytes: APIDocument.maxBytes)
            } catch {
                throw Integration.connectionFailed("Fetching the document at \(url) failed: \(error.description)")
            }
            guard (200..<300).contains(response.status) else {
                throw Integration.connectionFailed("Fetching the document at \(url) failed: HTTP \(response.status)")
            }
            let text = String(decoding: response.body, as: UTF8.self)
            return (try APIDocument.read(text: text, field: "document_url"), Self.sha256(Array(response.body)), url)
        }
    }

    /// `POST .../custom_api/import`: a new custom API with one tool per operation, within the plan's cap.
    func importAPI(agent: Agent, request: ImportRequest, limit: Int?) async throws -> ImportReport {
        guard let document = request.document else { throw ConsoleError.internalError }
        let (value, sha256, url) = try await documentText(document)
        let approval = request.approval ?? .writes
        let plan = try OpenAPIImport.plan(
            value, options: ImportOptions(operations: request.operations, tags: request.tags, approval: approval, documentURL: url))
        var problems: [String] = []
        let name = request.name ?? plan.title.map { String($0.prefix(100)) }
        if name?.isEmpty ?? true { problems.append("name: is required: the document has no info.title") }
        let baseURL = request.baseURL ?? plan.baseURL
        if baseURL == nil { problems.append("base_url: is required: the document names no server") }
        let auth: AuthSettings?
        do {
            auth = try request.credentials(shape: plan.auth)
        } catch {
            if case .problems(let more) = error.message { problems += more }
            auth = nil
        }
        if !problems.isEmpty { throw ConsoleError.validation(problems) }
        try await parts.check(baseURL!, field: "base_url")
        let settings = CustomAPISettings(
            name: name!, description: request.description ?? plan.description.map { String($0.prefix(1000)) }, baseURL: baseURL,
            authType: auth?.type ?? request.authType(shape: plan.auth),
            openapi: ImportedDocument(
                url: url, sha256: sha256, operations: request.operations, tags: request.tags, approval: approval.rawValue))
        var report = ImportReport(integration: nil, settings: settings, plan: plan)
        guard !request.dryRun, let auth else { return report }
        let secrets = parts.secrets
        report.integration = try await parts.integrations.create(
            agent: agent, family: CustomAPIKind.family, name: settings.name, config: settings.config, limit: limit, tools: plan.tools
        ) { id in
            auth.type == "none" ? nil : try secrets.seal(auth.sealedText, owner: id)
        }
        report.changes.created = plan.tools.count
        return report
    }

    /// `POST .../custom_api/{integrationId}/import`: the tools brought up to the
    /// document as it is now; an unchanged document (by its hash, with the same
    /// operations chosen) changes nothing.
    func reimport(_ integration: Integration, request: ImportRequest) async throws -> ImportReport {
        guard var settings = integration.settings(CustomAPISettings.self) else { throw ConsoleError.internalError }
        let stored = settings.openapi
        guard let document = request.document ?? stored?.url.map(ImportRequest.Document.url) else {
            throw ConsoleError.validation(["document: is required: this custom API has no document_url to fetch again"])
        }
        let (value, sha256, url) = try await documentText(document)
        let chosen = ImportedDocument(
            url: url ?? stored?.url, sha256: sha256, operations: request.operations ?? stored?.operations,
            tags: request.tags ?? stored?.tags,
            approval: request.approval?.rawValue ?? stored?.approval ?? ImportOptions.Approval.writes.rawValue)
        let plan = try OpenAPIImport.plan(value, options: chosen.options)
        var report = ImportReport(integration: integration, settings: settings, plan: plan)
        if chosen == stored {
            report.changes.unchanged = plan.tools.count
            return report
        }
        settings.openapi = chosen
        guard let changes = try await parts.integrations.reimport(id: integration.id, tools: plan.tools, config: settings.config) else {
            throw Integration.notFound
        }
        report.settings = settings
        report.changes = changes
        return report
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }
}
