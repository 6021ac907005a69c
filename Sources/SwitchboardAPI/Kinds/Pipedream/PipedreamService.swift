import Foundation
import SwitchboardConnectors
import SwitchboardCore
import SwitchboardStore

/// Pipedream apps end to end: a Connect link per agent and app, a pending
/// integration until Pipedream has the connected account, then the app's tools
/// through Pipedream's remote MCP server, as actions like any MCP server's.
struct PipedreamService: Sendable {
    let parts: KindParts
    let connect: PipedreamConnect
    let mcp: MCPService

    static let notConfigured = ConsoleError.badRequest("Pipedream is not configured on this server.")

    /// Checks the app, makes a Connect link and keeps (or finds) the agent's pending integration of the app.
    func configure(agent: Agent, setup: PipedreamSetup, limit: Int?) async throws -> String {
        guard connect.settings.isConfigured else { throw Self.notConfigured }
        let link: String
        let found: PipedreamConnect.App
        do {
            guard let app = try await connect.app(setup.appSlug) else {
                throw ConsoleError.validation(["app_slug: Pipedream has no app \(setup.appSlug)"])
            }
            found = app
            link = try await connect.connectLink(externalUserID: agent.id, app: app.slug)
        } catch let failure as PipedreamConnect.Failure {
            throw Integration.connectionFailed("Could not reach Pipedream: \(failure.description)")
        }
        let settings = PipedreamSettings(
            appSlug: found.slug, appName: setup.appName ?? found.name, appIcon: setup.appIcon ?? found.icon,
            serverURL: connect.settings.mcpURL, accountID: nil, protocolVersion: nil)
        _ = try await parts.integrations.upsertConnector(
            agent: agent, family: PipedreamKind.family, type: PipedreamKind.family.rawValue, name: settings.appName, limit: limit,
            matching: { $0.settings(PipedreamSettings.self)?.appSlug == found.slug }
        ) { record in
            var record = record
            var kept = settings
            kept.accountID = record.settings(PipedreamSettings.self)?.accountID
            record.name = settings.appName
            record.config = kept.config
            return record
        }
        return link
    }

    /// Makes pending integrations active whose account Pipedream now has (all
    /// agents', or one agent's): the account is remembered and the app's tools
    /// discovered. Returns how many became active; one that fails stays pending.
    @discardableResult
    func reconcile(agentID: String? = nil) async throws -> Int {
        guard connect.settings.isConfigured else { return 0 }
        let pending =
            if let agentID {
                try await parts.integrations.live(agentID: agentID, family: PipedreamKind.family).filter { $0.status == .pending }
            } else {
                try await parts.integrations.live(family: PipedreamKind.family, status: .pending)
            }
        var activated = 0
        for integration in pending {
            guard let settings = integration.settings(PipedreamSettings.self) else { throw ConsoleError.internalError }
            guard let account = try await connect.accounts(externalUserID: integration.agentID, app: settings.appSlug).first else {
                continue
            }
            if settings.accountID != account {
                try await parts.integrations.merge(
                    id: integration.id, config: [PipedreamSettings.CodingKeys.accountID.stringValue: .string(account)])
            }
            let tools = try await withToken(for: integration) { server in
                try await mcp.client.withSession(server) { try await $0.listTools() }
            }
            _ = try await mcp.adopt(tools, for: integration)
            activated += 1
        }
        return activated
    }

    /// Removes the agent's accounts of the app at Pipedream, then the integration
    /// here whatever Pipedream said; what went wrong there is returned.
    func delete(_ integration: Integration) async throws -> String? {
        guard let settings = integration.settings(PipedreamSettings.self) else { throw ConsoleError.internalError }
        var problem: String?
        if connect.settings.isConfigured {
            do {
                var accounts = Set(try await connect.accounts(externalUserID: integration.agentID, app: settings.appSlug))
                if let account = settings.accountID { accounts.insert(account) }
                for account in accounts.sorted() { try await connect.deleteAccount(account) }
            } catch {
                problem = "Could not remove the account at Pipedream (\(error.description)); remove it in the Pipedream project."
            }
        }
        try await parts.integrations.disconnect(id: integration.id, agentID: integration.agentID, family: PipedreamKind.family)
        return problem
    }

    /// Calls one of the app's tools.
    func call(_ action: Action, of integration: Integration, arguments: JSONValue) async throws -> Execution.Outcome {
        let tool = action.definition.mcpName ?? action.actionName
        do {
            return try await withToken(for: integration) { server in
                let (outcome, error) = await mcp.call(action, on: server, of: integration, arguments: arguments)
                if let error, error.status == 401 { throw error }
                return outcome
            }
        } catch let error as MCPError {
            return .failed(error.description, requestLine: "tools/call \(tool)")
        } catch let failure as PipedreamConnect.Failure {
            return .failed("Could not reach Pipedream: \(failure.description)", requestLine: "tools/call \(tool)")
        }
    }

    /// Runs `body` against the remote MCP server with the project's token, once
    /// more with a new token when the server refuses it (401).
    private func withToken<T: Sendable>(
        for integration: Integration, _ body: (MCPServerConfig) async throws -> T
    ) async throws -> T {
        let token = try await connect.accessToken()
        do {
            return try await body(server(for: integration, token: token))
        } catch let error as MCPError where error.status == 401 {
            return try await body(server(for: integration, token: try await connect.accessToken(replacing: token)))
        }
    }

    func server(for integration: Integration, token: String) throws -> MCPServerConfig {
        guard let settings = integration.settings(PipedreamSettings.self) else { throw ConsoleError.internalError }
        var server = MCPServerConfig(
            url: settings.serverURL, transport: .streamableHTTP,
            headers: connect.mcpHeaders(token: token, externalUserID: integration.agentID, app: settings.appSlug),
            redactor: Redactor(secrets: [token] + [connect.settings.clientSecret].compactMap { $0 }))
        server.knownVersion = settings.protocolVersion
        server.keepAs = integration.id
        return server
    }
}
