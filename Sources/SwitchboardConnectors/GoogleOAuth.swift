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

    public typealias Tokens = OAuthTokens
    public typealias Failure = OAuthFailure

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

    /// Where to send the person for consent.
    public func consentURL(scope: String, state: String, verifier: String, redirectURI: String) -> String {
        let query: [(String, String)] = [
            ("client_id", settings.clientID ?? ""), ("redirect_uri", redirectURI), ("response_type", "code"),
            ("scope", scope), ("access_type", "offline"), ("prompt", "consent"), ("include_granted_scopes", "true"),
            ("state", state), ("code_challenge", PKCE.challenge(for: verifier)), ("code_challenge_method", "S256"),
        ]
        return PKCE.url(settings.authURL, adding: query)
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
        return try Tokens.read(status: response.status, body: response.body, keeping: refreshToken, now: now, who: "Google")
    }
}
