import Foundation
import NIOHTTP1
import SwitchboardCore

/// Switchboard as the OAuth client of an MCP server that requires authorization
/// (the MCP authorization flow): discovery of the server's authorization server,
/// the client identity, the authorization URL with PKCE S256 and `resource`, and
/// the token requests. Every URL here comes from the server or its metadata, so
/// every call goes through the outbound guard.
public struct MCPAuthorization: Sendable {
    /// Who Switchboard is to authorization servers.
    public struct Identity: Sendable {
        public let redirectURI: String
        /// The Client ID Metadata Document, which is also the client id where it is accepted.
        public let metadataURL: String

        /// What dynamic registration says Switchboard is (the MCP specification requires
        /// it): `native` where its redirect is a loopback address, `web` elsewhere.
        public let applicationType: String

        public init(publicURL: String) {
            redirectURI = publicURL + "/oauth/callback"
            metadataURL = publicURL + "/oauth/client-metadata.json"
            applicationType = Self.isLoopback(publicURL) ? "native" : "web"
        }

        static func isLoopback(_ url: String) -> Bool {
            guard let host = URLComponents(string: url)?.host?.lowercased() else { return false }
            if host == "localhost" || host.hasSuffix(".localhost") { return true }
            guard let address = IPAddress(host) else { return false }
            return AddressPolicy(allowed: [IPRange("127.0.0.0/8")!, IPRange("::1/128")!]).allowsExplicitly(address)
        }

        /// The document served at `metadataURL`.
        public var metadataDocument: JSONValue {
            .object([
                "client_id": .string(metadataURL), "client_name": .string("Switchboard"),
                "redirect_uris": .array([.string(redirectURI)]),
                "grant_types": .array([.string("authorization_code"), .string("refresh_token")]),
                "response_types": .array([.string("code")]), "token_endpoint_auth_method": .string("none"),
            ])
        }
    }

    /// What discovery found about a server and its authorization server.
    public struct Server: Sendable, Codable, Equatable {
        /// The server's canonical URL (RFC 8707), the only place its tokens go.
        public var resource: String
        public var issuer: String
        public var authorizationEndpoint: String
        public var tokenEndpoint: String
        public var registrationEndpoint: String?
        /// The authorization server accepts a Client ID Metadata Document as client id.
        public var acceptsMetadataDocument: Bool
        /// The authorization server puts `iss` on its redirect back (RFC 9207).
        public var sendsIssuer: Bool
        public var scope: String?
    }

    /// A client id at an authorization server, with its secret when it has one.
    public struct Client: Sendable, Codable, Equatable {
        public var id: String
        public var secret: String?
        /// `none`, `client_secret_basic` or `client_secret_post`.
        public var authMethod: String

        public init(id: String, secret: String?, authMethod: String? = nil) {
            self.id = id
            self.secret = secret
            self.authMethod = authMethod ?? (secret == nil ? "none" : "client_secret_basic")
        }
    }

    /// What an authorized integration keeps, sealed.
    public struct Grant: Sendable, Codable, Equatable {
        public var server: Server
        public var client: Client
        public var tokens: OAuthTokens

        public init(server: Server, client: Client, tokens: OAuthTokens) {
            self.server = server
            self.client = client
            self.tokens = tokens
        }

        /// Every secret it holds, for redaction.
        public var secretForms: [String] { tokens.secretForms + (client.secret.map { [$0] } ?? []) }
    }

    /// Why the flow cannot go on with this server, in words for the person.
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    let http: GuardedHTTP
    let timeout: TimeInterval

    public init(http: GuardedHTTP, timeout: TimeInterval) {
        self.http = http
        self.timeout = timeout
    }

    /// Finds the server's authorization server: the protected-resource metadata
    /// (RFC 9728) named by the server's 401 or at its well-known URLs, then the
    /// authorization server's metadata (RFC 8414, then OpenID configuration), whose
    /// issuer must be the one named exactly. A server without PKCE S256 is refused.
    public func discover(serverURL: String) async throws(Refusal) -> Server {
        let challenge = await challenge(serverURL)
        var candidates = challenge.metadataURL.map { [$0] } ?? []
        candidates += Self.wellKnown("oauth-protected-resource", for: serverURL)
        guard let (_, resourceMetadata) = try await firstDocument(candidates, what: "protected-resource metadata"),
            case .array(let servers)? = resourceMetadata.value(at: "authorization_servers"),
            let issuer = servers.first?.stringValue
        else { throw Refusal("the server publishes no protected-resource metadata naming an authorization server") }
        let resource = resourceMetadata.field("resource") ?? serverURL
        guard Self.covers(resource, serverURL) else {
            throw Refusal("the protected-resource metadata is for \(resource.prefix(200)), not for this server")
        }
        guard let (_, metadata) = try await firstDocument(Self.issuerMetadataURLs(issuer), what: "authorization server metadata") else {
            throw Refusal("the authorization server \(issuer.prefix(200)) publishes no metadata")
        }
        guard metadata.field("issuer") == issuer else {
            throw Refusal("the authorization server's metadata names another issuer than \(issuer.prefix(200))")
        }
        guard case .array(let methods)? = metadata.value(at: "code_challenge_methods_supported"), methods.contains(.string("S256"))
        else {
            throw Refusal("the authorization server does not support PKCE with S256, which Switchboard requires")
        }
        guard let authorize = metadata.field("authorization_endpoint"), let token = metadata.field("token_endpoint") else {
            throw Refusal("the authorization server's metadata has no usable authorization and token endpoints")
        }
        try await checkAuthorizationEndpoint(authorize, issuer: issuer)
        let registration = metadata.field("registration_endpoint")
        for url in [token] + (registration.map { [$0] } ?? []) {
            do { try await http.check(url) } catch { throw Refusal("the authorization server's endpoint \(error.description)") }
        }
        let scopes: String? =
            if case .array(let items)? = resourceMetadata.value(at: "scopes_supported") {
                items.compactMap(\.stringValue).joined(separator: " ")
            } else { nil }
        return Server(
            resource: resource, issuer: issuer, authorizationEndpoint: authorize, tokenEndpoint: token,
            registrationEndpoint: registration,
            acceptsMetadataDocument: metadata.value(at: "client_id_metadata_document_supported") == .bool(true),
            sendsIssuer: metadata.value(at: "authorization_response_iss_parameter_supported") == .bool(true),
            scope: challenge.scope ?? scopes.flatMap { $0.isEmpty ? nil : $0 })
    }

    /// A client id for Switchboard at `server`: its Client ID Metadata Document where
    /// accepted, otherwise one registered dynamically (RFC 7591).
    public func register(at server: Server, as identity: Identity) async throws(Refusal) -> Client {
        if server.acceptsMetadataDocument { return Client(id: identity.metadataURL, secret: nil) }
        guard let endpoint = server.registrationEndpoint else {
            throw Refusal(
                "the authorization server accepts neither a Client ID Metadata Document nor dynamic registration; "
                    + "configure a pre-registered client with auth_config.client_id")
        }
        // The type Switchboard is, then (a server that refuses it may hold another view
        // of a loopback or a public redirect) the other one, once.
        let types = [identity.applicationType, identity.applicationType == "web" ? "native" : "web"]
        var statuses: [Int] = []
        for type in types {
            guard case .object(var fields) = identity.metadataDocument else { break }
            fields["client_id"] = nil
            fields["token_endpoint_auth_method"] = nil
            fields["application_type"] = .string(type)
            let response: OutboundHTTP.Response
            do {
                response = try await http.send(
                    .POST, endpoint, headers: [("Content-Type", "application/json"), ("Accept", "application/json")],
                    body: Data(JSONValue.object(fields).jsonText.utf8), timeout: timeout)
            } catch {
                throw Refusal("could not register with the authorization server: \(error.description)")
            }
            if (200..<300).contains(response.status), let answer = JSONValue.parse(upstream: response.body),
                let id = answer.field("client_id")
            {
                return Client(id: id, secret: answer.field("client_secret"), authMethod: answer.field("token_endpoint_auth_method"))
            }
            statuses.append(response.status)
            // Only a refusal of the metadata is worth another try; anything else is final.
            guard response.status == 400 else { break }
        }
        throw Refusal(
            "the authorization server refused the registration (HTTP \(statuses.map(String.init).joined(separator: ", then HTTP "))"
                + (statuses.count > 1 ? ", as application_type \(types.joined(separator: " and as "))" : "") + ")")
    }

    /// The person's browser is sent to the authorization endpoint from Switchboard's own
    /// pages, so it must be the issuer's own page over https, or plain http on a host the
    /// operator allowed (local development): never a redirect to anywhere a server names.
    private func checkAuthorizationEndpoint(_ url: String, issuer: String) async throws(Refusal) {
        guard let parts = URLComponents(string: url), let scheme = parts.scheme?.lowercased(), let host = parts.host?.lowercased(),
            let issuerHost = URLComponents(string: issuer)?.host?.lowercased()
        else { throw Refusal("the authorization server's authorization endpoint is not a URL") }
        guard host == issuerHost else {
            throw Refusal("the authorization endpoint must be on the issuer's host \(issuerHost.prefix(200)), not \(host.prefix(200))")
        }
        if scheme == "https" { return }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        guard scheme == "http", let addresses = try? await http.network.resolve(bare),
            addresses.allSatisfy(http.policy.allowsExplicitly)
        else {
            throw Refusal(
                "the authorization endpoint must use https (plain http only on a host in SWITCHBOARD_ALLOWED_PRIVATE_RANGES)")
        }
    }

    /// Where to send the person: the authorization request with PKCE S256 and `resource`.
    public func authorizationURL(
        _ server: Server, client: Client, identity: Identity, state: String, verifier: String, scope: String?
    ) -> String {
        var query: [(String, String)] = [
            ("response_type", "code"), ("client_id", client.id), ("redirect_uri", identity.redirectURI), ("state", state),
            ("code_challenge", PKCE.challenge(for: verifier)), ("code_challenge_method", "S256"), ("resource", server.resource),
        ]
        if let scope = scope ?? server.scope { query.append(("scope", scope)) }
        return PKCE.url(server.authorizationEndpoint, adding: query)
    }

    /// Trades an authorization code for tokens.
    public func exchange(
        code: String, verifier: String, server: Server, client: Client, identity: Identity, now: Date
    ) async throws(OAuthFailure) -> OAuthTokens {
        try await tokenRequest(
            [
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", identity.redirectURI),
                ("code_verifier", verifier), ("resource", server.resource),
            ], server: server, client: client, keeping: nil, now: now)
    }

    /// New tokens from the grant's refresh token.
    public func refresh(_ grant: Grant, now: Date) async throws(OAuthFailure) -> OAuthTokens {
        guard let refreshToken = grant.tokens.refreshToken else { throw .invalidGrant }
        return try await tokenRequest(
            [("grant_type", "refresh_token"), ("refresh_token", refreshToken), ("resource", grant.server.resource)],
            server: grant.server, client: grant.client, keeping: refreshToken, now: now)
    }

    private func tokenRequest(
        _ form: [(String, String)], server: Server, client: Client, keeping refreshToken: String?, now: Date
    ) async throws(OAuthFailure) -> OAuthTokens {
        var form = form
        var headers = [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")]
        switch (client.authMethod, client.secret) {
        case ("client_secret_basic", let secret?):
            let pair = "\(OutboundHTTP.formEncode(client.id)):\(OutboundHTTP.formEncode(secret))"
            headers.append(("Authorization", "Basic " + Data(pair.utf8).base64EncodedString()))
        case ("client_secret_post", let secret?):
            form += [("client_id", client.id), ("client_secret", secret)]
        default:
            form.append(("client_id", client.id))
        }
        let body = form.map { "\(OutboundHTTP.formEncode($0.0))=\(OutboundHTTP.formEncode($0.1))" }.joined(separator: "&")
        let response: OutboundHTTP.Response
        do {
            // Marked as carrying credentials: a redirect to another origin is not followed.
            response = try await http.send(
                .POST, server.tokenEndpoint, headers: headers, body: Data(body.utf8), timeout: timeout,
                credentialHeaders: ["authorization"])
        } catch {
            throw .other("could not reach the authorization server's token endpoint: \(error.description)")
        }
        return try OAuthTokens.read(
            status: response.status, body: response.body, keeping: refreshToken, now: now, who: "The authorization server")
    }

    /// What an unauthenticated request to the server says about its authorization:
    /// `resource_metadata` and `scope` of its `WWW-Authenticate` challenge.
    private func challenge(_ serverURL: String) async -> (metadataURL: String?, scope: String?) {
        let ping = #"{"jsonrpc":"2.0","id":0,"method":"ping"}"#
        guard
            let response = try? await http.send(
                .POST, serverURL,
                headers: [("Content-Type", "application/json"), ("Accept", "application/json, text/event-stream")],
                body: Data(ping.utf8), timeout: timeout),
            response.status == 401, let header = response.headers.first(name: "www-authenticate")
        else { return (nil, nil) }
        let metadata = Self.parameter("resource_metadata", in: header).flatMap { Self.isHTTP($0) ? $0 : nil }
        return (metadata, Self.parameter("scope", in: header))
    }

    /// The first of `urls` that answers a JSON object, with that object. A refused
    /// address ends the search: it is not for Switchboard to call.
    private func firstDocument(_ urls: [String], what: String) async throws(Refusal) -> (String, JSONValue)? {
        for url in urls {
            let response: OutboundHTTP.Response
            do {
                try await http.check(url)
                response = try await http.send(.GET, url, headers: [("Accept", "application/json")], timeout: timeout)
            } catch {
                throw Refusal("could not read the \(what) at \(url.prefix(200)): \(error.description)")
            }
            if response.status == 200, let document = JSONValue.parse(upstream: response.body), case .object = document {
                return (url, document)
            }
        }
        return nil
    }

    /// `https://host/.well-known/<name>/<path>` then `https://host/.well-known/<name>`.
    static func wellKnown(_ name: String, for url: String) -> [String] {
        guard let parts = URLComponents(string: url), let scheme = parts.scheme, let host = parts.host else { return [] }
        let origin = "\(scheme)://\(host)\(parts.port.map { ":\($0)" } ?? "")"
        var path = parts.path
        while path.hasSuffix("/") { path.removeLast() }
        let root = "\(origin)/.well-known/\(name)"
        return path.isEmpty ? [root] : [root + path, root]
    }

    /// The authorization server metadata URLs of an issuer, in the MCP specification's order.
    static func issuerMetadataURLs(_ issuer: String) -> [String] {
        guard let parts = URLComponents(string: issuer), let scheme = parts.scheme, let host = parts.host else { return [] }
        let origin = "\(scheme)://\(host)\(parts.port.map { ":\($0)" } ?? "")"
        var path = parts.path
        while path.hasSuffix("/") { path.removeLast() }
        if path.isEmpty {
            return ["\(origin)/.well-known/oauth-authorization-server", "\(origin)/.well-known/openid-configuration"]
        }
        return [
            "\(origin)/.well-known/oauth-authorization-server\(path)", "\(origin)/.well-known/openid-configuration\(path)",
            "\(origin)\(path)/.well-known/openid-configuration",
        ]
    }

    /// `resource` names `url`: the same origin, and `url`'s path at or under its path.
    static func covers(_ resource: String, _ url: String) -> Bool {
        guard GuardedHTTP.origin(resource) == GuardedHTTP.origin(url), let want = URLComponents(string: resource)?.path,
            let have = URLComponents(string: url)?.path
        else { return false }
        let base = want.hasSuffix("/") ? want : want + "/"
        return have == want || want.isEmpty || want == "/" || have.hasPrefix(base)
    }

    static func isHTTP(_ url: String) -> Bool {
        guard let scheme = URLComponents(string: url)?.scheme?.lowercased() else { return false }
        return scheme == "http" || scheme == "https"
    }

    /// A parameter of a `WWW-Authenticate` challenge, quoted or not.
    static func parameter(_ name: String, in header: String) -> String? {
        guard let range = header.range(of: "\(name)=", options: .caseInsensitive) else { return nil }
        let rest = header[range.upperBound...]
        if rest.hasPrefix("\"") {
            return rest.dropFirst().split(separator: "\"", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)
        }
        return rest.split(whereSeparator: { $0 == "," || $0 == " " }).first.map(String.init)
    }
}
