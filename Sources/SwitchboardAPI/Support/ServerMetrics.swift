import Prometheus

/// What `/metrics` shows, in the Prometheus text format: requests by route, action
/// runs and their upstream calls by integration type, webhook deliveries, refusals
/// of the outbound guard, the gauges read when scraped, and the process's own.
/// Every label has a bounded set of values: route templates, integration types,
/// statuses and outcomes — never an id.
public struct ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    static let buckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2.5), .milliseconds(5), .milliseconds(10),
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .seconds(2.5), .seconds(5), .seconds(10), .seconds(30),
    ]

    public init() {}

    func record(method: String, route: String, status: Int, duration: Duration) {
        registry.makeCounter(
            name: "http_requests_total", labels: [("method", method), ("route", route), ("status", String(status))],
            help: "HTTP requests served, by method, route template and status."
        ).increment()
        registry.makeDurationHistogram(
            name: "http_request_duration_seconds", labels: [("method", method), ("route", route)], buckets: Self.buckets,
            help: "Time to answer an HTTP request, by method and route template."
        ).record(duration)
    }

    /// One action run asked for (`status`: succeeded, failed or pending_approval), and
    /// for a run that finished, how long it took from the request.
    func execution(integrationType: String, source: String, status: String, duration: Duration?) {
        registry.makeCounter(
            name: "switchboard_action_executions_total",
            labels: [("integration_type", integrationType), ("source", source), ("status", status)],
            help: "Action executions, by integration type, source (api or mcp) and status."
        ).increment()
        guard let duration else { return }
        registry.makeDurationHistogram(
            name: "switchboard_action_duration_seconds", labels: [("integration_type", integrationType)], buckets: Self.buckets,
            help: "Time an action run took, from the request to its recorded outcome, by integration type."
        ).record(duration)
    }

    /// The call an action run made to its upstream (`outcome`: success, http_error or error).
    func upstream(integrationType: String, outcome: String, duration: Duration) {
        registry.makeCounter(
            name: "switchboard_upstream_requests_total", labels: [("integration_type", integrationType), ("outcome", outcome)],
            help: "Calls of action runs to their upstream API or MCP server, by integration type and outcome."
        ).increment()
        registry.makeDurationHistogram(
            name: "switchboard_upstream_request_duration_seconds", labels: [("integration_type", integrationType)],
            buckets: Self.buckets, help: "Time of action runs' upstream calls, by integration type."
        ).record(duration)
    }

    /// One delivery attempt of a webhook (`outcome`: success or failure).
    func webhookDelivery(outcome: String) {
        registry.makeCounter(
            name: "switchboard_webhook_deliveries_total", labels: [("outcome", outcome)],
            help: "Webhook delivery attempts, by outcome."
        ).increment()
    }

    /// A call the outbound guard refused (`reason`: the address range, or `scheme`).
    func refused(reason: String) {
        registry.makeCounter(
            name: "switchboard_outbound_refusals_total", labels: [("reason", reason)],
            help: "Outbound calls refused by the guard, by the address range or rule that refused them."
        ).increment()
    }

    /// What is read when scraped rather than counted as it happens.
    struct Gauges {
        var gatewayStreams: Int
        var approvalsPending: Int
        var logLinesDropped: Int
    }

    /// The whole registry in the Prometheus text format, then the process's metrics.
    func render(_ gauges: Gauges) -> [UInt8] {
        registry.makeGauge(name: "switchboard_gateway_streams", help: "Open event streams of the MCP gateway in this process.")
            .set(Double(gauges.gatewayStreams))
        registry.makeGauge(name: "switchboard_approvals_pending", help: "Executions waiting for a person's approval.")
            .set(Double(gauges.approvalsPending))
        var text = registry.emitToBuffer()
        text += Array(
            """
            # HELP switchboard_log_lines_dropped_total Log lines dropped because the log writer fell behind.
            # TYPE switchboard_log_lines_dropped_total counter
            switchboard_log_lines_dropped_total \(gauges.logLinesDropped)

            """.utf8)
        text += ProcessMetrics.read().text.utf8
        return text
    }
}
