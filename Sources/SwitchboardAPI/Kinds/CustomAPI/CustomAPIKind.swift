import Foundation
import Hummingbird
import NIOHTTP1
import SwitchboardConnectors
import SwitchboardCore
import SwitchboardStore

/// Custom HTTP APIs: the shared family routes, the tools a person adds to them,
/// and a tool run as the HTTP request its templates build.
struct CustomAPIKind: IntegrationKind {
    static let family = Integration.Family(rawValue: "custom_api")
    static let endpoints =
        Endpoints.Integrations.customAPI.common + [
            Endpoints.Integrations.customAPI.tools, Endpoints.Integrations.addTool, Endpoints.Integrations.deleteTool,
        ]

    let parts: KindParts
    let service: CustomAPIService

    init(_ parts: KindParts) {
        self.parts = parts
        service = CustomAPIService(parts: parts)
    }

    func register(on routes: ConsoleRoutes) {
        let service = service
        FamilyRoutes(family: Self.family, parts: parts, view: Self.view) { agent, body, limit in
            try await service.configure(agent: agent, setup: try CustomAPISetup(body: body), limit: limit)
        }.register(on: routes)
        routes.on(Endpoints.Integrations.addTool, use: addTool)
            .on(Endpoints.Integrations.deleteTool, use: deleteTool)
    }

    @Sendable func addTool(_ request: Request, context: ConsoleContext) async throws -> Response {
        let integration = try await parts.lookup.integration(context, family: Self.family)
        var request = request
        let tool = try await service.addTool(to: integration, body: try await request.jsonBody())
        return try JSONResponse.success(IntegrationView.tool(tool.summary), status: .created)
    }

    @Sendable func deleteTool(_ request: Request, context: ConsoleContext) async throws -> Response {
        let integration = try await parts.lookup.integration(context, family: Self.family)
        guard try await parts.actions.delete(id: try context.pathID("toolId"), integrationID: integration.id) else {
            throw Action.notFound
        }
        return try JSONResponse.success(JSONValue.null)
    }

    /// `{id, config}`; the config never holds credentials.
    static func view(_ integration: Integration) throws -> JSONValue {
        guard let config = integration.settings(CustomAPISettings.self) else { throw ConsoleError.internalError }
        return .object([
            "id": .string(integration.id),
            "config": .object([
                "name": .string(config.name), "description": .optional(config.description), "base_url": .optional(config.baseURL),
                "auth_type": .string(config.authType),
            ]),
        ])
    }

    func problems(_ action: Action, arguments: JSONValue) -> [String] {
        action.definition.tool.map { ToolRequest.problems(definition: $0, arguments: arguments) } ?? []
    }

    func run(_ action: Action, integration: Integration, arguments: JSONValue) async throws -> Execution.Outcome {
        guard let definition = action.definition.tool, let settings = integration.settings(CustomAPISettings.self) else {
            throw ConsoleError.internalError
        }
        // The tool's own credentials, else the integration's.
        let auth =
            try action.sealedAuth != nil
            ? parts.secrets.auth(action.sealedAuth, owner: action.id) : parts.secrets.auth(integration.sealedSecret, owner: integration.id)
        let credentials = auth?.header.map { [($0.name, $0.value)] } ?? []
        let call = HTTPToolCall(
            definition: definition, baseURL: settings.baseURL, credentials: credentials,
            redactor: Redactor(auth: auth))
        let (guarded, names) = (parts.guarded, Set(credentials.map(\.0)))
        return await call.run(arguments: arguments) { method, url, headers, body, timeout throws(OutboundError) in
            try await guarded.send(method, url, headers: headers, body: body, timeout: timeout, credentialHeaders: names)
        }
    }
}
