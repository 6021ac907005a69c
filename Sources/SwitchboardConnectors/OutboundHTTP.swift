import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// The HTTP client for calls to operator-configured services (providers, Google,
/// Pipedream, token endpoints the operator set): the same seam, caps and deadlines
/// as `GuardedHTTP`, so tests answer these calls without a network too, but any
/// address the operator's configuration names may be reached and no redirect is
/// followed. Errors describe what happened in words, never with the request's
/// headers or body.
public struct OutboundHTTP: Sendable {
    public struct Response: Sendable {
        public let status: Int
        public let body: Data
        public let headers: HTTPHeaders

        public init(status: Int, body: Data, headers: HTTPHeaders = [:]) {
            self.status = status
            self.body = body
            self.headers = headers
        }
    }

    let http: GuardedHTTP

    public init(network: any HTTPExchange) {
        http = GuardedHTTP(policy: .anywhere, network: network)
    }

    public func send(
        _ method: HTTPMethod, _ url: String, headers: [(String, String)] = [], body: Data? = nil, timeout: TimeInterval
    ) async throws(OutboundError) -> Response {
        try await http.send(method, url, headers: headers, body: body, timeout: timeout, redirects: 0)
    }

    /// A form POST (`application/x-www-form-urlencoded`).
    public func postForm(_ url: String, form: [(String, String)], timeout: TimeInterval) async throws(OutboundError) -> Response {
        let body = form.map { "\(Self.formEncode($0.0))=\(Self.formEncode($0.1))" }.joined(separator: "&")
        return try await send(
            .POST, url, headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")],
            body: Data(body.utf8), timeout: timeout)
    }

    static let formAllowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))

    public static func formEncode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: formAllowed) ?? ""
    }
}

/// Why an outbound call failed, in words a person can act on.
public struct OutboundError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }

    /// Whether `error` comes from the HTTP client or the network rather than from
    /// code that read the answer.
    static func isTransport(_ error: any Error) -> Bool {
        error is HTTPClientError || error is NIOConnectionError || error is IOError || error is ChannelError
            || error is NIOTooManyBytesError || error is CancellationError
    }

    init(describing error: any Error) {
        switch error {
        case let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout:
            description = "timed out"
        case let error as HTTPClientError where error == .connectTimeout:
            description = "connection timed out"
        case let error as HTTPClientError where error == .invalidURL || error == .emptyHost || error == .emptyScheme:
            description = "invalid URL"
        case is NIOTooManyBytesError:
            description = "response too large"
        case let error as NIOConnectionError:
            description = error.dnsAAAAError != nil || error.dnsAError != nil ? "DNS lookup failed" : "connection refused"
        case let error as IOError:
            description = error.errnoCode == ECONNREFUSED ? "connection refused" : "network error (errno \(error.errnoCode))"
        default:
            let text = String(describing: error).lowercased()
            if text.contains("refused") {
                description = "connection refused"
            } else if text.contains("ssl") || text.contains("tls") || text.contains("certificate") {
                description = "TLS error"
            } else if text.contains("timeout") || text.contains("timed out") {
                description = "timed out"
            } else {
                description = "network error"
            }
        }
    }
}
