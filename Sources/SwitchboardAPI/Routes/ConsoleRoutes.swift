import Hummingbird

/// Where the Console API's routes are added, each from its row of the endpoint
/// table (`Endpoints`) and behind the middleware that row calls for (`middleware`:
/// the key check, the audit of a change, its scope, the gateway's tool-change
/// notice, idempotency), so no request looks its operation up again.
struct ConsoleRoutes {
    let router: Router<ConsoleContext>
    /// The console's middleware for one operation, outermost first.
    let middleware: @Sendable (Endpoint) -> [any MiddlewareProtocol<Request, Response, ConsoleContext>]

    typealias Handler = @Sendable (Request, ConsoleContext) async throws -> Response

    /// A collection's five routes, each answered by its handler.
    @discardableResult
    func on(
        _ rows: Endpoints.Collection, list: @escaping Handler, create: @escaping Handler, find: @escaping Handler,
        update: @escaping Handler, delete: @escaping Handler
    ) -> Self {
        on(rows.list, use: list).on(rows.create, use: create).on(rows.find, use: find).on(rows.update, use: update)
            .on(rows.delete, use: delete)
    }

    /// Adds `endpoint`'s route, answered by `handler`.
    @discardableResult
    func on(
        _ endpoint: Endpoint, use handler: @escaping @Sendable (Request, ConsoleContext) async throws -> some ResponseGenerator
    ) -> Self {
        let group = router.group(RouterPath(Endpoint.prefix))
        for next in middleware(endpoint) { group.add(middleware: next) }
        group.on(RouterPath(endpoint.path), method: endpoint.method, use: handler)
        return self
    }
}
