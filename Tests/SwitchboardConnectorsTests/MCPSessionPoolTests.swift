import NIOCore
import SwitchboardCore
import TestSupport
import Testing

@testable import SwitchboardConnectors

/// Kept session-era sessions: bounded per integration, handed to one operation at a
/// time, and ended (`DELETE`) when dropped for being too many, idle too long, or
/// opened with settings that changed.
@Suite("Kept MCP sessions")
struct MCPSessionPoolTests {
    static let network = FakeNetwork { _ in FakeNetwork.Reply(status: 204) }

    static func server(token: String) -> MCPServerConfig {
        MCPServerConfig(
            url: "https://tools.example.test/mcp", transport: .streamableHTTP, headers: [("Authorization", "Bearer \(token)")],
            redactor: Redactor(secrets: [token]))
    }

    static func session(_ id: String, _ server: MCPServerConfig) -> StreamableHTTPSession {
        let session = StreamableHTTPSession(
            server: server, http: GuardedHTTP(policy: AddressPolicy(), network: network), requestTimeout: 5, deadline: .now() + .seconds(5))
        session.sessionID = id
        return session
    }

    @Test func aFewAreKeptPerIntegrationAndEachIsHandedOutOnce() {
        let pool = MCPSessionPool(perIntegration: 2)
        let server = Self.server(token: "a")
        #expect(pool.put(Self.session("s1", server), as: "int_1", for: server).isEmpty)
        #expect(pool.put(Self.session("s2", server), as: "int_1", for: server).isEmpty)
        let dropped = pool.put(Self.session("s3", server), as: "int_1", for: server)
        #expect(dropped.map(\.sessionID) == ["s1"])
        #expect(pool.put(Self.session("t1", server), as: "int_2", for: server).isEmpty)
        #expect(pool.take("int_1", for: server)?.sessionID == "s3")
        #expect(pool.take("int_1", for: server)?.sessionID == "s2")
        #expect(pool.take("int_1", for: server) == nil)
        #expect(pool.take("int_2", for: server)?.sessionID == "t1")
    }

    @Test func sessionsOpenedWithOtherCredentialsOrIdleTooLongAreEnded() async throws {
        let pool = MCPSessionPool(idleLimit: .milliseconds(200))
        let old = Self.server(token: "old-token")
        _ = pool.put(Self.session("s-old", old), as: "int_1", for: old)
        // The credentials changed: the kept session is not handed out, and it is ended.
        #expect(pool.take("int_1", for: Self.server(token: "new-token")) == nil)
        let ended = { Self.network.sent.filter { $0.method == "DELETE" }.compactMap { $0.header("Mcp-Session-Id") } }
        for _ in 0..<50 where !ended().contains("s-old") { try await Task.sleep(for: .milliseconds(20)) }
        #expect(ended().contains("s-old"))

        _ = pool.put(Self.session("s-idle", old), as: "int_1", for: old)
        try await Task.sleep(for: .milliseconds(300))
        #expect(pool.take("int_1", for: old) == nil)
        for _ in 0..<50 where !ended().contains("s-idle") { try await Task.sleep(for: .milliseconds(20)) }
        #expect(ended().contains("s-idle"))
    }
}
