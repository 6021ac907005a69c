import Foundation
import NIOHTTP1
import SwitchboardConnectors
import SwitchboardCore

/// One run of an HTTP tool — a custom API's or a first-party catalog's: the request
/// its definition builds, sent with the credentials, and the answer mapped to an
/// outcome with every secret form redacted.
struct HTTPToolCall: Sendable {
    typealias Send =
        @Sendable (HTTPMethod, String, [(String, String)], Data?, TimeInterval) async throws(OutboundError) ->
        OutboundHTTP.Response

    let definition: ToolDefinition
    let baseURL: String?
    /// The authentication headers.
    let credentials: [(String, String)]
    let redactor: Redactor
    /// Credentials sent in the URL's query (an API key there); never in the request line.
    var queryAuth: AuthSettings? = nil

    /// The longest `Retry-After` a 429 is waited out for, once.
    static let longestRetryWait: TimeInterval = 5

    func run(arguments: JSONValue, send: Send) async -> Execution.Outcome {
        let values: [String: JSONValue] = if case .object(let fields) = arguments { fields } else { [:] }
        let request = ToolRequest(definition: definition, baseURL: baseURL, arguments: values)
        let method = HTTPMethod(rawValue: definition.method)
        let headers = request.headers + credentials
        let timeout = TimeInterval(definition.timeout)
        let line = "\(definition.method) \(request.url)"
        let url = queryAuth?.adding(to: request.url) ?? request.url
        // A span shows the template: the filled-in URL holds argument values.
        let template = baseURL.map { ToolRequest.join($0, definition.urlTemplate) } ?? definition.urlTemplate
        return await OutboundTrace.$urlTemplate.withValue(template) { () async -> Execution.Outcome in
            var response: OutboundHTTP.Response
            do throws(OutboundError) {
                response = try await send(method, url, headers, request.body, timeout)
                if response.status == 429, let wait = Self.retryDelay(response.headers.first(name: "retry-after")),
                    wait <= Self.longestRetryWait
                {
                    try? await Task.sleep(for: .milliseconds(Int(wait * 1000)))
                    response = try await send(method, url, headers, request.body, timeout)
                }
            } catch {
                return .failed(redactor.redact(error.description), requestLine: line)
            }
            return outcome(of: response, requestLine: line)
        }
    }

    /// The answer as an outcome: 2xx succeeds with `response_mapping.path` picked;
    /// otherwise the message is the upstream's own text at `error_path` when it
    /// has one, else `error_message`, else the status.
    func outcome(of response: OutboundHTTP.Response, requestLine line: String) -> Execution.Outcome {
        let parsed = JSONValue.parse(upstream: response.body) ?? .string(String(decoding: response.body, as: UTF8.self))
        let mapping = definition.responseMapping
        let succeeded = (200..<300).contains(response.status)
        var output = parsed
        let message: String?
        if succeeded {
            if let path = mapping["path"] { output = parsed.value(at: path) ?? .null }
            message = mapping["success_message"]
        } else {
            let said = mapping["error_path"].flatMap { parsed.value(at: $0) }.flatMap {
                if case .string(let text) = $0, !text.isEmpty { text } else { nil }
            }
            message = said.map { "\($0) (HTTP \(response.status))" } ?? mapping["error_message"] ?? "HTTP \(response.status)"
        }
        return Execution.Outcome(
            succeeded: succeeded, output: redactor.redact(output), message: message.map(redactor.redact), requestLine: line,
            upstreamStatus: response.status)
    }

    /// Seconds to wait from a `Retry-After` value: a number of seconds or an HTTP date.
    static func retryDelay(_ value: String?, now: Date = Date()) -> TimeInterval? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value) { return seconds >= 0 && seconds.isFinite ? seconds : nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: value).map { max(0, $0.timeIntervalSince(now)) }
    }
}
