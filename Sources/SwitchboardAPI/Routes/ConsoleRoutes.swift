import Hummingbird

/// Where the Console API's routes are added, each from its row of the endpoint
/// table (`Endpoints`): the row goes into the request's context first, so the
/// console's middleware (key, audit, scope, tool changes, idempotency) reads it
/// there instead of looking the route up again.
struct ConsoleRoutes {
    let router: Router<ConsoleContext>
    let middleware: [any MiddlewareProtocol<Request, Response, ConsoleContext>]

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
        let group = router.group(RouterPath(Endpoint.prefix)).add(middleware: EndpointMiddleware(endpoint: endpoint))
        for next in middleware { group.add(middleware: next) }
        group.on(RouterPath(endpoint.path), method: endpoint.method, use: handler)
        return self
    }
}

/// Puts a route's row in the request's context.
struct EndpointMiddleware: RouterMiddleware {
    typealias Context = ConsoleContext
    let endpoint: Endpoint

    func handle(_ request: Request, context: ConsoleContext, next: (Request, ConsoleContext) async throws -> Response) async throws
        -> Response
    {
        var context = context
        context.endpoint = endpoint
        return try await next(request, context)
    }
}
