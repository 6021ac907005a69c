import HTTPTypes
import Foundation
import Hummingbird
import NIOCore
import SwitchboardCore

/// Builds the contract's bodies: `{"message": "Success", "data": ...}` (plus `meta`
/// for pages) and the error body.
enum JSONResponse {
    private struct Envelope<T: Encodable>: Encodable {
        let message: String
        let data: T
        let meta: PageMeta?
    }

    private struct ErrorBody: Encodable {
        let message: ConsoleError.Message
        let error: String
        let code: String
        let statusCode: Int
        let requestID: String

        enum CodingKeys: String, CodingKey {
            case message, error, code, statusCode, requestID = "request_id"
        }
    }

    static func success<T: Encodable>(_ data: T, status: HTTPResponse.Status = .ok, meta: PageMeta? = nil) throws -> Response {
        json(try encoder.encode(Envelope(message: "Success", data: data, meta: meta)), status: status)
    }

    static func error(_ error: ConsoleError, requestID: String) -> Response {
        let body = ErrorBody(message: error.message, error: error.reason, code: error.code, statusCode: error.status, requestID: requestID)
        // Encoding strings and ints cannot fail.
        var response = json((try? encoder.encode(body)) ?? Data(), status: .init(code: error.status))
        for (name, value) in error.headers {
            if let field = HTTPField.Name(name) { response.headers[field] = value }
        }
        return response
    }

    static func json(_ data: Data, status: HTTPResponse.Status) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return encoder
    }()
}

extension ConsoleError.Message: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .problems(let problems): try container.encode(problems)
        }
    }
}
