import SwitchboardCore
import SwitchboardStore

/// A toolset gateway's change notices: of every change of the agent's tools, only
/// those that change what the toolset lists (an action enabled, a tool discovered
/// in an integration it holds, the toolset edited); the notices end when the
/// toolset is deleted, which ends its streams.
struct ToolsetChanges: Sendable {
    let feed: ToolChangeFeed
    let toolsets: ToolsetStore
    let gateway: MCPGateway

    enum Verdict: Sendable { case changed, same, gone }

    /// The tools the toolset lists as the gateway shows them; nil once it is deleted.
    func listed(_ toolset: Toolset) async throws -> [JSONValue]? {
        guard let now = try await toolsets.find(id: toolset.id, agentID: toolset.agentID) else { return nil }
        return try await gateway.listed(agentID: now.agentID, toolset: now, after: nil, limit: .max).map(MCPGateway.tool)
    }

    func changes(_ toolset: Toolset) async throws -> some AsyncSequence<Void, Never> & Sendable {
        let watch = Watch(last: try await listed(toolset))
        let source = feed.changes(agentID: toolset.agentID)
        return source.map { _ -> Verdict in
            guard let now = try? await listed(toolset) else {
                // A failed read may hide a change; telling the client to list again is safe.
                return (try? await toolsets.find(id: toolset.id, agentID: toolset.agentID)) == nil ? .gone : .changed
            }
            return await watch.compare(now)
        }
        .prefix { $0 != .gone }
        .filter { $0 == .changed }
        .map { _ in () }
    }

    /// The list a stream last announced.
    actor Watch {
        var last: [JSONValue]?

        init(last: [JSONValue]?) { self.last = last }

        func compare(_ now: [JSONValue]) -> Verdict {
            defer { last = now }
            return now == last ? .same : .changed
        }
    }
}
