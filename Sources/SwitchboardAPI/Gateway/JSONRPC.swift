import HTTPTypes
import SwitchboardCore

/// A JSON-RPC request as the gateway reads it: a notification has no id.
struct RPCRequest: Sendable {
    let id: JSONValue?
    let method: String
    let params: [String: JSONValue]

    /// Reads one message; a batch, or anything that is not a request, is refused.
    static func read(_ body: [UInt8]) -> Result<RPCRequest, RPCError> {
        guard let message = JSONValue.parse(upstream: body) else {
            return .failure(RPCError(code: RPCError.parseError, "Parse error: the body is not JSON"))
        }
        if case .array = message {
            return .failure(RPCError(code: RPCError.invalidRequest, "Invalid request: batches are not supported"))
        }
        guard case .object(let fields) = message, fields["jsonrpc"] == .string("2.0"), let method = fields["method"]?.stringValue else {
            return .failure(RPCError(code: RPCError.invalidRequest, "Invalid request: expected a JSON-RPC 2.0 request"))
        }
        let id = fields["id"]
        if let id {
            switch id {
            case .string: break
            case .number(let number) where number.isInteger: break
            default: return .failure(RPCError(code: RPCError.invalidRequest, "Invalid request: the id must be a string or an integer"))
            }
        }
        let params: [String: JSONValue]
        switch fields["params"] {
        case nil: params = [:]
        case .object(let values)?: params = values
        default: return .failure(RPCError(code: RPCError.invalidRequest, "Invalid request: params must be an object", id: id))
        }
        return .success(RPCRequest(id: id, method: method, params: params))
    }
}

/// A JSON-RPC error, with the HTTP status it travels with in the stateless era.
struct RPCError: Error, Sendable {
    static let parseError = -32700
    static let invalidRequest = -32600
    static let methodNotFound = -32601
    static let invalidParams = -32602
    static let headerMismatch = -32020
    static let unsupportedVersion = -32022
    /// A cap of the gateway is reached (a server error of JSON-RPC's reserved range); it travels with HTTP 429.
    static let serverBusy = -32000

    let code: Int
    let message: String
    var data: JSONValue?
    var id: JSONValue?

    init(code: Int, _ message: String, data: JSONValue? = nil, id: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
        self.id = id
    }

    var httpStatus: HTTPResponse.Status {
        switch code {
        case Self.methodNotFound: .notFound
        case Self.parseError, Self.invalidRequest, Self.invalidParams, Self.headerMismatch, Self.unsupportedVersion: .badRequest
        default: .ok
        }
    }

    /// The error answer to the request with `id`.
    func reply(to id: JSONValue?) -> JSONValue {
        var error: [String: JSONValue] = ["code": .int(code), "message": .string(message)]
        if let data { error["data"] = data }
        return .object(["jsonrpc": .string("2.0"), "id": id ?? self.id ?? .null, "error": .object(error)])
    }
}

extension RPCRequest {
    /// The answer to this request.
    func result(_ result: JSONValue) -> JSONValue {
        .object(["jsonrpc": .string("2.0"), "id": id ?? .null, "result": result])
    }
}
