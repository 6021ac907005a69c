/// An error the Console API answers with: it knows its HTTP status, its contract
/// code and its message, but nothing of the transport that carries it.
public struct ConsoleError: Error, Sendable, Equatable {
    /// The message is a sentence, or for validation errors one `"path: problem"` per problem.
    public enum Message: Sendable, Equatable {
        case text(String)
        case problems([String])
    }

    public let status: Int
    public let code: String
    public let message: Message
    /// Extra response headers the error carries (e.g. `Retry-After`).
    public var headers: [String: String]

    public init(status: Int, code: String, message: Message, headers: [String: String] = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    public init(status: Int, code: String, _ text: String, headers: [String: String] = [:]) {
        self.init(status: status, code: code, message: .text(text), headers: headers)
    }

    /// The HTTP reason phrase of `status`, as the contract's `error` field.
    public var reason: String { Self.reasonPhrases[status] ?? "Error" }

    static let reasonPhrases: [Int: String] = [
        400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
        405: "Method Not Allowed", 409: "Conflict", 413: "Payload Too Large",
        415: "Unsupported Media Type", 429: "Too Many Requests", 500: "Internal Server Error",
        501: "Not Implemented", 503: "Service Unavailable",
    ]
}

extension ConsoleError {
    public static func validation(_ problems: [String]) -> ConsoleError {
        ConsoleError(status: 400, code: "validation_error", message: .problems(problems))
    }

    public static func badRequest(_ text: String) -> ConsoleError {
        ConsoleError(status: 400, code: "bad_request", text)
    }

    public static let malformedJSON = badRequest("Malformed JSON body.")

    public static let missingAPIKey = ConsoleError(status: 401, code: "unauthorized", "Missing API key.")
    public static let emptyAPIKey = ConsoleError(status: 401, code: "api_key_missing", "API key is missing.")
    public static let invalidAPIKey = ConsoleError(status: 401, code: "api_key_invalid", "Invalid API key.")
    public static let expiredAPIKey = ConsoleError(status: 401, code: "api_key_expired", "API key has expired.")

    public static func insufficientScope(_ scope: Scope) -> ConsoleError {
        ConsoleError(
            status: 403, code: "insufficient_scope",
            "This API key is missing the required scope: \(scope.rawValue).")
    }

    public static func forbidden(_ text: String) -> ConsoleError {
        ConsoleError(status: 403, code: "forbidden", text)
    }

    public static func notFound(_ text: String) -> ConsoleError {
        ConsoleError(status: 404, code: "not_found", text)
    }

    public static func routeNotFound(method: String, path: String) -> ConsoleError {
        notFound("Cannot \(method) \(path)")
    }

    public static func conflict(_ text: String) -> ConsoleError {
        ConsoleError(status: 409, code: "conflict", text)
    }

    public static let payloadTooLarge = ConsoleError(
        status: 413, code: "payload_too_large", "Request body must not exceed 1 MiB.")

    public static func rateLimited(retryAfter seconds: Int) -> ConsoleError {
        ConsoleError(
            status: 429, code: "rate_limited",
            "Rate limit exceeded. Retry after \(seconds) seconds.",
            headers: ["Retry-After": String(seconds)])
    }

    public static func tooManyRequests(retryAfter seconds: Int) -> ConsoleError {
        ConsoleError(
            status: 429, code: "too_many_requests",
            "Too many requests. Retry after \(seconds) seconds.",
            headers: ["Retry-After": String(seconds)])
    }

    public static let internalError = ConsoleError(
        status: 500, code: "internal_error", "Internal server error.")

    public static func notImplemented(_ text: String) -> ConsoleError {
        ConsoleError(status: 501, code: "not_implemented", text)
    }
}
