import Foundation
import Logging
import SwitchboardConnectors
import SwitchboardCore
import SwitchboardStore

/// Every setting of the server, read once from `SWITCHBOARD_` environment variables.
/// A bad or missing setting fails fast with its name, never its value.
public struct SwitchboardConfig: Sendable {
    public enum LogFormat: String, Sendable { case text, json }

    public var host: String = "127.0.0.1"
    public var port: Int = 8080
    public var database: DatabaseURL = .defaultURL
    /// The base of links the server hands out.
    public var publicURL: String
    public var masterKey: MasterKey.Source = .file("switchboard.key")
    public var logLevel: Logger.Level = .info
    public var logFormat: LogFormat = .text
    public var plans = PlanTable()
    /// How long a key lookup is trusted before the database is asked again (the revocation delay).
    public var keyCacheSeconds: Double = 5
    /// Failed or missing authentications allowed per client address and minute.
    public var authFailuresPerMinute: Int = 60
    /// The plan of the team made on first start.
    public var bootstrapPlan: String = "enterprise"
    /// The connectors' API bases the operator moved (`SWITCHBOARD_<TYPE>_API_BASE`), by type;
    /// operator-configured, so trusted.
    public var apiBases: [String: String] = [:]
    /// The actions each first-party connector brings; `SWITCHBOARD_CATALOGS_DIR/<type>.json` replaces a built-in one.
    var catalogs = ConnectorCatalogs.builtIn
    public var google = GoogleOAuth.Settings()
    public var pipedream = PipedreamConnect.Settings()
    /// How often pending Pipedream integrations are checked for a connected account.
    public var pipedreamReconcileSeconds: Double = 30
    public var providerTimeoutSeconds: Double = 10
    /// How often OAuth tokens are looked at, and how long before expiry they are refreshed.
    public var oauthRefreshIntervalSeconds: Double = 60
    public var oauthRefreshMarginSeconds: Double = 300
    /// MCP time limits: one request, and one whole operation (connect, negotiate, list...).
    public var mcpRequestTimeoutSeconds: Double = 30
    public var mcpOperationTimeoutSeconds: Double = 60
    /// Private ranges that calls to user-supplied URLs may reach anyway (e.g. `127.0.0.0/8` in tests).
    public var allowedPrivateRanges: [IPRange] = []
    /// Browser origins that may reach the agent MCP gateway (`https://app.example.com`);
    /// a request with any other `Origin` is refused, against DNS rebinding.
    public var mcpAllowedOrigins: Set<String> = []
    /// Seconds between a webhook delivery's attempts; after the last wait one more attempt, then `failed`.
    public var webhookRetrySeconds: [Double] = [5, 30, 120, 600, 3600]
    /// How often the webhook sender looks for due deliveries.
    public var webhookPollSeconds: Double = 0.5
    /// Caps of the agent MCP gateway: streams, sessions, and the sessions' lifetime.
    public var gateway = GatewayLimits()

    public init(host: String = "127.0.0.1", port: Int = 8080, database: DatabaseURL = .defaultURL) {
        self.host = host
        self.port = port
        self.database = database
        self.publicURL = "http://\(host):\(port)"
    }

    /// Reads the settings from an environment such as `ProcessInfo.processInfo.environment`.
    public init(environment env: [String: String]) throws(ConfigError) {
        func value(_ name: String) -> String? {
            guard let raw = env["SWITCHBOARD_" + name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            return raw
        }
        func bad(_ name: String, _ problem: String) -> ConfigError { ConfigError(setting: "SWITCHBOARD_" + name, problem: problem) }

        self.init()
        if let host = value("HOST") { self.host = host }
        if let raw = value("PORT") {
            guard let port = Int(raw), (0...65535).contains(port) else { throw bad("PORT", "must be a port number from 0 to 65535") }
            self.port = port
        }
        if let raw = value("DATABASE_URL") {
            do { database = try DatabaseURL(parsing: raw) } catch { throw bad("DATABASE_URL", error.description) }
        }
        publicURL = "http://\(host):\(port)"
        if let raw = value("PUBLIC_URL") {
            guard let url = URL(string: raw), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                throw bad("PUBLIC_URL", "must be an absolute http or https URL")
            }
            publicURL = raw.hasSuffix("/") ? String(raw.dropLast()) : raw
        }
        if let raw = value("MASTER_KEY") {
            let keys = raw.split(separator: ",").map { Data(base64Encoded: $0.trimmingCharacters(in: .whitespaces)) }
            guard !keys.isEmpty, keys.allSatisfy({ $0?.count == 32 }) else {
                throw bad("MASTER_KEY", "must be 32 bytes in base64 (several keys may be separated by commas, the current one first)")
            }
            masterKey = .inline(keys.compactMap { $0 })
        } else if let path = value("MASTER_KEY_FILE") {
            masterKey = .file(path)
        }
        if let raw = value("LOG_LEVEL") {
            guard let level = Logger.Level(rawValue: raw.lowercased()) else {
                throw bad("LOG_LEVEL", "must be one of trace, debug, info, notice, warning, error, critical")
            }
            logLevel = level
        }
        if let raw = value("LOG_FORMAT") {
            guard let format = LogFormat(rawValue: raw.lowercased()) else { throw bad("LOG_FORMAT", "must be text or json") }
            logFormat = format
        }
        if let raw = value("PLANS") {
            do { plans = try PlanTable(overrideJSON: raw) } catch { throw bad("PLANS", error.description) }
        }
        if let raw = value("KEY_CACHE_SECONDS") {
            guard let seconds = Double(raw), (0...300).contains(seconds) else {
                throw bad("KEY_CACHE_SECONDS", "must be a number of seconds from 0 to 300")
            }
            keyCacheSeconds = seconds
        }
        if let raw = value("AUTH_FAILURES_PER_MINUTE") {
            guard let count = Int(raw), count >= 1 else { throw bad("AUTH_FAILURES_PER_MINUTE", "must be a whole number of at least 1") }
            authFailuresPerMinute = count
        }
        func url(_ name: String) throws(ConfigError) -> String? {
            guard let raw = value(name) else { return nil }
            guard let url = URL(string: raw), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                throw bad(name, "must be an absolute http or https URL")
            }
            return raw
        }
        for connector in Connector.all {
            apiBases[connector.type] = try url(connector.baseSetting)
        }
        for (name, path) in [
            ("GOOGLE_AUTH_URL", \SwitchboardConfig.google.authURL), ("GOOGLE_TOKEN_URL", \.google.tokenURL),
            ("PIPEDREAM_API_BASE", \.pipedream.apiBase), ("PIPEDREAM_MCP_URL", \.pipedream.mcpURL),
        ] {
            if let raw = try url(name) { self[keyPath: path] = raw }
        }
        if let directory = value("CATALOGS_DIR") {
            do { catalogs = try ConnectorCatalogs(overridesIn: directory) } catch { throw bad("CATALOGS_DIR", error.problem) }
        }
        if let raw = value("MCP_ALLOWED_ORIGINS") {
            mcpAllowedOrigins = Set(raw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        }
        google.clientID = value("GOOGLE_CLIENT_ID")
        google.clientSecret = value("GOOGLE_CLIENT_SECRET")
        pipedream.clientID = value("PIPEDREAM_CLIENT_ID")
        pipedream.clientSecret = value("PIPEDREAM_CLIENT_SECRET")
        pipedream.projectID = value("PIPEDREAM_PROJECT_ID")
        if let project = pipedream.projectID, !project.hasPrefix("proj_") { throw bad("PIPEDREAM_PROJECT_ID", "must start with proj_") }
        if let raw = value("PIPEDREAM_ENVIRONMENT") {
            guard PipedreamConnect.Settings.environments.contains(raw) else {
                throw bad("PIPEDREAM_ENVIRONMENT", "must be development or production")
            }
            pipedream.environment = raw
        }
        for (name, path, range) in [
            ("PROVIDER_TIMEOUT_SECONDS", \SwitchboardConfig.providerTimeoutSeconds, 0.1...120.0),
            ("OAUTH_REFRESH_INTERVAL_SECONDS", \.oauthRefreshIntervalSeconds, 0.01...86400.0),
            ("OAUTH_REFRESH_MARGIN_SECONDS", \.oauthRefreshMarginSeconds, 0...86400.0),
            ("MCP_REQUEST_TIMEOUT_SECONDS", \.mcpRequestTimeoutSeconds, 0.1...600.0),
            ("MCP_OPERATION_TIMEOUT_SECONDS", \.mcpOperationTimeoutSeconds, 0.1...600.0),
            ("PIPEDREAM_RECONCILE_SECONDS", \.pipedreamReconcileSeconds, 0.05...86400.0),
            ("WEBHOOK_POLL_SECONDS", \.webhookPollSeconds, 0.01...60.0),
            ("GATEWAY_SESSION_IDLE_SECONDS", \.gateway.sessionIdleSeconds, 1...(30 * 86400.0)),
            ("GATEWAY_SESSION_SWEEP_SECONDS", \.gateway.sessionSweepSeconds, 0.05...86400.0),
        ] {
            guard let raw = value(name) else { continue }
            guard let seconds = Double(raw), range.contains(seconds) else {
                throw bad(name, "must be a number of seconds from \(range.lowerBound) to \(range.upperBound)")
            }
            self[keyPath: path] = seconds
        }
        for (name, path) in [
            ("GATEWAY_MAX_STREAMS_PER_KEY", \SwitchboardConfig.gateway.streamsPerKey), ("GATEWAY_MAX_STREAMS", \.gateway.streams),
            ("GATEWAY_MAX_SESSIONS_PER_KEY", \.gateway.sessionsPerKey), ("GATEWAY_SEARCH_THRESHOLD", \.gateway.searchThreshold),
        ] {
            guard let raw = value(name) else { continue }
            guard let count = Int(raw), (1...1_000_000).contains(count) else { throw bad(name, "must be a whole number from 1 to 1000000") }
            self[keyPath: path] = count
        }
        if let raw = value("WEBHOOK_RETRY_SECONDS") {
            let waits = raw.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard !waits.isEmpty, waits.count <= 10, waits.allSatisfy({ ($0 ?? -1) >= 0 && ($0 ?? 0) <= 86400 }) else {
                throw bad("WEBHOOK_RETRY_SECONDS", "must be a comma-separated list of at most 10 waits in seconds, such as 5,30,120")
            }
            webhookRetrySeconds = waits.compactMap { $0 }
        }
        if let raw = value("ALLOWED_PRIVATE_RANGES") {
            let ranges = raw.split(separator: ",").map { IPRange(String($0)) }
            guard ranges.allSatisfy({ $0 != nil }) else {
                throw bad("ALLOWED_PRIVATE_RANGES", "must be a comma-separated list of CIDR ranges such as 127.0.0.0/8")
            }
            allowedPrivateRanges = ranges.compactMap { $0 }
        }
        if let raw = value("BOOTSTRAP_PLAN") {
            guard plans.limits(for: raw) != nil else {
                throw bad("BOOTSTRAP_PLAN", "must name a plan: \(plans.names.joined(separator: ", "))")
            }
            bootstrapPlan = raw
        }
    }
}

/// A setting that could not be used; says which and why, never its value.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public let setting: String
    public let problem: String
    public var description: String { "\(setting): \(problem)" }
}
