import Foundation
import Hummingbird
import SwitchboardCore

extension Request {
    /// The query string as a dictionary, decoded as forms are (`+` is a space); the
    /// first value of a repeated name wins.
    var queryItems: [String: String] {
        var items: [String: String] = [:]
        for pair in (uri.query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            let name = decode(parts[0])
            if items[name] == nil { items[name] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return items
    }

    /// Filter values from the query (ids, names): each at most 128 characters.
    func filters(_ names: [String]) throws(ConsoleError) -> [String: String] {
        let query = queryItems
        var values: [String: String] = [:]
        var problems: [String] = []
        for name in names {
            guard let value = query[name], !value.isEmpty else { continue }
            if value.unicodeScalars.count > 128 { problems.append("\(name): must be at most 128 characters") } else { values[name] = value }
        }
        if !problems.isEmpty { throw .validation(problems) }
        return values
    }

    /// The JSON body, or nil when there is none.
    mutating func jsonBody(maxBytes: Int = BodyReader.maxBytes) async throws -> JSONValue? {
        try await BodyReader.json(&self, maxBytes: maxBytes)
    }
}

extension ConsoleContext {
    /// A path parameter the route declares.
    func pathID(_ name: String) throws -> String {
        try parameters.require(name)
    }
}
