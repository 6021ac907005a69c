import Hummingbird
import SwitchboardCore

extension Request {
    /// The query string as a dictionary (the first value of a repeated name wins).
    var queryItems: [String: String] {
        var items: [String: String] = [:]
        for (name, value) in uri.queryParameters where items[String(name)] == nil {
            items[String(name)] = String(value)
        }
        return items
    }

    /// The JSON body, or nil when there is none.
    mutating func jsonBody() async throws -> JSONValue? {
        try await BodyReader.json(&self)
    }
}

extension ConsoleContext {
    /// A path parameter the route declares.
    func pathID(_ name: String) throws -> String {
        try parameters.require(name)
    }
}
