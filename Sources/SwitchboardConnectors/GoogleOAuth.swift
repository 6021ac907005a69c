import Crypto
import Foundation
import SwitchboardCore

/// Google's OAuth 2.0 authorization code flow with PKCE (S256) and offline access.
public struct GoogleOAuth: Sendable {
    /// Where Google is and who this server is to it. Printing it never shows the client secret.
    public struct Settings: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
        public var authURL = "https://accounts.google.com/o/oauth2/v2/auth"
        public var tokenURL = "https://oauth2.googleapis.com/token"
        public var clientID: String?
        public var clientSecret: String?
        public init() {}

        public var description: String { "GoogleOAuth.Settings(authURL: \(authURL), tokenURL: \(tokenURL), clientSecret: <redacted>)" }
        public var debugDescription: String { description }
        public var customMirror: Mirror { Mirror(self, children: ["authURL": authURL, "tokenURL": tokenURL]) }
    }

    /// Tokens as stored (sealed) for an integration.
    public struct Tokens: Sendable, Equatable {
        public var accessToken: String
        public var refreshToken: String?
        public var expiresAt: Date

        public init(accessToken: String, refreshToken: String?, expiresAt: Date) {
            self.accessToken = accessToken
            self.refreshToken = refreshToken
            self.expiresAt = expiresAt
        }

        /// The text that is sealed: `access_token`, `refresh_token`, `expires_at` in milliseconds.
        public var sealedText: String {
            var fields: [String: JSONValue] = [
                "access_token": .string(accessToken), "expires_at": .int(Int((expiresAt.timeIntervalSince1970 * 1000).rounded())),
            ]
            if let refreshToken { fields["refresh_token"] = .string(refreshToken) }
            return JSONValue.object(fields).jsonText
        }

        /// Reads opened `sealedText` back; nil when it is not one.
        public init?(sealedText: String) {
            guard let json = try? JSONValue.parse(text: sealedText), let accessToken = json.field("access_token"),
                case .object(let fields) = json, case .number(let millis)? = fields["expires_at"]
            else { return nil }
            self.init(
                accessToken: accessToken, refreshToken: json.field("refresh_token"),
                expiresAt: Date(timeIntervalSince1970: millis.double / 1000))
        }
    }

    public enum Failure: Error, Sendable, Equatable {
        /// The grant is no longer valid: the person must consent again.
        case invalidGrant
        /// Anything else, in words.
        case other(String)
    }

    let http: OutboundHTTP
    let settings: Settings
    let timeout: TimeInterval

    public init(http: OutboundHTTP, settings: Settings, timeout: TimeInterval) {
        self.http = http
        self.settings = settings
        self.timeout = timeout
    }

    /// The missing client setting, if any (without it no Google connector can be configured).
    public var missingSetting: String? {
        if (settings.clientID ?? "").isEmpty { return "SWITCHBOARD_GOOGLE_CLIENT_ID" }
        if (settings.clientSecret ?? "").isEmpty { return "SWITCHBOARD_GOOGLE_CLIENT_SECRET" }
        return nil
    }

    /// A new PKCE verifier (64 base62 characters, within RFC 7636's 43–128).
    public static func makeVerifier() -> String { Identifier.make("", length: 64) }

    /// The S256 challenge of a verifier: base64url(SHA-256(verifier)) without padding.
    public static func challenge(for verifier: String) -> String {
        Data(SHA256.hash(data: Data(verifier.utf8))).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Where to send the person for consent.
    public func consentURL(scope: String, state: String, verifier: String, redirectURI: String) -> String {
        let query: [(String, String)] = [
            ("client_id", settings.clientID ?? ""), ("redirect_uri", redirectURI), ("response_type", "code"),
            ("scope", scope), ("access_type", "offline"), ("prompt", "consent"), ("include_granted_scopes", "true"),
            ("state", state), ("code_challenge", Self.challenge(for: verifier)), ("code_challenge_method", "S256"),
        ]
        let separator = settings.authURL.contains("?") ? "&" : "?"
        return settings.authURL + separator + query.map { "\($0.0)=\(OutboundHTTP.formEncode($0.1))" }.joined(separator: "&")
    }

    /// Trades an authorization code for tokens.
    public func exchange(code: String, verifier: String, redirectURI: String, now: Date) async throws(Failure) -> Tokens {
        try await tokenRequest(
            [
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI),
                ("client_id", settings.clientID ?? ""), ("client_secret", settings.clientSecret ?? ""), ("code_verifier", verifier),
            ], keeping: nil, now: now)
    }

    /// A new access token from the refresh token (which Google may also replace).
    public func refresh(_ tokens: Tokens, now: Date) async throws(Failure) -> Tokens {
        guard let refreshToken = tokens.refreshToken else { throw .invalidGrant }
        return try await tokenRequest(
            [
                ("grant_type", "refresh_token"), ("refresh_token", refreshToken),
                ("client_id", settings.clientID ?? ""), ("client_secret", settings.clientSecret ?? ""),
            ], keeping: refreshToken, now: now)
    }

    private func tokenRequest(_ form: [(String, String)], keeping refreshToken: String?, now: Date) async throws(Failure) -> Tokens {
        let response: OutboundHTTP.Response
        do {
            response = try await http.postForm(settings.tokenURL, form: form, timeout: timeout)
        } catch {
            throw .other("could not reach Google: \(error.description)")
        }
        let answer = JSONValue.parse(upstream: response.body)
        let error = answer?.field("error")
        if error == "invalid_grant" { throw .invalidGrant }
        guard (200..<300).contains(response.status), let answer, let access = answer.field("access_token") else {
            // Google's error codes (invalid_client, invalid_request...) hold no secret.
            let code = error.map { $0.filter { $0.isLetter || $0 == "_" } } ?? "HTTP \(response.status)"
            throw .other("Google refused the token request (\(code))")
        }
        let expiresIn: Double = if case .number(let seconds)? = answer.value(at: "expires_in") { seconds.double } else { 3600 }
        return Tokens(
            accessToken: access, refreshToken: answer.field("refresh_token") ?? refreshToken,
            expiresAt: now.addingTimeInterval(expiresIn))
    }
}
