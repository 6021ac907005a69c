import Hummingbird
import NIOCore
import SwitchboardCore

/// Reads request bodies of at most 1 MiB, or what an operation allows (`Endpoint.maxBody`).
enum BodyReader {
    static let maxBytes = 1 << 20

    /// The whole body (kept on the request for later readers); 413 past the limit.
    static func collect(_ request: inout Request, maxBytes: Int = maxBytes) async throws -> ByteBuffer {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBytes {
            throw ConsoleError.payloadTooLarge
        }
        return try await request.collectBody(upTo: maxBytes)
    }

    /// The parsed JSON body, or nil when there is none; 400 for bad JSON.
    static func json(_ request: inout Request, maxBytes: Int = maxBytes) async throws -> JSONValue? {
        let buffer = try await collect(&request, maxBytes: maxBytes)
        guard buffer.readableBytes > 0 else { return nil }
        return try JSONValue.parse(Array(buffer.readableBytesView))
    }
}
