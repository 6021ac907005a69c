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
        FamilyRoutes.endpoints(family) + [
            Endpoint(.post, base + "/{integrationId}/tools", .integrationsWrite, audit: "tool.create"),
            Endpoint(.delete, base + "/{integrationId}/tools/{toolId}", .integrationsWrite, audit: "tool.delete"),
        ]

    let parts: KindParts
    let service: CustomAPIService

    init(_ parts: KindParts) {
        self.parts = parts
        service = CustomAPIService(parts: parts)
    }

    func register(on group: RouterGroup<ConsoleContext>) {
        let (service, lookup, actions) = (service, parts.lookup, parts.actions)
        FamilyRoutes(family: Self.family, parts: parts, view: Self.view) { agent, body, limit in
            try await service.configure(agent: agent, setup: try CustomAPISetup(body: body), limit: limit)
        }.register(on: group)
        group.post(RouterPath(Self.base + "/{integrationId}/tools")) { request, context in
            let integration = try await lookup.integration(context, family: Self.family)
            var request = request
            let tool = try await service.addTool(to: integration, body: try await request.jsonBody())
            return try JSONResponse.success(IntegrationView.tool(tool.summary), status: .created)
        }
        group.delete(RouterPath(Self.base + "/{integrationId}/tools/{toolId}")) { _, context in
            let integration = try await lookup.integration(context, family: Self.family)
            guard try await actions.delete(id: try context.pathID("toolId"), integrationID: integration.id) else {
                throw Action.notFound
            }
            return try JSONResponse.success(JSONValue.null)
        }
    }

    /// `{id, config}`; the config never holds credentials.
    static func view(_ integration: Integration) -> JSONValue {
        let config = CustomAPIConfig(integration)
        return .object([
            "id": .string(integration.id),
            "config": .object([
                "name": .string(config.name), "description": .optional(config.description), "base_url": .optional(config.baseURL),
                "auth_type": .string(config.authType),
            ]),
        ])
    }

    func problems(_ action: Action, arguments: JSONValue) -> [String] {
        ToolRequest.pathProblems(definition: action.definition, arguments: arguments)
    }

    func run(_ action: Action, integration: Integration, arguments: JSONValue) async throws -> Execution.Outcome {
        guard let definition = ToolDefinition(json: action.definition) else { throw ConsoleError.internalError }
        // The tool's own credentials, else the integration's.
        let auth =
            try action.sealedAuth != nil
            ? parts.secrets.auth(action.sealedAuth, owner: action.id) : parts.secrets.auth(integration.sealedSecret, owner: integration.id)
        let values: [String: JSONValue] = if case .object(let fields) = arguments { fields } else { [:] }
        let request = ToolRequest(definition: definition, baseURL: CustomAPIConfig(integration).baseURL, arguments: values)
        var headers = request.headers
        if let header = auth?.header { headers.append(header) }
        let redactor = Redactor(auth: auth)
        let line = "\(definition.method) \(request.url)"
        let response: OutboundHTTP.Response
        do {
            response = try await parts.guarded.send(
                HTTPMethod(rawValue: definition.method), request.url, headers: headers, body: request.body,
                timeout: TimeInterval(definition.timeout), credentialHeaders: Set(auth?.header.map { [$0.name] } ?? []))
        } catch {
            return .failed(redactor.redact(error.description), requestLine: line)
        }
        let parsed = JSONValue.parse(upstream: response.body) ?? .string(String(decoding: response.body, as: UTF8.self))
        let succeeded = (200..<300).contains(response.status)
        var output = parsed
        if succeeded, let path = definition.responseMapping["path"] {
            output = parsed.value(at: path) ?? .null
        }
        let message =
            succeeded
            ? definition.responseMapping["success_message"] : (definition.responseMapping["error_message"] ?? "HTTP \(response.status)")
        return Execution.Outcome(
            succeeded: succeeded, output: redactor.redact(output), message: message.map(redactor.redact), requestLine: line,
            upstreamStatus: response.status)
    }
}
