import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SwitchboardCore
import SwitchboardStore

/// Records every change (POST, PATCH, DELETE) in the audit log: who, what, on
/// which agent and target, and how it ended. It sees only ids, never bodies, so no
/// secret can reach the log. A replayed idempotent answer is not a new change.
/// One is made per operation that changes something (`for`), knowing its row.
struct AuditMiddleware: RouterMiddleware {
    typealias Context = ConsoleContext
    let audit: AuditStore
    let clock: any TimeSource
    var endpoint: Endpoint?

    /// The middleware for `endpoint`; nil for reads and for routes that audit themselves.
    func `for`(_ endpoint: Endpoint) -> Self? {
        guard IdempotencyMiddleware.methods.contains(endpoint.method), !endpoint.auditedByRoute else { return nil }
        var audited = self
        audited.endpoint = endpoint
        return audited
    }

    func handle(_ request: Request, context: ConsoleContext, next: (Request, ConsoleContext) async throws -> Response) async throws
        -> Response
    {
        guard let identity = context.identity, let endpoint else { return try await next(request, context) }
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = ErrorMapping.response(for: error, request: request, context: context)
        }
        guard response.headers[.idempotentReplayed] == nil else { return response }
        let route = endpoint.route
        let status = response.status.code
        var target = Self.lastParameter(route: route, context: context)
        if (200..<300).contains(status), request.method == .post {
            // What a POST made (an agent, a channel, an execution) is named in its answer.
            let collector = BodyCollector()
            try await response.body.write(collector)
            response.body = .init(byteBuffer: collector.buffer)
            target = Self.createdID(in: collector.buffer) ?? target
        }
        try await audit.record(
            AuditStore.Event(
                teamID: identity.teamID, keyID: identity.keyID,
                action: endpoint.audit ?? "\(request.method.rawValue.lowercased()) \(route)",
                method: request.method.rawValue, route: route, agentID: context.parameters.get("agentId"), targetID: target,
                outcome: status == 202 ? "pending" : (200..<300).contains(status) ? "succeeded" : "failed", status: status,
                requestID: context.requestID, createdAt: clock.now()))
        return response
    }

    /// The value of the route's last path parameter (`toolId` of `.../tools/{toolId}`), which names what changed.
    static func lastParameter(route: String, context: ConsoleContext) -> String? {
        guard let open = route.lastIndex(of: "{"), let close = route[open...].firstIndex(of: "}") else { return nil }
        return context.parameters.get(String(route[route.index(after: open)..<close]))
    }

    static func createdID(in buffer: ByteBuffer) -> String? {
        guard case .object(let body)? = try? JSONValue.parse(Array(buffer.readableBytesView)), case .object(let data)? = body["data"] else {
            return nil
        }
        return ["id", "channel_id", "execution_id"].lazy.compactMap { data[$0]?.stringValue }.first
    }
}
