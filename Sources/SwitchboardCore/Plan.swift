/// The limits a team's plan grants; `nil` means unlimited.
public struct PlanLimits: Sendable, Equatable {
    public var agents: Int?
    public var integrationsPerAgent: Int?
    public var requestsPerMinute: Int?

    public init(agents: Int?, integrationsPerAgent: Int?, requestsPerMinute: Int?) {
        self.agents = agents
        self.integrationsPerAgent = integrationsPerAgent
        self.requestsPerMinute = requestsPerMinute
    }
}

/// The plans table: the contract's defaults, with the operator's overrides merged over them.
public struct PlanTable: Sendable, Equatable {
    public private(set) var plans: [String: PlanLimits]

    public static let defaultPlans: [String: PlanLimits] = [
        "free": PlanLimits(agents: 2, integrationsPerAgent: 3, requestsPerMinute: 120),
        "starter": PlanLimits(agents: 10, integrationsPerAgent: 10, requestsPerMinute: 600),
        "pro": PlanLimits(agents: 100, integrationsPerAgent: 50, requestsPerMinute: 3000),
        "enterprise": PlanLimits(agents: nil, integrationsPerAgent: nil, requestsPerMinute: 12000),
    ]

    public init(plans: [String: PlanLimits] = PlanTable.defaultPlans) {
        self.plans = plans
    }

    /// Merges an override such as `{"free": {"agents": 5}}` over the defaults.
    /// Throws a description of the first problem (never echoing values).
    public init(overrideJSON: String) throws(PlanOverrideError) {
        self.init()
        guard let value = try? JSONValue.parse(Array(overrideJSON.utf8)), case .object(let entries) = value else {
            throw PlanOverrideError("must be a JSON object keyed by plan name")
        }
        for (name, entry) in entries {
            guard case .object(let fields) = entry else {
                throw PlanOverrideError("plan \(Self.safeName(name)) must be an object")
            }
            var limits = plans[name] ?? PlanLimits(agents: nil, integrationsPerAgent: nil, requestsPerMinute: nil)
            for (field, raw) in fields {
                let limit: Int?
                switch raw {
                case .null: limit = nil
                case .number(let n) where n.int.map({ (0..<1_000_000_000_000_000).contains($0) }) == true: limit = n.int
                default:
                    throw PlanOverrideError("\(Self.safeName(name)).\(Self.safeName(field)) must be a whole number or null")
                }
                switch field {
                case "agents": limits.agents = limit
                case "integrations_per_agent": limits.integrationsPerAgent = limit
                case "requests_per_minute": limits.requestsPerMinute = limit
                default: throw PlanOverrideError("\(Self.safeName(name)).\(Self.safeName(field)) is not a known limit")
                }
            }
            plans[name] = limits
        }
    }

    public func limits(for plan: String) -> PlanLimits? { plans[plan] }
    public var names: [String] { plans.keys.sorted() }

    private static func safeName(_ s: String) -> String {
        s.count <= 40 && s.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) ? s : "<name>"
    }
}

/// Why `SWITCHBOARD_PLANS` was refused.
public struct PlanOverrideError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
