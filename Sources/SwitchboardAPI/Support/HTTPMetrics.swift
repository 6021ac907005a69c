import Prometheus

/// Request counts by route and status, and a latency histogram by route, in the
/// Prometheus text format. Routes are the matched templates, so the label set stays small.
public struct HTTPMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    static let buckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2.5), .milliseconds(5), .milliseconds(10),
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
    ]

    public init() {}

    func record(method: String, route: String, status: Int, duration: Duration) {
        registry.makeCounter(
            name: "http_requests_total",
            labels: [("method", method), ("route", route), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            name: "http_request_duration_seconds",
            labels: [("method", method), ("route", route)], buckets: Self.buckets
        ).record(duration)
    }

    /// The whole registry in the Prometheus text format.
    func render() -> [UInt8] { registry.emitToBuffer() }
}
