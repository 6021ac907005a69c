import SwitchboardCore
import SwitchboardStore

/// A kind whose integrations a person connects in a browser, by OAuth consent.
/// The onboarding pages keep the single-use link and state; the kind says where
/// the person goes and what the answer means.
protocol ConsentFlow: Sendable {
    /// Where to send the person for the integration, and what the callback will need
    /// (the PKCE verifier at least), which is sealed with the state.
    func begin(_ integration: Integration, state: String) async throws -> Result<(url: String, context: String), PageError>

    /// Finishes with the query the authorization server redirected back with.
    func finish(_ integration: Integration, context: String, answer: [String: String]) async throws -> Result<Integration, PageError>
}

/// What a page says when the flow cannot go on.
struct PageError: Error, Sendable {
    let status: Int
    let message: String

    static func refused(_ refusal: OAuthStore.Refusal, what: String) -> PageError {
        let renew = "Ask for a new link: configure the integration again (an MCP server: reauthorize it)."
        return switch refusal {
        case .unknown: PageError(status: 404, message: "This \(what) is not valid.")
        case .used: PageError(status: 410, message: "This \(what) has already been used. \(renew)")
        case .expired: PageError(status: 410, message: "This \(what) has expired. \(renew)")
        case .otherBrowser:
            PageError(
                status: 400,
                message: "This \(what) was started in another browser, or this browser no longer has its cookie. "
                    + "Start again from the onboarding link, in the browser that finishes the sign-in. \(renew)")
        }
    }

    /// The authorization server (`who`) did not grant access: its error code, and how to retry.
    static func denied(_ error: String, by who: String, retry: String) -> PageError {
        let reason = error.filter { $0.isLetter || $0 == "_" }.prefix(64)
        return PageError(status: 400, message: "\(who) did not grant access (\(reason)). \(retry)")
    }

    /// The answer of `who` came back without the authorization code.
    static func noCode(from who: String) -> PageError {
        PageError(status: 400, message: "The answer from \(who) has no authorization code.")
    }
}
