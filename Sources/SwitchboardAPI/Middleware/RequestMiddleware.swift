import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SwitchboardCore
import Tracing

/// The outermost layer: gives each request its id (honoured from `X-Request-Id` or
/// made), turns any error into the contract's body, echoes the id, counts the
/// request in the metrics and writes one access log line.
struct RequestMiddleware: RouterMiddleware {
    typealias Context = ConsoleContext
    let metrics: ServerMetrics

    /// The tracer set up from `OTEL_*`, read once; without one no span is started at all.
    let tracer: (any Tracer)? = InstrumentationSystem.tracer is NoOpTracer ? nil : InstrumentationSystem.tracer

    func handle(_ request: Request, context: ConsoleContext, next: (Request, ConsoleContext) async throws -> Response) async throws
        -> Response
    {
        var context = context
        let requestID = Self.requestID(from: request.headers[.xRequestID])
        context.requestID = requestID
        context.logger[metadataKey: "request_id"] = .string(requestID)
        guard let tracer else { return await respond(request, context: context, next: next) }

        // The caller's `traceparent` (W3C Trace Context) is continued; the span is named once the route is known.
        var parent = ServiceContext.current ?? .topLevel
        tracer.extract(request.headers, into: &parent, using: HTTPFieldsExtractor())
        let span = tracer.startSpan("\(request.method.rawValue)", context: parent, ofKind: .server)
        let trace = RequestSpan(span, request: request, context: context)
        context.trace = trace
        defer { span.end() }
        return await ServiceContext.withValue(span.context) {
            let response = await respond(request, context: context, next: next)
            trace.finish(method: request.method.rawValue, route: context.endpointPath, status: response.status.code)
            return response
        }
    }

    /// Runs the request, maps any error to the contract's body, echoes the id, and counts and logs it.
    private func respond(_ request: Request, context: ConsoleContext, next: (Request, ConsoleContext) async throws -> Response) async
        -> Response
    {
        let started = ContinuousClock.now
        var response: Response
        do {
            // Headers past what the HTTP parser takes (80 KiB) never reach this point.
            guard request.headers.reduce(0, { $0 + $1.name.rawName.utf8.count + $1.value.utf8.count }) <= Self.maxHeaderBytes else {
                throw ConsoleError.badRequest("Request headers are too large.")
            }
            response = try await next(request, context)
        } catch {
            response = ErrorMapping.response(for: error, request: request, context: context)
        }
        response.headers[.xRequestID] = context.requestID

        let elapsed = ContinuousClock.now - started
        let route = context.endpointPath ?? "unmatched"
        metrics.record(method: request.method.rawValue, route: route, status: response.status.code, duration: elapsed)
        context.logger.info(
            "request",
            metadata: [
                "method": .string(request.method.rawValue), "path": .string(Self.loggedPath(request, route: context.endpointPath)),
                "status": .stringConvertible(response.status.code),
                "duration_ms": .stringConvertible(Milliseconds(elapsed)),
            ])
        return response
    }

    static let maxHeaderBytes = 32 * 1024

    /// The path as requested, but the route's template where the path carries a credential.
    static func loggedPath(_ request: Request, route: String?) -> String {
        guard let route, OnboardingRoutes.credentialPaths.contains(route) else { return request.uri.path }
        return route
    }

    /// An inbound id of 1–128 visible ASCII characters, or a new UUIDv4.
    static func requestID(from header: String?) -> String {
        if let header, (1...128).contains(header.utf8.count), header.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) {
            return header
        }
        return Identifier.uuid()
    }
}

extension HTTPField.Name {
    static let xRequestID = Self("X-Request-Id")!
    static let xAPIKey = Self("X-Api-Key")!
    static let idempotencyKey = Self("Idempotency-Key")!
    static let idempotentReplayed = Self("Idempotent-Replayed")!
    static let rateLimitLimit = Self("X-RateLimit-Limit")!
    static let rateLimitRemaining = Self("X-RateLimit-Remaining")!
    static let rateLimitReset = Self("X-RateLimit-Reset")!
}

/// A duration in milliseconds with two decimals (`1.25`), written out only when the
/// log line is, on the log writer's thread.
struct Milliseconds: CustomStringConvertible, Sendable {
    let hundredths: Int64

    init(_ duration: Duration) {
        // Rounded to the nearest hundredth, as `%.2f` would.
        hundredths = duration.components.seconds * 100_000 + (duration.components.attoseconds + 5_000_000_000_000) / 10_000_000_000_000
    }

    var description: String {
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
