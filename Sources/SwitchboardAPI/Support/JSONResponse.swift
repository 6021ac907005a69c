import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SwitchboardCore

/// Builds the contract's bodies: `{"message": "Success", "data": ...}` (plus `meta`
/// for pages) and the error body.
enum JSONResponse {
    static func success(_ data: JSONValue, status: HTTPResponse.Status = .ok, meta: PageMeta? = nil) throws -> Response {
        var envelope: [String: JSONValue] = ["message": .string("Success"), "data": data]
        if let meta {
            envelope["meta"] = .object([
                "total_count": .int(meta.totalCount), "page_count": .int(meta.pageCount),
                "current_page": .int(meta.currentPage), "limit": .int(meta.limit),
                "has_next_page": .bool(meta.hasNextPage), "has_previous_page": .bool(meta.hasPreviousPage),
            ])
        }
        return json(JSONValue.object(envelope).serialized, status: status)
    }

    static func success(_ items: [JSONValue], status: HTTPResponse.Status = .ok, meta: PageMeta? = nil) throws -> Response {
        try success(.array(items), status: status, meta: meta)
    }

    static func error(_ error: ConsoleError, requestID: String) -> Response {
        let message: JSONValue =
            switch error.message {
            case .text(let text): .string(text)
            case .problems(let problems): .array(problems.map(JSONValue.string))
            }
        let body = JSONValue.object([
            "message": message, "error": .string(error.reason), "code": .string(error.code),
            "statusCode": .int(error.status), "request_id": .string(requestID),
        ])
        var response = json(body.serialized, status: .init(code: error.status))
        for (name, value) in error.headers {
            if let field = HTTPField.Name(name) { response.headers[field] = value }
        }
        return response
    }

    static func json(_ bytes: [UInt8], status: HTTPResponse.Status) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func json(_ data: Data, status: HTTPResponse.Status) -> Response {
        json(Array(data), status: status)
    }
}
