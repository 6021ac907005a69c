import Hummingbird
import SwitchboardCore

/// Routes of the Console API that this server has not built yet: after the usual
/// key and scope checks they answer 501 `not_implemented`, so a client learns that
/// clearly instead of getting a 404.
struct NotImplementedRoutes {
    func register(on routes: ConsoleRoutes) {
        for endpoint in Endpoints.unbuilt {
            guard let feature = endpoint.unbuilt else { continue }
            routes.on(endpoint) { _, _ -> Response in
                throw ConsoleError.notImplemented("\(feature) are not implemented by this server yet.")
            }
        }
    }
}
