import SwitchboardCore

/// What every store stands on: the database and the clock it stamps rows with.
public struct StoreBase: Sendable {
    let database: Database
    let clock: any TimeSource
}

/// A store over the database; `init(database:clock:)` comes with the protocol.
public protocol Store: Sendable {
    var base: StoreBase { get }
    init(base: StoreBase)
}

extension Store {
    public init(database: Database, clock: any TimeSource = SystemTimeSource()) {
        self.init(base: StoreBase(database: database, clock: clock))
    }

    var database: Database { base.database }
    var clock: any TimeSource { base.clock }
}
