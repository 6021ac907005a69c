import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SwitchboardCore
import SwitchboardStore

/// Applies `Idempotency-Key` to POST, PATCH and DELETE, after the key and its scope
/// were checked: the first answer (unless it is a 5xx) is stored and replayed to the
/// same API key for the same request; a different request, another API key, or a
/// request still running under the same key is a conflict. Stored answers are sealed.
struct IdempotencyMiddleware: RouterMiddleware {
    typealias Context = ConsoleContext
    let store: IdempotencyStore
    let secrets: SecretBox
    /// The operation's largest body (`Endpoint.maxBody`).
    var maxBody = BodyReader.maxBytes
    static let methods: Set<HTTPRequest.Method> = [.post, .patch, .delete]

    func handle(_ request: Request, context: ConsoleContext, next: (Request, ConsoleContext) async throws -> Response) async throws
        -> Response
    {
        guard Self.methods.contains(request.method), let key = request.headers[.idempotencyKey], let identity = context.identity else {
            return try await next(request, context)
        }
        guard (1...255).contains(key.count) else {
            throw ConsoleError.validation(["Idempotency-Key: must be 1 to 255 characters"])
        }
        var request = request
        let body = try await BodyReader.collect(&request, maxBytes: maxBody)
        let fingerprint = Self.fingerprint(method: request.method.rawValue, path: request.uri.path, query: request.uri.query, body: body)

        switch try await store.claim(teamID: identity.teamID, keyID: identity.keyID, key: key, fingerprint: fingerprint) {
        case .mismatch:
            throw ConsoleError.conflict("Idempotency-Key was already used with a different request.")
        case .otherKey:
            throw ConsoleError.conflict("Idempotency-Key was already used by another API key.")
        case .inProgress:
            throw ConsoleError.conflict("A request with this Idempotency-Key is already in progress.")
        case .replay(let status, let stored):
            // Answers are kept sealed (one may hold a secret shown once); rows from before were kept as they were.
            let body = stored.hasPrefix("v1.") ? try secrets.open(stored, owner: Self.owner(identity.teamID, key)) : stored
            var response = JSONResponse.json(Data(body.utf8), status: .init(code: status))
            response.headers[.idempotentReplayed] = "true"
            return response
        case .started:
            var response: Response
            do {
                response = try await next(request, context)
            } catch {
                response = ErrorMapping.response(for: error, request: request, context: context)
            }
            if response.status.code >= 500 {
                try await store.release(teamID: identity.teamID, key: key)
                return response
            }
            let collector = BodyCollector()
            try await response.body.write(collector)
            try await store.complete(
                teamID: identity.teamID, key: key, status: response.status.code,
                body: try secrets.seal(String(buffer: collector.buffer), owner: Self.owner(identity.teamID, key)))
            response.body = .init(byteBuffer: collector.buffer)
            return response
        }
    }
}

extension IdempotencyMiddleware {
    /// Whose stored answer it is: the team and its idempotency key.
    static func owner(_ teamID: String, _ key: String) -> String { "idempotency \(teamID) \(key)" }

    /// What makes two requests "the same": method, path, query and body.
    static func fingerprint(method: String, path: String, query: String?, body: ByteBuffer) -> String {
        var hasher = SHA256()
        hasher.update(data: Data("\(method) \(path)?\(query ?? "")\n".utf8))
        hasher.update(data: Data(body.readableBytesView))
        return Identifier.hex(hasher.finalize())
    }
}
