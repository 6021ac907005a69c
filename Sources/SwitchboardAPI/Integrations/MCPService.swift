import Foundation
import SwitchboardConnectors
import SwitchboardCore
import SwitchboardStore

/// MCP server integrations: configure (stored, not called), test, and discover tools.
struct MCPService: Sendable {
    let integrations: IntegrationStore
    let actions: ActionStore
    let secrets: SecretBox
    let http: GuardedHTTP
    let client: MCPClient

    func configure(agent: Agent, setup: MCPServerSetup, limit: Int?) async throws -> Integration {
        do {
            try await http.check(setup.serverURL)
        } catch {
            throw ConsoleError.validation(["server_url: \(error.description)"])
        }
        let sealed = String(decoding: try JSONEncoder().encode(setup.auth), as: UTF8.self)
        let secrets = self.secrets
        return try await integrations.create(
            agent: agent, family: .mcpServer, name: setup.name, config: setup.config, limit: limit, status: .pending
        ) { id in
            setup.auth.type == "none" ? nil : try secrets.seal(sealed, owner: id)
        }
    }

    /// Connects, negotiates and lists the tools; the integration's status follows.
    func test(_ integration: Integration) async throws -> JSONValue {
        let server = try server(of: integration)
        let outcome: Result<(MCPServerInfo, Int), MCPError>
        do {
            outcome = .success(try await client.withSession(server) { session in (session.info, try await session.listTools().count) })
        } catch {
            outcome = .failure(error)
        }
        switch outcome {
        case .success(let (info, count)):
            try await integrations.update(id: integration.id, status: .active, sealedSecret: integration.sealedSecret)
            return .object([
                "success": .bool(true), "message": .string("Connected to \(info.name) \(info.version) (MCP \(info.protocolVersion))"),
                "tools_count": .int(count),
            ])
        case .failure(let error):
            try await integrations.update(id: integration.id, status: .failed, sealedSecret: integration.sealedSecret)
            return .object(["success": .bool(false), "message": .string("Connection failed"), "error": .string(error.description)])
        }
    }

    /// Reads every page of the server's tools and makes the integration's actions match.
    func discover(_ integration: Integration) async throws -> DiscoveryResult {
        let server = try server(of: integration)
        let tools: [MCPTool]
        do {
            tools = try await client.withSession(server) { try await $0.listTools() }
        } catch {
            throw Integration.connectionFailed("Could not discover tools: \(error.description)")
        }
        let (usable, refused) = tools.reduce(into: ([MCPTool](), [String]())) { split, tool in
            if tool.inputSchema.depth > DiscoveredTool.maxSchemaDepth {
                split.1.append("\(tool.name.prefix(128)): the input schema is nested deeper than \(DiscoveredTool.maxSchemaDepth) levels")
            } else {
                split.0.append(tool)
            }
        }
        var result = try await actions.sync(
            integration, slug: MCPServerSetup.slug(integration.name),
            tools: usable.map { DiscoveredTool(name: $0.name, title: $0.title, description: $0.description, inputSchema: $0.inputSchema) })
        result.skipped = refused
        try await integrations.update(id: integration.id, status: .active, sealedSecret: integration.sealedSecret)
        return result
    }

    /// Where and how to reach the integration's server.
    func server(of integration: Integration) throws -> MCPServerConfig {
        let auth = try integration.sealedSecret.map {
            try JSONDecoder().decode(AuthSettings.self, from: Data(try secrets.open($0, owner: integration.id).utf8))
        }
        return MCPServerConfig(
            url: integration.config["server_url"].flatMap { if case .string(let url) = $0 { url } else { nil } } ?? "",
            transport: MCPServerConfig.Transport(rawValue: integration.config["transport"]?.stringValue ?? "") ?? .streamableHTTP,
            auth: auth)
    }
}

extension JSONValue {
    var stringValue: String? { if case .string(let text) = self { text } else { nil } }
}
