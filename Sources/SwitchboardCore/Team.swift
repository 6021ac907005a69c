import Foundation

/// A tenant: every resource belongs to one team.
public struct Team: Sendable, Equatable {
    public let id: String
    public var name: String
    public var plan: String
    public let createdAt: Date

    public init(id: String, name: String, plan: String, createdAt: Date) {
        self.id = id
        self.name = name
        self.plan = plan
        self.createdAt = createdAt
    }
}
