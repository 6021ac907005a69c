import Foundation
import NIOHTTP1
import SwitchboardConnectors
import SwitchboardCore
import SwitchboardStore

/// Custom HTTP APIs and their tools: every URL is checked by the outbound guard,
/// a test endpoint is called before anything is stored, and credentials are sealed.
struct CustomAPIService: Sendable {
    let parts: KindParts

    func configure(agent: Agent, setup: CustomAPISetup, limit: Int?) async throws -> Integration {
        if let baseURL = setup.baseURL { try await parts.check(baseURL, field: "base_url") }
        if let url = setup.testURL { try await test(url, auth: setup.auth) }
        return try await parts.create(
            agent: agent, family: CustomAPIKind.family, name: setup.name, config: setup.settings.config, auth: setup.auth, limit: limit)
    }

    /// An authenticated GET that must answer 2xx.
    private func test(_ url: String, auth: AuthSettings) async throws {
        let headers = [("Accept", "application/json")] + (auth.header.map { [$0] } ?? [])
        let failure: String
        do {
            let response = try await parts.guarded.send(
                .GET, auth.adding(to: url), headers: headers, timeout: parts.config.providerTimeoutSeconds,
                credentialHeaders: Set(auth.header.map { [$0.name] } ?? []))
            if (200..<300).contains(response.status) { return }
            failure = "HTTP \(response.status)"
        } catch {
            failure = Redactor(auth: auth).redact(error.description)
        }
        throw Integration.connectionFailed("Test request to GET \(url) failed: \(failure)")
    }

    func addTool(to integration: Integration, body: JSONValue?) async throws -> Action {
        guard let baseURL = integration.settings(CustomAPISettings.self).map(\.baseURL) else { throw ConsoleError.internalError }
        let (definition, auth) = try ToolDefinition.read(body: body, hasBaseURL: baseURL != nil)
        if baseURL == nil {
            let host = definition.urlTemplate.replacingOccurrences(of: #"\{[^}]*\}"#, with: "x", options: .regularExpression)
            try await parts.check(host, field: "url_template")
        }
        let secrets = parts.secrets
        return try await parts.actions.add(
            to: integration, name: definition.name, description: definition.description, category: definition.category,
            requireHumanApproval: definition.requireHumanApproval, definition: .http(definition), inputSchema: definition.inputSchema
        ) { id in
            try auth.map { try secrets.seal($0.sealedText, owner: id) }
        }
    }
}
