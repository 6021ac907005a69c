import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SwitchboardCore

/// Authenticates the API key, limits failed attempts per address and requests per
/// key, and puts the identity into the context. Routes then name the scope they need.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = ConsoleContext
    let authenticator: KeyAuthenticator
    let addressLimiter: AddressLimiter
    let rateLimiter: KeyRateLimiter
    let clock: any TimeSource

    func handle(_ request: Request, context: ConsoleContext, next: (Request, ConsoleContext) async throws -> Response) async throws
        -> Response
    {
        let now = clock.now()
        let address = context.remoteAddress?.ipAddress ?? "unknown"
        if let wait = addressLimiter.blocked(address, now: now) {
            throw ConsoleError.tooManyRequests(retryAfter: wait)
        }
        let identity: Identity
        do {
            let secret = try Credentials.key(authorization: request.headers[.authorization], apiKey: request.headers[.xAPIKey])
            identity = try await authenticator.authenticate(secret)
        } catch var error as ConsoleError where error.status == 401 {
            addressLimiter.recordFailure(address, now: now)
            error.headers["WWW-Authenticate"] = "Bearer"
            throw error
        }

        var limitHeaders: [(HTTPField.Name, String)] = []
        if let perMinute = identity.limits.requestsPerMinute {
            let decision = try await rateLimiter.admit(keyID: identity.keyID, capacity: perMinute, now: now)
            limitHeaders = [
                (.rateLimitLimit, String(decision.limit)), (.rateLimitRemaining, String(decision.remaining)),
                (.rateLimitReset, String(decision.resetAt)),
            ]
            if !decision.allowed {
                var error = ConsoleError.rateLimited(retryAfter: decision.retryAfter)
                for (name, value) in limitHeaders { error.headers[name.canonicalName] = value }
                throw error
            }
        }

        var context = context
        context.identity = identity
        context.now = now.truncatedToMillis
        context.logger[metadataKey: "key_id"] = .string(identity.keyID)
        context.trace?.identify(teamID: identity.teamID, agentID: context.parameters.get("agentId"))
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = ErrorMapping.response(for: error, request: request, context: context)
        }
        for (name, value) in limitHeaders { response.headers[name] = value }
        return response
    }
}
