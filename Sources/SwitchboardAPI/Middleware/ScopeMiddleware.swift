import Hummingbird
import SwitchboardCore

/// Checks that the key holds the scope its operation needs (its row in `Endpoints`)
/// before anything else handles the request, so that nothing — an idempotent replay
/// included — answers a key that may not make the call.
struct ScopeMiddleware: RouterMiddleware {
    typealias Context = ConsoleContext
    let scope: Scope

    func handle(_ request: Request, context: ConsoleContext, next: (Request, ConsoleContext) async throws -> Response) async throws
        -> Response
    {
        guard let identity = context.identity else { throw ConsoleError.missingAPIKey }
        try identity.require(scope)
        return try await next(request, context)
    }
}
