import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The one client for calls to user-supplied URLs (custom API test endpoints and
/// tools, MCP servers): http and https only; every address the host resolves to
/// must be allowed by the policy; the connection goes to the address that was
/// checked, so DNS cannot change the answer in between; every redirect hop is
/// checked the same way, and credentials never follow a redirect to another
/// origin; bodies and time are capped (`BoundedRead`).
public struct GuardedHTTP: Sendable {
    public let policy: AddressPolicy
    /// Where checked calls go: the network, or in tests something that answers without one.
    public let network: any HTTPExchange
    public static let maxBody = 5 << 20
    public static let maxRedirects = 5
    /// The longest wait for the next bytes of an answer, however long the whole call may take.
    public static let maxIdle = TimeAmount.seconds(30)
    /// Told the range (`loopback`) or `scheme` of every call the guard refuses, for the metrics.
    public var onRefusal: @Sendable (String) -> Void = { _ in }

    public init(policy: AddressPolicy, network: any HTTPExchange = NetworkExchange()) {
        self.policy = policy
        self.network = network
    }

    /// Checks a URL without calling it: scheme, host, and every address it resolves to.
    @discardableResult
    public func check(_ url: String) async throws(OutboundError) -> (host: String, address: IPAddress) {
        guard let parts = URLComponents(string: url), let scheme = parts.scheme?.lowercased(), ["http", "https"].contains(scheme) else {
            onRefusal("scheme")
            throw OutboundError("only http and https URLs are allowed")
        }
        guard var host = parts.host, !host.isEmpty else { throw OutboundError("the URL has no host") }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let addresses = try await network.resolve(host)
        for address in addresses {
            // The message names the rule, never the address: what an internal name
            // resolves to is not for the caller to learn.
            if let rule = policy.refusal(for: address) {
                onRefusal(String(rule.prefix { $0 != "," }))
                throw OutboundError("\(host) is not allowed (it resolves to an address in the \(rule) range)")
            }
        }
        return (host, addresses[0])
    }

    /// Sends a request, following up to `redirects` redirects (five unless told), each checked again.
    public func send(
        _ method: HTTPMethod, _ url: String, headers: [(String, String)] = [], body: Data? = nil, timeout: TimeInterval,
        credentialHeaders: Set<String> = [], redirects: Int = maxRedirects, maxBytes: Int = maxBody
    ) async throws(OutboundError) -> OutboundHTTP.Response {
        let deadline = NIODeadline.now() + .milliseconds(Int64(timeout * 1000))
        let idle = min(.milliseconds(Int64(timeout * 1000)), Self.maxIdle)
        var current = url
        var method = method
        var headers = headers
        var body = body
        for hop in 0...redirects {
            let response = try await sendOnce(
                method, current, headers: headers, body: body, deadline: deadline, idle: idle, maxBytes: maxBytes)
            guard hop < redirects, [301, 302, 303, 307, 308].contains(response.status), let location = response.location else {
                return OutboundHTTP.Response(status: response.status, body: response.body, headers: response.headers)
            }
            guard let next = URL(string: location, relativeTo: URL(string: current))?.absoluteString else {
                throw OutboundError("the redirect to \(location) is not a valid URL")
            }
            if Self.origin(next) != Self.origin(current) && !credentialHeaders.isEmpty {
                throw OutboundError("the redirect to another origin was not followed, so the credentials stay private")
            }
            if response.status == 303 || ((response.status == 301 || response.status == 302) && method == .POST) {
                method = .GET
                body = nil
                headers.removeAll { $0.0.lowercased() == "content-type" }
            }
            current = next
        }
        throw OutboundError("too many redirects")
    }

    struct RawResponse: Sendable {
        let status: Int
        let body: Data
        let headers: HTTPHeaders
        var location: String? { headers.first(name: "location") }
    }

    private func sendOnce(
        _ method: HTTPMethod, _ url: String, headers: [(String, String)], body: Data?, deadline: NIODeadline, idle: TimeAmount,
        maxBytes: Int
    ) async throws(OutboundError) -> RawResponse {
        do {
            return try await withResponse(method, url, headers: headers, body: body, deadline: deadline, idle: idle) { response in
                let bytes = try await BoundedRead.collect(response.body, maxBytes: maxBytes)
                return RawResponse(
                    status: Int(response.status.code), body: Data(bytes.readableBytesView), headers: response.headers)
            }
        } catch let error as OutboundError {
            throw error
        } catch {
            throw OutboundError(describing: error)
        }
    }

    /// One request without redirects, its response handled while the connection is
    /// open (for streamed answers such as server-sent events), all of it within
    /// `deadline` and with no more than `idle` between reads. A client per call pins
    /// the host to the checked address while TLS still verifies the host name.
    public func withResponse<T: Sendable>(
        _ method: HTTPMethod, _ url: String, headers: [(String, String)], body: Data?, deadline: NIODeadline, idle: TimeAmount,
        _ handle: @escaping @Sendable (HTTPClientResponse) async throws -> T
    ) async throws -> T {
        try await BoundedRead.run(deadline: deadline, idle: idle) {
            try await exchange(method, url, headers: headers, body: body, deadline: deadline, handle)
        }
    }

    private func exchange<T: Sendable>(
        _ method: HTTPMethod, _ url: String, headers: [(String, String)], body: Data?, deadline: NIODeadline,
        _ handle: @escaping @Sendable (HTTPClientResponse) async throws -> T
    ) async throws -> T {
        let (host, address) = try await check(url)
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        return try await OutboundTrace.withClientSpan(method, url, host: host, headers: request.headers) { span, traced in
            var request = request
            request.headers = traced
            do {
                return try await network.exchange(request, host: host, address: address, deadline: deadline) { response in
                    OutboundTrace.record(status: Int(response.status.code), on: span)
                    return try await handle(response)
                }
            } catch {
                // Failures of the connection are told in words; what the handler
                // throws on purpose (a protocol error, a session the server forgot)
                // reaches the caller as it is.
                throw OutboundError.isTransport(error) ? OutboundError(describing: error) : error
            }
        }
    }

    static func origin(_ url: String) -> String {
        guard let parts = URLComponents(string: url) else { return url }
        return "\(parts.scheme ?? "")://\(parts.host ?? ""):\(parts.port ?? (parts.scheme == "https" ? 443 : 80))"
    }
}
