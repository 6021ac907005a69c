import Hummingbird
import SwitchboardCore

/// Reads a JSON request body of at most 1 MiB.
enum BodyReader {
    static let maxBytes = 1 << 20

    /// The parsed body, or nil when there is none; 413 past the limit, 400 for bad JSON.
    static func json(_ request: inout Request) async throws -> JSONValue? {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBytes {
            throw ConsoleError.payloadTooLarge
        }
        let buffer = try await request.collectBody(upTo: maxBytes)
        guard buffer.readableBytes > 0 else { return nil }
        return try JSONValue.parse(Array(buffer.readableBytesView))
    }
}
