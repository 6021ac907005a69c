import Hummingbird
import Logging
import NIOCore
import SwitchboardCore

/// The one place where any error becomes a contract error.
enum ErrorMapping {
    /// The contract error for `error`; unexpected errors become a bare 500.
    static func consoleError(for error: any Error, request: Request) -> ConsoleError {
        switch error {
        case let error as ConsoleError:
            return error
        case is NIOTooManyBytesError:
            return .payloadTooLarge
        case let error as HTTPError:
            switch error.status {
            case .notFound, .methodNotAllowed:
                return .routeNotFound(method: request.method.rawValue, path: request.uri.path)
            case .contentTooLarge:
                return .payloadTooLarge
            case .badRequest:
                return .malformedJSON
            default:
                return error.status.code < 500
                    ? ConsoleError(status: error.status.code, code: "bad_request", error.body ?? error.status.reasonPhrase)
                    : .internalError
            }
        default:
            return .internalError
        }
    }

    /// The response for `error`, logged by its weight: 5xx at error level with the detail, 4xx at debug.
    static func response(for error: any Error, request: Request, context: ConsoleContext) -> Response {
        let consoleError = consoleError(for: error, request: request)
        if consoleError.status >= 500 && consoleError.status != 501 {
            context.logger.error(
                "request failed",
                metadata: [
                    "error": "\(String(reflecting: type(of: error)))", "detail": "\(Redaction.redact(String(describing: error)))",
                ])
        } else {
            context.logger.debug("request refused", metadata: ["code": "\(consoleError.code)"])
        }
        return JSONResponse.error(consoleError, requestID: context.requestID)
    }
}
