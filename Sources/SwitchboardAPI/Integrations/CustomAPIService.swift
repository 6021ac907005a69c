import Foundation
import NIOHTTP1
import SwitchboardConnectors
import SwitchboardCore
import SwitchboardStore

/// Custom HTTP APIs and their tools: every URL is checked by the outbound guard,
/// a test endpoint is called before anything is stored, and credentials are sealed.
struct CustomAPIService: Sendable {
    let integrations: IntegrationStore
    let actions: ActionStore
    let secrets: SecretBox
    let http: GuardedHTTP
    let testTimeout: TimeInterval

    func configure(agent: Agent, setup: CustomAPISetup, limit: Int?) async throws -> Integration {
        if let baseURL = setup.baseURL {
            do {
                try await http.check(baseURL)
            } catch {
                throw ConsoleError.validation(["base_url: \(error.description)"])
            }
        }
        if let url = setup.testURL {
            try await test(url, auth: setup.auth)
        }
        let sealed = try Self.encode(setup.auth)
        let secrets = self.secrets
        return try await integrations.create(agent: agent, family: .customAPI, name: setup.name, config: setup.config, limit: limit) { id in
            setup.auth.type == "none" ? nil : try secrets.seal(sealed, owner: id)
        }
    }

    /// An authenticated GET that must answer 2xx.
    private func test(_ url: String, auth: AuthSettings) async throws {
        let headers = [("Accept", "application/json")] + (auth.header.map { [$0] } ?? [])
        let failure: String
        do {
            let response = try await http.send(
                .GET, url, headers: headers, timeout: testTimeout, credentialHeaders: auth.header == nil ? [] : [auth.header!.name])
            if (200..<300).contains(response.status) { return }
            failure = "HTTP \(response.status)"
        } catch {
            failure = error.description
        }
        throw Integration.connectionFailed("Test request to GET \(url) failed: \(failure)")
    }

    func addTool(to integration: Integration, body: JSONValue?) async throws -> Action {
        let baseURL = integration.config["base_url"].flatMap { if case .string(let url) = $0 { url } else { nil } }
        let (definition, auth) = try ToolDefinition.read(body: body, hasBaseURL: baseURL != nil)
        if baseURL == nil {
            let host = definition.urlTemplate.replacingOccurrences(of: #"\{[^}]*\}"#, with: "x", options: .regularExpression)
            do {
                try await http.check(host)
            } catch {
                throw ConsoleError.validation(["url_template: \(error.description)"])
            }
        }
        let encoder = JSONEncoder()
        let definitionJSON = try JSONDecoder().decode(JSONValue.self, from: try encoder.encode(definition))
        let sealedAuth = try auth.map(Self.encode)
        let secrets = self.secrets
        return try await actions.add(
            to: integration, name: definition.name, description: definition.description, category: definition.category,
            requireHumanApproval: definition.requireHumanApproval, definition: definitionJSON, inputSchema: definition.inputSchema
        ) { id in
            try sealedAuth.map { try secrets.seal($0, owner: id) }
        }
    }

    static func encode(_ auth: AuthSettings) throws -> String {
        String(decoding: try JSONEncoder().encode(auth), as: UTF8.self)
    }
}
