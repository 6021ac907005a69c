import Foundation
import TestSupport
import Testing

@testable import SwitchboardConnectors
@testable import SwitchboardCore

/// Discovery against a server and an authorization server answered by `FakeNetwork`:
/// the authorization endpoint a person is sent to must be the issuer's own page over
/// https, and registration says what kind of client Switchboard is.
@Suite("MCP authorization discovery")
struct MCPAuthorizationDiscoveryTests {
    static let server = "https://mcp.example.com/mcp"
    static let issuer = "https://auth.example.com"

    /// The two metadata documents, with `authorize` as the authorization endpoint.
    static func network(
        authorize: String, registration: @escaping @Sendable (JSONValue) -> FakeNetwork.Reply = { _ in client("c1") }
    ) -> FakeNetwork {
        FakeNetwork { sent in
            switch sent.path {
            case "/.well-known/oauth-protected-resource/mcp":
                return .json(.object(["resource": .string(server), "authorization_servers": .array([.string(issuer)])]))
            case "/.well-known/oauth-authorization-server":
                return .json(
                    .object([
                        "issuer": .string(issuer), "authorization_endpoint": .string(authorize),
                        "token_endpoint": .string(issuer + "/token"), "registration_endpoint": .string(issuer + "/register"),
                        "code_challenge_methods_supported": .array([.string("S256")]),
                    ]))
            case "/register": return registration(sent.json ?? .null)
            default: return FakeNetwork.Reply(status: 404)
            }
        }
    }

    static func client(_ id: String) -> FakeNetwork.Reply { .json(.object(["client_id": .string(id)]), status: 201) }

    static func discover(_ network: FakeNetwork, allowed: [String] = []) async -> Result<MCPAuthorization.Server, MCPAuthorization.Refusal>
    {
        let http = GuardedHTTP(policy: AddressPolicy(allowed: allowed.compactMap(IPRange.init)), network: network)
        do { return .success(try await MCPAuthorization(http: http, timeout: 5).discover(serverURL: server)) } catch {
            return .failure(error)
        }
    }

    @Test func theIssuersOwnHTTPSPageIsAccepted() async throws {
        let found = try await Self.discover(Self.network(authorize: "https://auth.example.com/oauth/authorize")).get()
        #expect(found.authorizationEndpoint == "https://auth.example.com/oauth/authorize")
    }

    @Test func anEndpointOnAnotherHostIsRefusedNamingTheIssuersHost() async {
        guard case .failure(let refusal) = await Self.discover(Self.network(authorize: "https://phish.example/authorize")) else {
            Issue.record("an off-host authorization endpoint was accepted")
            return
        }
        #expect(refusal.description == "the authorization endpoint must be on the issuer's host auth.example.com, not phish.example")
    }

    @Test func plainHTTPIsRefusedUnlessTheHostIsInAnAllowedRange() async throws {
        guard case .failure(let refusal) = await Self.discover(Self.network(authorize: "http://auth.example.com/authorize")) else {
            Issue.record("a plain http authorization endpoint was accepted")
            return
        }
        #expect(refusal.description.hasPrefix("the authorization endpoint must use https"))
        #expect(refusal.description.contains("SWITCHBOARD_ALLOWED_PRIVATE_RANGES"))
        // An allowed private range does not make a public host's plain http acceptable.
        let stillRefused = await Self.discover(Self.network(authorize: "http://auth.example.com/authorize"), allowed: ["10.0.0.0/8"])
        if case .success = stillRefused { Issue.record("plain http to a public host was accepted") }
    }

    @Test func registrationSaysTheApplicationTypeAndTriesTheOtherOnce() async throws {
        let network = Self.network(authorize: "https://auth.example.com/authorize") { document in
            document.field("application_type") == "web"
                ? .json(.object(["error": .string("invalid_client_metadata")]), status: 400) : Self.client("c2")
        }
        let http = GuardedHTTP(policy: AddressPolicy(), network: network)
        let authorization = MCPAuthorization(http: http, timeout: 5)
        let server = try await authorization.discover(serverURL: Self.server)
        let client = try await authorization.register(at: server, as: .init(publicURL: "https://switchboard.example.com"))
        #expect(client.id == "c2")
        #expect(network.sent.filter { $0.path == "/register" }.map { $0.json?.field("application_type") } == ["web", "native"])
        #expect(MCPAuthorization.Identity(publicURL: "http://127.0.0.1:8080").applicationType == "native")
        #expect(MCPAuthorization.Identity(publicURL: "http://localhost:8080").applicationType == "native")
        #expect(MCPAuthorization.Identity(publicURL: "http://[::1]:8080").applicationType == "native")
        #expect(MCPAuthorization.Identity(publicURL: "https://board.example.com").applicationType == "web")
    }
}
