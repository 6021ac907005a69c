import Synchronization

/// The gateway's caps, as settings: open event streams (the session era's GET and
/// `subscriptions/listen`) per key and in the whole process, live sessions per key,
/// and how long an unused session lives and how often the dead ones are deleted.
public struct GatewayLimits: Sendable {
    public var streamsPerKey = 32
    public var streams = 1000
    public var sessionsPerKey = 100
    public var sessionIdleSeconds: Double = 24 * 3600
    public var sessionSweepSeconds: Double = 600
    /// In `auto` mode a gateway offers `search_tools` and `call_tool` instead of its
    /// tools when it would list more than this many.
    public var searchThreshold = 40
}

/// Counts the gateway's open event streams in this process. A stream holds a
/// `Slot` for as long as it is open; the slot is given back when released, or at
/// the latest when the response that held it is gone, so no path leaks one.
final class StreamSlots: Sendable {
    private let counts = Mutex<(total: Int, perKey: [String: Int])>((0, [:]))
    let perKey: Int
    let total: Int

    init(perKey: Int, total: Int) {
        self.perKey = perKey
        self.total = total
    }

    /// How many streams are open now.
    var open: Int { counts.withLock { $0.total } }

    /// Which cap a refused stream met: the key's, or the process's.
    enum Refusal: Error { case key, process }

    /// A slot for a stream of `keyID`, or why there is none.
    func take(keyID: String) -> Result<Slot, Refusal> {
        let refusal: Refusal? = counts.withLock { counts in
            if counts.total >= total { return .process }
            if counts.perKey[keyID, default: 0] >= perKey { return .key }
            counts.total += 1
            counts.perKey[keyID, default: 0] += 1
            return nil
        }
        if let refusal { return .failure(refusal) }
        return .success(Slot(owner: self, keyID: keyID))
    }

    fileprivate func give(keyID: String) {
        counts.withLock { counts in
            counts.total -= 1
            let left = counts.perKey[keyID, default: 1] - 1
            counts.perKey[keyID] = left > 0 ? left : nil
        }
    }

    /// One open stream.
    final class Slot: Sendable {
        private let owner: StreamSlots
        private let keyID: String
        private let released = Atomic<Bool>(false)

        fileprivate init(owner: StreamSlots, keyID: String) {
            self.owner = owner
            self.keyID = keyID
        }

        func release() {
            if !released.exchange(true, ordering: .acquiringAndReleasing) { owner.give(keyID: keyID) }
        }

        deinit { release() }
    }
}
