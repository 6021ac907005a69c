import Foundation
import Testing

@testable import SwitchboardConnectors

/// The MCP authorization flow's rules that need no peer: where metadata is looked
/// for and in which order, which resource a server may claim, and the challenge's parameters.
@Suite("MCP authorization")
struct MCPAuthorizationTests {
    @Test func protectedResourceMetadataIsLookedForPathFirstThenAtTheRoot() {
        #expect(
            MCPAuthorization.wellKnown("oauth-protected-resource", for: "https://mcp.example.com:8443/v1/mcp/")
                == [
                    "https://mcp.example.com:8443/.well-known/oauth-protected-resource/v1/mcp",
                    "https://mcp.example.com:8443/.well-known/oauth-protected-resource",
                ])
        #expect(
            MCPAuthorization.wellKnown("oauth-protected-resource", for: "https://mcp.example.com")
                == ["https://mcp.example.com/.well-known/oauth-protected-resource"])
    }

    @Test func anIssuerWithAPathIsAskedInTheSpecificationsOrder() {
        #expect(
            MCPAuthorization.issuerMetadataURLs("https://auth.example.com/tenant1")
                == [
                    "https://auth.example.com/.well-known/oauth-authorization-server/tenant1",
                    "https://auth.example.com/.well-known/openid-configuration/tenant1",
                    "https://auth.example.com/tenant1/.well-known/openid-configuration",
                ])
        #expect(
            MCPAuthorization.issuerMetadataURLs("https://auth.example.com")
                == [
                    "https://auth.example.com/.well-known/oauth-authorization-server",
                    "https://auth.example.com/.well-known/openid-configuration",
                ])
    }

    @Test func aServerMayOnlyClaimAResourceThatCoversIt() {
        #expect(MCPAuthorization.covers("https://mcp.example.com/mcp", "https://mcp.example.com/mcp"))
        #expect(MCPAuthorization.covers("https://mcp.example.com", "https://mcp.example.com/mcp"))
        #expect(MCPAuthorization.covers("https://mcp.example.com/v1", "https://mcp.example.com/v1/mcp"))
        #expect(!MCPAuthorization.covers("https://mcp.example.com/v1", "https://mcp.example.com/v10/mcp"))
        #expect(!MCPAuthorization.covers("https://other.example.com/mcp", "https://mcp.example.com/mcp"))
        #expect(!MCPAuthorization.covers("http://mcp.example.com/mcp", "https://mcp.example.com/mcp"))
    }

    @Test func theChallengesParametersAreReadQuotedOrNot() {
        let header =
            #"Bearer error="invalid_token", scope="files:read files:write", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp""#
        #expect(
            MCPAuthorization.parameter("resource_metadata", in: header)
                == "https://mcp.example.com/.well-known/oauth-protected-resource/mcp")
        #expect(MCPAuthorization.parameter("scope", in: header) == "files:read files:write")
        #expect(MCPAuthorization.parameter("realm", in: "Bearer realm=mcp, scope=x") == "mcp")
        #expect(MCPAuthorization.parameter("resource_metadata", in: "Bearer") == nil)
    }

    @Test func theAuthorizationRequestCarriesPKCEAndTheResource() {
        let identity = MCPAuthorization.Identity(publicURL: "https://switchboard.example.com")
        let server = MCPAuthorization.Server(
            resource: "https://mcp.example.com/mcp", issuer: "https://auth.example.com",
            authorizationEndpoint: "https://auth.example.com/authorize?tenant=1",
            tokenEndpoint: "https://auth.example.com/token", registrationEndpoint: nil, acceptsMetadataDocument: true, sendsIssuer: true,
            scope: "files:read")
        let url = MCPAuthorization(http: GuardedHTTP(policy: AddressPolicy()), timeout: 5).authorizationURL(
            server, client: .init(id: identity.metadataURL, secret: nil), identity: identity, state: "s1",
            verifier: "v" + String(repeating: "x", count: 50),
            scope: nil)
        let query = Dictionary(uniqueKeysWithValues: URLComponents(string: url)!.queryItems!.map { ($0.name, $0.value ?? "") })
        #expect(url.hasPrefix("https://auth.example.com/authorize?tenant=1&"))
        #expect(
            query["code_challenge_method"] == "S256"
                && query["code_challenge"] == PKCE.challenge(for: "v" + String(repeating: "x", count: 50)))
        #expect(query["resource"] == "https://mcp.example.com/mcp" && query["scope"] == "files:read" && query["state"] == "s1")
        #expect(query["client_id"] == "https://switchboard.example.com/oauth/client-metadata.json")
        #expect(query["redirect_uri"] == "https://switchboard.example.com/oauth/callback")
    }

    @Test func theChallengeIsRFC7636s() {
        #expect(PKCE.challenge(for: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
    }
}
