import Crypto
import Foundation
import SwitchboardCore

/// OAuth tokens as stored (sealed) for an integration: Google's and an MCP server's.
public struct OAuthTokens: Sendable, Equatable, Codable {
    public var accessToken: String
    public var refreshToken: String?
    public var expiresAt: Date

    public init(accessToken: String, refreshToken: String?, expiresAt: Date) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresAt = expiresAt
    }

    /// The longest token kept (real ones are a few hundred bytes; a JWT a few KiB).
    public static let maxToken = 16 << 10

    /// Every token, for redaction.
    public var secretForms: [String] { [accessToken] + (refreshToken.map { [$0] } ?? []) }

    /// The text that is sealed: `access_token`, `refresh_token`, `expires_at` in milliseconds.
    public var sealedText: String { JSONValue.object(fields).jsonText }

    var fields: [String: JSONValue] {
        var fields: [String: JSONValue] = [
            "access_token": .string(accessToken), "expires_at": .int(Int((expiresAt.timeIntervalSince1970 * 1000).rounded())),
        ]
        if let refreshToken { fields["refresh_token"] = .string(refreshToken) }
        return fields
    }

    /// Reads opened `sealedText` back; nil when it is not one.
    public init?(sealedText: String) {
        guard let json = try? JSONValue.parse(text: sealedText) else { return nil }
        self.init(json)
    }

    init?(_ json: JSONValue) {
        guard let accessToken = json.field("access_token"), case .object(let fields) = json,
            case .number(let millis)? = fields["expires_at"]
        else { return nil }
        self.init(
            accessToken: accessToken, refreshToken: json.field("refresh_token"),
            expiresAt: Date(timeIntervalSince1970: millis.double / 1000))
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let tokens = OAuthTokens(sealedText: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not OAuth tokens"))
        }
        self = tokens
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(sealedText)
    }

    /// Reads a token endpoint's answer (RFC 6749 §5): new tokens, the refresh token
    /// kept when the server sends none. `who` names the server in errors; an error
    /// code is told, never anything else of the answer.
    public static func read(
        status: Int, body: Data, keeping refreshToken: String?, now: Date, who: String
    ) throws(OAuthFailure) -> OAuthTokens {
        let answer = JSONValue.parse(upstream: body)
        let error = answer?.field("error")
        if error == "invalid_grant" { throw .invalidGrant }
        guard (200..<300).contains(status), let answer, let access = answer.field("access_token") else {
            let code = error.map { String($0.filter { $0.isLetter || $0 == "_" }.prefix(64)) } ?? "HTTP \(status)"
            throw .other("\(who) refused the token request (\(code))")
        }
        let refresh = answer.field("refresh_token") ?? refreshToken
        guard access.utf8.count <= maxToken, (refresh?.utf8.count ?? 0) <= maxToken else {
            throw .other("\(who) answered a token longer than \(maxToken / 1024) KiB")
        }
        let expiresIn: Double = if case .number(let seconds)? = answer.value(at: "expires_in") { seconds.double } else { 3600 }
        return OAuthTokens(
            accessToken: access, refreshToken: refresh,
            expiresAt: now.addingTimeInterval(expiresIn))
    }
}

/// Why a token request failed.
public enum OAuthFailure: Error, Sendable, Equatable {
    /// The grant is no longer valid: the person must consent again.
    case invalidGrant
    /// Anything else, in words.
    case other(String)
}

/// PKCE (RFC 7636) with S256, the only method Switchboard uses.
public enum PKCE {
    /// A new verifier (64 base62 characters, within RFC 7636's 43–128).
    public static func makeVerifier() -> String { Identifier.make("", length: 64) }

    /// The S256 challenge of a verifier: base64url(SHA-256(verifier)) without padding.
    public static func challenge(for verifier: String) -> String {
        Data(SHA256.hash(data: Data(verifier.utf8))).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// `url` with `query` added, each name and value form-encoded.
    public static func url(_ url: String, adding query: [(String, String)]) -> String {
        let separator = url.contains("?") ? "&" : "?"
        return url + separator + query.map { "\(OutboundHTTP.formEncode($0.0))=\(OutboundHTTP.formEncode($0.1))" }.joined(separator: "&")
    }
}
