import Hummingbird
import SwitchboardCore
import SwitchboardStore

/// After a change that alters an agent's tools has succeeded (actions enabled or
/// disabled, tools added or deleted, a configure, a discover, a disconnect), tells the
/// gateway's listening clients through the feed. Only the routes whose row says
/// `changesTools` run it.
struct ToolChangeMiddleware: RouterMiddleware {
    typealias Context = ConsoleContext
    let feed: ToolChangeFeed

    func handle(_ request: Request, context: ConsoleContext, next: (Request, ConsoleContext) async throws -> Response) async throws
        -> Response
    {
        let response = try await next(request, context)
        if (200..<300).contains(response.status.code), let agentID = context.parameters.get("agentId") {
            await feed.publish(agentID: agentID)
        }
        return response
    }
}
