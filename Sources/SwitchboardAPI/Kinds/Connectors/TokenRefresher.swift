import Logging
import ServiceLifecycle
import SwitchboardStore

/// Refreshes OAuth access tokens before they expire, on a fixed interval.
struct TokenRefresher: Service, CustomStringConvertible {
    /// Services are logged by description; this one must not print what it holds.
    var description: String { "TokenRefresher" }

    let connectors: ConnectorService
    let interval: Double
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                for id in try await connectors.parts.oauth.oauthIntegrationIDs() {
                    do {
                        try await connectors.freshTokens(integrationID: id)
                    } catch {
                        logger.warning("could not refresh a token", metadata: ["integration_id": "\(id)", "reason": "\(error)"])
                    }
                }
            } catch {
                logger.warning("could not list OAuth integrations", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(interval)) }
        }
    }
}
