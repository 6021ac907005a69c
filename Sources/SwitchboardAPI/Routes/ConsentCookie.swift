import Foundation
import Hummingbird
import SwitchboardCore

/// The cookie that binds a consent to the browser that opened its link. `/oauth/start`
/// sets one per state, named after the state, so several consents opened in one
/// browser each keep theirs; `/oauth/callback` answers only to the browser that
/// holds the state's cookie, which an authorization-server link sent to someone
/// else does not carry.
struct ConsentCookie: Sendable {
    static let path = "/oauth"
    /// `Secure` when the server's public URL is https.
    let secure: Bool

    init(publicURL: String) {
        secure = publicURL.lowercased().hasPrefix("https://")
    }

    /// `sb_consent_` and the start of the state's hash: the name says nothing of the state.
    func name(state: String) -> String { "sb_consent_" + Identifier.hash(state).prefix(16) }

    func make(state: String, value: String, lifetime: TimeInterval) -> Cookie {
        Cookie(
            name: name(state: state), value: value, maxAge: Int(lifetime), path: Self.path, secure: secure, httpOnly: true,
            sameSite: .lax)
    }

    /// Ends the state's cookie once its consent is done.
    func cleared(state: String) -> Cookie { make(state: state, value: "", lifetime: 0) }
}
