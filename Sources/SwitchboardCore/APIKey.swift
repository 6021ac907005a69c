import Foundation

/// A team API key as stored: only the SHA-256 hash of the secret is kept.
public struct APIKey: Sendable, Equatable {
    public let id: String
    public let teamID: String
    public var name: String
    public let hash: String
    public var scopes: Set<Scope>
    public var expiresAt: Date?
    public var revokedAt: Date?
    public var lastUsedAt: Date?
    public let createdAt: Date

    public init(
        id: String, teamID: String, name: String, hash: String, scopes: Set<Scope>,
        expiresAt: Date?, revokedAt: Date? = nil, lastUsedAt: Date? = nil, createdAt: Date
    ) {
        self.id = id
        self.teamID = teamID
        self.name = name
        self.hash = hash
        self.scopes = scopes
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.lastUsedAt = lastUsedAt
        self.createdAt = createdAt
    }

    public func isExpired(at now: Date) -> Bool {
        guard let expiresAt else { return false }
        return expiresAt <= now
    }
}

/// What an authenticated request acts as.
public struct Identity: Sendable, Equatable {
    public let teamID: String
    public let keyID: String
    public let scopes: Set<Scope>
    public let plan: String
    public let limits: PlanLimits

    public init(teamID: String, keyID: String, scopes: Set<Scope>, plan: String, limits: PlanLimits) {
        self.teamID = teamID
        self.keyID = keyID
        self.scopes = scopes
        self.plan = plan
        self.limits = limits
    }

    /// Throws 403 `insufficient_scope` unless the key may do what `scope` grants.
    public func require(_ scope: Scope) throws(ConsoleError) {
        guard scopes.grants(scope) else { throw .insufficientScope(scope) }
    }
}
