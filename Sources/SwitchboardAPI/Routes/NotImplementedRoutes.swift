import Hummingbird
import SwitchboardCore

/// Routes of the Console API that this server has not built yet: after the usual
/// key and scope checks they answer 501 `not_implemented`, so a client learns that
/// clearly instead of getting a 404.
struct NotImplementedRoutes {
    func register(on group: RouterGroup<ConsoleContext>) {
        for endpoint in Endpoints.all {
            guard let feature = endpoint.unbuilt else { continue }
            group.on(RouterPath(endpoint.path), method: endpoint.method) { _, _ -> Response in
                throw ConsoleError.notImplemented("\(feature) are not implemented by this server yet.")
            }
        }
    }
}
