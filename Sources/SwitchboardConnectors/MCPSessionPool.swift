import NIOCore
import Synchronization

/// Session-era sessions kept between operations, so a tool call does not pay for a
/// handshake: a few per integration, each handed to one operation at a time,
/// closed (`DELETE`) when idle too long, when their integration's server settings
/// or credentials changed, when there are too many, and when the server stops.
public final class MCPSessionPool: Sendable {
    struct Kept {
        let key: String
        /// The server settings the session was opened with.
        let fingerprint: String
        let session: StreamableHTTPSession
    }

    let perIntegration: Int
    let total: Int
    let idleLimit: TimeAmount
    /// Least recently returned first.
    private let kept = Mutex<[Kept]>([])

    public init(perIntegration: Int = 4, total: Int = 256, idleLimit: TimeAmount = .minutes(5)) {
        self.perIntegration = perIntegration
        self.total = total
        self.idleLimit = idleLimit
    }

    /// A kept session of `key` opened with `server`'s settings, if one is idle.
    /// Sessions of `key` opened with other settings are closed.
    func take(_ key: String, for server: MCPServerConfig) -> StreamableHTTPSession? {
        let fingerprint = Self.fingerprint(server)
        let (found, stale) = kept.withLock { kept -> (StreamableHTTPSession?, [Kept]) in
            var stale = expire(&kept)
            stale += kept.filter { $0.key == key && $0.fingerprint != fingerprint }
            kept.removeAll { $0.key == key && $0.fingerprint != fingerprint }
            guard let index = kept.lastIndex(where: { $0.key == key }) else { return (nil, stale) }
            return (kept.remove(at: index).session, stale)
        }
        if !stale.isEmpty { Task { await Self.close(stale) } }
        return found
    }

    /// Keeps `session` for `key`; what no longer fits is returned, to be closed.
    func put(_ session: StreamableHTTPSession, as key: String, for server: MCPServerConfig) -> [StreamableHTTPSession] {
        kept.withLock { kept in
            var dropped = expire(&kept)
            kept.append(Kept(key: key, fingerprint: Self.fingerprint(server), session: session))
            if kept.count(where: { $0.key == key }) > perIntegration, let oldest = kept.firstIndex(where: { $0.key == key }) {
                dropped.append(kept.remove(at: oldest))
            }
            if kept.count > total { dropped.append(kept.removeFirst()) }
            return dropped.map(\.session)
        }
    }

    /// Closes every kept session (the server is stopping).
    public func closeAll() async {
        await Self.close(
            kept.withLock { kept in
                defer { kept = [] }
                return kept
            })
    }

    /// Takes out the sessions idle for longer than `idleLimit`.
    private func expire(_ kept: inout [Kept]) -> [Kept] {
        let oldest = NIODeadline.now() - idleLimit
        let expired = kept.filter { $0.session.lastUsed < oldest }
        kept.removeAll { $0.session.lastUsed < oldest }
        return expired
    }

    private static func close(_ sessions: [Kept]) async {
        for entry in sessions { await entry.session.close() }
    }

    private static func fingerprint(_ server: MCPServerConfig) -> String {
        ([server.url] + server.headers.map { "\($0.0):\($0.1)" }).joined(separator: "\n")
    }
}
