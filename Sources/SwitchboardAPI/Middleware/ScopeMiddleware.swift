import Hummingbird
import Logging
import SwitchboardCore

/// Checks that the key holds the scope its operation needs (its row in `Endpoints`)
/// before anything else handles the request, so that nothing — an idempotent replay
/// included — answers a key that may not make the call.
struct ScopeMiddleware: RouterMiddleware {
    typealias Context = ConsoleContext

    func handle(_ request: Request, context: ConsoleContext, next: (Request, ConsoleContext) async throws -> Response) async throws
        -> Response
    {
        // A route without a row would have no scope at all: refuse rather than allow.
        guard let endpoint = context.endpoint else {
            context.logger.error("route without an endpoint row", metadata: ["route": "\(context.endpointPath ?? "?")"])
            throw ConsoleError.internalError
        }
        guard let identity = context.identity else { throw ConsoleError.missingAPIKey }
        try identity.require(endpoint.scope)
        return try await next(request, context)
    }
}
