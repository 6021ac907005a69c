import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix
import Synchronization

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

/// The network: the system resolver and AsyncHTTPClient, with a client — and so
/// a pool of kept-alive connections — per host and checked address. A client's
/// DNS override pins its host to the address that was checked, and the client
/// pools by scheme, host and port within it: a connection is reused only for the
/// same scheme, host, port and checked address, and TLS still verifies the host
/// name. A host that now resolves elsewhere gets another client.
public final class NetworkExchange: HTTPExchange {
    struct Key: Hashable {
        let host: String
        let address: IPAddress
    }

    struct Entry {
        let client: HTTPClient
        var inFlight = 0
        var lastUsed: NIODeadline
    }

    /// The most clients kept; beyond it the least recently used idle ones are closed.
    static let maxClients = 64
    /// A client unused for this long is closed (its connections close after a minute idle anyway).
    static let idleLimit = TimeAmount.minutes(2)

    private let clients = Mutex<[Key: Entry]>([:])

    public init() {}

    deinit {
        for entry in clients.withLock({ $0.values }) { _ = entry.client.shutdown() }
    }

    public func exchange<T: Sendable>(
        _ request: HTTPClientRequest, host: String, address: IPAddress, deadline: NIODeadline,
        _ handle: @escaping @Sendable (HTTPClientResponse) async throws -> T
    ) async throws -> T {
        let key = Key(host: host, address: address)
        let client = checkOut(key)
        defer { checkIn(key) }
        return try await handle(try await client.execute(request, deadline: deadline))
    }

    private func checkOut(_ key: Key) -> HTTPClient {
        let now = NIODeadline.now()
        let (client, closing) = clients.withLock { clients -> (HTTPClient, [HTTPClient]) in
            var entry = clients[key] ?? Entry(client: Self.makeClient(key), lastUsed: now)
            entry.inFlight += 1
            entry.lastUsed = now
            clients[key] = entry
            return (entry.client, Self.evict(&clients, now: now))
        }
        for client in closing { _ = client.shutdown() }
        return client
    }

    private func checkIn(_ key: Key) {
        clients.withLock { clients in
            clients[key]?.inFlight -= 1
            clients[key]?.lastUsed = .now()
        }
    }

    /// Takes out the idle clients unused for `idleLimit`, and the least recently
    /// used idle ones while there are more than `maxClients`.
    private static func evict(_ clients: inout [Key: Entry], now: NIODeadline) -> [HTTPClient] {
        var closing: [HTTPClient] = []
        for (key, entry) in clients where entry.inFlight == 0 && now - entry.lastUsed > idleLimit {
            closing.append(entry.client)
            clients[key] = nil
        }
        if clients.count > maxClients {
            let idle = clients.filter { $0.value.inFlight == 0 }.sorted { $0.value.lastUsed < $1.value.lastUsed }
            for (key, entry) in idle.prefix(clients.count - maxClients) {
                closing.append(entry.client)
                clients[key] = nil
            }
        }
        return closing
    }

    private static func makeClient(_ key: Key) -> HTTPClient {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.dnsOverride = [key.host: key.address.description]
        configuration.timeout = .init(connect: .seconds(10))
        // A refused connection is an answer: say so at once rather than retry until the connect timeout.
        configuration.connectionPool.retryConnectionEstablishment = false
        // The client's own spans would record the URL whole, query and argument values with it;
        // `OutboundTrace` makes the span of each call instead.
        configuration.tracing.tracer = nil
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
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
