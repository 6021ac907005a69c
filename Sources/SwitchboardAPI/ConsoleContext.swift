import Foundation
import Hummingbird
import NIOCore
import SwitchboardCore

/// The per-request context: the request id, the client address, and once
/// authenticated, who the request acts as.
public struct ConsoleContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public var requestID: String = ""
    public var identity: Identity?
    public let remoteAddress: SocketAddress?
    /// The request's time, read once from the server's clock.
    public var now: Date = Date()
    /// The request's server span when tracing is on; what the middleware learns later
    /// (who the caller is) is added to it.
    var trace: RequestSpan?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The authenticated identity; its scope for the route was checked by `ScopeMiddleware`.
    public func authenticated() throws(ConsoleError) -> Identity {
        guard let identity else { throw .missingAPIKey }
        return identity
    }
}
