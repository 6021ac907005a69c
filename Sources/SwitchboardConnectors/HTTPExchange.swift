import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix

/// Where `GuardedHTTP` sends a request once the policy allowed it: the network,
/// or — in tests — something that answers without one. Everything before (the
/// checks, redirects) and after (caps, deadlines, reading) stays the same.
public protocol HTTPExchange: Sendable {
    /// Every address `host` resolves to.
    func resolve(_ host: String) async throws(OutboundError) -> [IPAddress]

    /// Sends `request` to `address`, the checked address of `host`, and hands the
    /// response to `handle` while the connection is open.
    func exchange<T: Sendable>(
        _ request: HTTPClientRequest, host: String, address: IPAddress, deadline: NIODeadline,
        _ handle: @escaping @Sendable (HTTPClientResponse) async throws -> T
    ) async throws -> T
}

/// The network: the system resolver and AsyncHTTPClient.
public struct NetworkExchange: HTTPExchange {
    public init() {}

    /// A client per call pins the host to the checked address while TLS still
    /// verifies the host name.
    public func exchange<T: Sendable>(
        _ request: HTTPClientRequest, host: String, address: IPAddress, deadline: NIODeadline,
        _ handle: @escaping @Sendable (HTTPClientResponse) async throws -> T
    ) async throws -> T {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.dnsOverride = [host: address.description]
        configuration.timeout = .init(connect: .seconds(10))
        // A refused connection is an answer: say so at once rather than retry until the connect timeout.
        configuration.connectionPool.retryConnectionEstablishment = false
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let outcome: Result<T, any Error>
        do {
            outcome = .success(try await handle(try await client.execute(request, deadline: deadline)))
        } catch {
            outcome = .failure(error)
        }
        try? await client.shutdown()
        return try outcome.get()
    }

    /// Every address of a host (an IP literal in any form getaddrinfo accepts resolves to itself).
    public func resolve(_ host: String) async throws(OutboundError) -> [IPAddress] {
        let result: [IPAddress]?
        do {
            result = try await NIOThreadPool.singleton.runIfActive { () -> [IPAddress]? in
                var hints = addrinfo()
                hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
                var list: UnsafeMutablePointer<addrinfo>?
                guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return nil }
                defer { freeaddrinfo(first) }
                var addresses: [IPAddress] = []
                var node: UnsafeMutablePointer<addrinfo>? = first
                while let entry = node {
                    if let sockaddr = entry.pointee.ai_addr {
                        if entry.pointee.ai_family == AF_INET {
                            var v4 = sockaddr.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
                            addresses.append(IPAddress(bytes: withUnsafeBytes(of: &v4) { Array($0) }))
                        } else if entry.pointee.ai_family == AF_INET6 {
                            var v6 = sockaddr.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
                            addresses.append(IPAddress(bytes: withUnsafeBytes(of: &v6) { Array($0) }))
                        }
                    }
                    node = entry.pointee.ai_next
                }
                return addresses
            }
        } catch {
            throw OutboundError("DNS lookup failed")
        }
        guard let result, !result.isEmpty else { throw OutboundError("DNS lookup failed") }
        return result
    }
}
