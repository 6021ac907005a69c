import Tracing

/// The current trace context as a W3C `traceparent`, kept with work that is done
/// later (a webhook delivery) so that it joins the trace of what caused it.
public enum TraceContext {
    /// The `traceparent` of the current span, or nil when nothing is traced.
    public static func currentParent() -> String? {
        guard let context = ServiceContext.current else { return nil }
        var carrier: [String: String] = [:]
        InstrumentationSystem.instrument.inject(context, into: &carrier, using: DictionaryInjector())
        return carrier["traceparent"]
    }

    /// A context that continues `traceparent`.
    public static func continuing(_ traceparent: String?) -> ServiceContext {
        var context = ServiceContext.topLevel
        if let traceparent {
            InstrumentationSystem.instrument.extract(["traceparent": traceparent], into: &context, using: DictionaryExtractor())
        }
        return context
    }

    struct DictionaryInjector: Injector {
        func inject(_ value: String, forKey key: String, into carrier: inout [String: String]) { carrier[key] = value }
    }

    struct DictionaryExtractor: Extractor {
        func extract(key: String, from carrier: [String: String]) -> String? { carrier[key] }
    }
}
