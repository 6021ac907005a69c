import Foundation
import NIOHTTP1
import SwitchboardConnectors
import SwitchboardCore
import SwitchboardStore

/// Runs an action: a custom API tool becomes an HTTP request built from its
/// templates; an MCP tool becomes `tools/call`. A failure of the remote side is an
/// outcome, not an error; the integration's secrets are taken out of what comes back.
struct ActionRunner: Sendable {
    let secrets: SecretBox
    let http: GuardedHTTP
    let mcp: MCPService

    func run(_ action: Action, integration: Integration, arguments: JSONValue) async throws -> Execution.Outcome {
        switch integration.family {
        case .mcpServer:
            return try await callMCP(action, integration: integration, arguments: arguments)
        default:
            return try await callHTTP(action, integration: integration, arguments: arguments)
        }
    }

    private func callMCP(_ action: Action, integration: Integration, arguments: JSONValue) async throws -> Execution.Outcome {
        let server = try mcp.server(of: integration)
        let tool = action.definition.field("mcp_name") ?? action.actionName
        let result: JSONValue
        do {
            result = try await mcp.client.withSession(server) { try await $0.callTool(tool, arguments: arguments) }
        } catch {
            return Execution.Outcome(
                succeeded: false, output: nil, message: error.description, requestLine: "tools/call \(tool)", upstreamStatus: nil)
        }
        guard case .object(let fields) = result else {
            return Execution.Outcome(
                succeeded: false, output: nil, message: "protocol error: the tool result is not an object",
                requestLine: "tools/call \(tool)", upstreamStatus: nil)
        }
        var texts: [String] = []
        if case .array(let content)? = fields["content"] {
            for case .object(let part) in content where part["type"] == .string("text") {
                if case .string(let text)? = part["text"] { texts.append(text) }
            }
        }
        let failed = fields["isError"] == .bool(true)
        let output: JSONValue =
            fields["structuredContent"]
            ?? (texts.count == 1 ? (MCPSession.parse(texts[0]) ?? .string(texts[0])) : .array(texts.map(JSONValue.string)))
        let redactor = server.redactor
        return Execution.Outcome(
            succeeded: !failed, output: redactor.redact(output), message: failed ? redactor.redact(texts.joined(separator: "\n")) : nil,
            requestLine: "tools/call \(tool)", upstreamStatus: nil)
    }

    private func callHTTP(_ action: Action, integration: Integration, arguments: JSONValue) async throws -> Execution.Outcome {
        let definition = try JSONDecoder().decode(ToolDefinition.self, from: try JSONEncoder().encode(action.definition))
        let auth = try authSettings(action: action, integration: integration)
        let values: [String: JSONValue] = if case .object(let fields) = arguments { fields } else { [:] }
        let request = ToolRequest(definition: definition, baseURL: integration.config["base_url"]?.stringValue, arguments: values)
        var headers = request.headers
        if let header = auth?.header { headers.append(header) }
        let redactor = Redactor(auth: auth)
        let line = "\(definition.method) \(request.url)"
        let response: OutboundHTTP.Response
        do {
            response = try await http.send(
                HTTPMethod(rawValue: definition.method), request.url, headers: headers, body: request.body,
                timeout: TimeInterval(definition.timeout), credentialHeaders: auth?.header.map { [$0.name] } ?? [])
        } catch {
            return Execution.Outcome(
                succeeded: false, output: nil, message: redactor.redact(error.description), requestLine: line, upstreamStatus: nil)
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

    /// The tool's own credentials, else the integration's.
    private func authSettings(action: Action, integration: Integration) throws -> AuthSettings? {
        if let sealed = action.sealedAuth {
            return try JSONDecoder().decode(AuthSettings.self, from: Data(try secrets.open(sealed, owner: action.id).utf8))
        }
        guard integration.family == .customAPI, let sealed = integration.sealedSecret else { return nil }
        return try JSONDecoder().decode(AuthSettings.self, from: Data(try secrets.open(sealed, owner: integration.id).utf8))
    }
}
