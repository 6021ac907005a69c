import Tracing

/// Runs `body` in a new span, as `withSpan` does, except that a thrown error marks the
/// span as an error with the error's type only. `withSpan` records the error's
/// description, and an error may quote an upstream's answer — which may echo the
/// key it was sent, or the arguments. A span that does not record (no tracer set up,
/// or not sampled) costs only its creation: callers set attributes only when
/// `isRecording`.
public func withQuietSpan<T>(
    _ name: String, context: ServiceContext? = nil, ofKind kind: SpanKind = .internal, _ body: (any Span) async throws -> T
) async rethrows -> T {
    let span = InstrumentationSystem.tracer.startSpan(name, context: context ?? .current ?? .topLevel, ofKind: kind)
    defer { span.end() }
    guard span.isRecording else { return try await body(span) }
    do {
        return try await ServiceContext.withValue(span.context) { try await body(span) }
    } catch {
        span.setStatus(.init(code: .error, message: String(reflecting: type(of: error))))
        throw error
    }
}
