import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import SwitchboardConnectors
import SwitchboardCore
import Synchronization

/// Answers the server's calls to user-supplied URLs without a network: a host
/// resolves to a public address (or to what `addresses` says), `answer` makes each
/// response, and every request is remembered. The outbound guard, redirects, caps
/// and the readers of the answers all run as they do against the network.
public final class FakeNetwork: HTTPExchange {
    /// A request as it would have left the server.
    public struct Sent: Sendable {
        public let method: String
        public let url: String
        public let headers: [(String, String)]
        public let body: [UInt8]

        public func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
        public var json: JSONValue? { JSONValue.parse(upstream: body) }
        public var path: String { URLComponents(string: url)?.path ?? url }
    }

    public struct Reply: Sendable {
        public var status: Int
        public var headers: [(String, String)]
        public var body: [UInt8]

        public init(status: Int = 200, headers: [(String, String)] = [], body: [UInt8] = []) {
            self.status = status
            self.headers = headers
            self.body = body
        }

        public static func json(_ value: JSONValue, status: Int = 200, headers: [(String, String)] = []) -> Reply {
            Reply(status: status, headers: [("Content-Type", "application/json")] + headers, body: Array(value.jsonText.utf8))
        }
    }

    private let answer: @Sendable (Sent) async throws -> Reply
    private let addresses: [String: String]
    private let log = Mutex<[Sent]>([])

    public init(addresses: [String: String] = [:], answer: @escaping @Sendable (Sent) async throws -> Reply) {
        self.addresses = addresses
        self.answer = answer
    }

    /// Everything sent so far, in order.
    public var sent: [Sent] { log.withLock { $0 } }

    public func resolve(_ host: String) async throws(OutboundError) -> [IPAddress] {
        guard let address = IPAddress(addresses[host] ?? "93.184.216.34") else { throw OutboundError("DNS lookup failed") }
        return [address]
    }

    public func exchange<T: Sendable>(
        _ request: HTTPClientRequest, host: String, address: IPAddress, deadline: NIODeadline,
        _ handle: @escaping @Sendable (HTTPClientResponse) async throws -> T
    ) async throws -> T {
        var body: [UInt8] = []
        if let parts = request.body {
            for try await part in parts { body += part.readableBytesView }
        }
        let sent = Sent(method: request.method.rawValue, url: request.url, headers: request.headers.map { ($0.name, $0.value) }, body: body)
        log.withLock { $0.append(sent) }
        let reply = try await answer(sent)
        return try await handle(
            HTTPClientResponse(
                status: HTTPResponseStatus(statusCode: reply.status), headers: HTTPHeaders(reply.headers),
                body: .bytes(ByteBuffer(bytes: reply.body))))
    }
}
