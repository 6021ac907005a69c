import Foundation
import Hummingbird
import NIOHTTP1
import SwitchboardConnectors
import SwitchboardCore
import SwitchboardOpenAPI
import SwitchboardStore

/// Custom HTTP APIs: the shared family routes, the tools a person adds to them,
/// and a tool run as the HTTP request its templates build.
struct CustomAPIKind: IntegrationKind {
    static let family = Integration.Family(rawValue: "custom_api")
    static let endpoints =
        Endpoints.Integrations.customAPI.common + [
            Endpoints.Integrations.customAPI.tools, Endpoints.Integrations.addTool, Endpoints.Integrations.deleteTool,
            Endpoints.Integrations.importDocument, Endpoints.Integrations.reimport,
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
            .on(Endpoints.Integrations.importDocument, use: importDocument)
            .on(Endpoints.Integrations.reimport, use: reimport)
    }

    /// 201 with the new custom API and its tools; 200 for a dry run, which stores nothing.
    @Sendable func importDocument(_ request: Request, context: ConsoleContext) async throws -> Response {
        let agent = try await parts.lookup.integrationAgent(context)
        var request = request
        let body = try await request.jsonBody(maxBytes: Endpoints.Integrations.importDocument.maxBody)
        let report = try await service.importAPI(
            agent: agent, request: try ImportRequest(body: body, reimport: false), limit: context.identity?.limits.integrationsPerAgent)
        return try JSONResponse.success(try await view(report, context: context), status: report.integration == nil ? .ok : .created)
    }

    @Sendable func reimport(_ request: Request, context: ConsoleContext) async throws -> Response {
        let integration = try await parts.lookup.integration(context, family: Self.family)
        var request = request
        let body = try await request.jsonBody(maxBytes: Endpoints.Integrations.reimport.maxBody)
        let report = try await service.reimport(integration, request: try ImportRequest(body: body, reimport: true))
        return try JSONResponse.success(try await view(report, context: context))
    }

    /// The integration as configure shows it, with what the import did and the tools
    /// as listed (on a dry run, the tools it would make).
    func view(_ report: CustomAPIService.ImportReport, context: ConsoleContext) async throws -> JSONValue {
        var fields = Self.view(id: report.integration?.id, settings: report.settings).members
        let changes = report.changes
        for (key, count) in [
            ("created", changes.created), ("updated", changes.updated), ("removed", changes.removed), ("unchanged", changes.unchanged),
        ] {
            fields[key] = .int(count)
        }
        fields["skipped"] = .array(
            report.plan.skipped.map { .object(["operation": .string($0.operation), "reason": .string($0.reason)]) })
        fields["warnings"] = .array(report.plan.warnings.map(JSONValue.string))
        if let integration = report.integration {
            let found = try await parts.integrations.agentIntegration(
                agentID: integration.agentID, teamID: integration.teamID, integrationID: integration.id)
            fields["tools"] = .array((found?.tools ?? []).map(IntegrationView.tool))
        } else {
            fields["tools"] = .array(report.plan.tools.map(Self.preview))
        }
        return .object(fields)
    }

    /// A tool a dry run would make.
    static func preview(_ tool: ImportedTool) -> JSONValue {
        let definition = tool.definition
        return .object([
            "name": .string(definition.name), "description": .optional(definition.description), "http_method": .string(definition.method),
            "url_template": .string(definition.urlTemplate), "require_human_approval": .bool(definition.requireHumanApproval),
            "source": tool.source, "input_schema": definition.inputSchema,
        ])
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
        guard let settings = integration.settings(CustomAPISettings.self) else { throw ConsoleError.internalError }
        return view(id: integration.id, settings: settings)
    }

    static func view(id: String?, settings: CustomAPISettings) -> JSONValue {
        var config: [String: JSONValue] = [
            "name": .string(settings.name), "description": .optional(settings.description), "base_url": .optional(settings.baseURL),
            "auth_type": .string(settings.authType),
        ]
        if let document = settings.openapi {
            var include: [String: JSONValue] = [:]
            if let operations = document.operations { include["operations"] = .array(operations.map(JSONValue.string)) }
            if let tags = document.tags { include["tags"] = .array(tags.map(JSONValue.string)) }
            config["openapi"] = .object([
                "document_url": .optional(document.url), "document_sha256": .string(document.sha256),
                "approval": .string(document.approval),
                "include": include.isEmpty ? .null : .object(include),
            ])
        }
        return .object(["id": .optional(id), "config": .object(config)])
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
            redactor: Redactor(auth: auth), queryAuth: auth)
        let (guarded, names) = (parts.guarded, Set(credentials.map(\.0)))
        return await call.run(arguments: arguments) { method, url, headers, body, timeout throws(OutboundError) in
            try await guarded.send(method, url, headers: headers, body: body, timeout: timeout, credentialHeaders: names)
        }
    }
}
