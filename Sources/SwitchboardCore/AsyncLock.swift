import Synchronization

/// A first-come-first-served lock for async code (the single SQLite connection, one
/// rate-limit claim per key at a time). Taking a free lock does not suspend; a
/// waiter is handed the lock directly when it is released.
public final class AsyncLock: Sendable {
    private struct State {
        var locked = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    public init() {}

    /// Takes the lock if it is free, without waiting.
    public func tryLock() -> Bool {
        state.withLock { state in
            guard !state.locked else { return false }
            state.locked = true
            return true
        }
    }

    public func lock() async {
        if tryLock() { return }
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let takenNow = state.withLock { state in
                guard state.locked else {
                    state.locked = true
                    return true
                }
                state.waiters.append(waiter)
                return false
            }
            if takenNow { waiter.resume() }
        }
    }

    public func unlock() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiters.isEmpty else {
                state.locked = false
                return nil
            }
            return state.waiters.removeFirst()
        }
        next?.resume()
    }

    public func withLock<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await lock()
        return try await holding(body)
    }

    /// Runs `body` with the lock already taken, and releases it afterwards.
    public func holding<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        do {
            let result = try await body()
            unlock()
            return result
        } catch {
            unlock()
            throw error
        }
    }
}
