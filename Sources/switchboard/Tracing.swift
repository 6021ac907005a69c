import Logging
import OTel
import ServiceLifecycle
import Tracing

/// OpenTelemetry tracing, set up from the standard `OTEL_*` variables when an
/// OTLP endpoint is configured (`OTEL_EXPORTER_OTLP_ENDPOINT` or
/// `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`): spans go out over OTLP/HTTP in
/// batches. Without an endpoint nothing is set up; the no-op tracer stays, and
/// spans cost next to nothing. Logs and metrics are not exported over OTLP:
/// logs go to standard error and metrics to `/metrics`.
enum TracingSetup {
    struct Unsupported: Error, CustomStringConvertible {
        let description: String
    }

    /// The exporter's service when tracing is on, after the process-wide tracer was set.
    static func bootstrap(environment: [String: String], logger: Logger) throws -> (any Service)? {
        let endpoint = environment["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] ?? environment["OTEL_EXPORTER_OTLP_ENDPOINT"]
        guard let endpoint, !endpoint.isEmpty, environment["OTEL_SDK_DISABLED"]?.lowercased() != "true" else { return nil }
        let protocolSetting =
            environment["OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"] != nil ? "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL" : "OTEL_EXPORTER_OTLP_PROTOCOL"
        if let chosen = environment[protocolSetting], !["http/protobuf", "http/json"].contains(chosen) {
            throw Unsupported(description: "\(protocolSetting): this build exports traces over http/protobuf or http/json only")
        }
        var configuration = OTel.Configuration.default
        configuration.serviceName = "switchboard"
        configuration.logs.enabled = false
        configuration.metrics.enabled = false
        configuration.diagnosticLogger = .custom(logger)
        configuration.diagnosticLogLevel = .warning
        let backend = try OTel.makeTracingBackend(configuration: configuration)
        InstrumentationSystem.bootstrap(backend.factory)
        return backend.service
    }
}
