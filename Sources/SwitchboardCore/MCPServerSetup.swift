import Foundation

/// A validated MCP server configure body.
public struct MCPServerSetup: Sendable, Equatable {
    public static let transports = ["streamable_http", "http_sse"]

    public let name: String
    public let serverURL: String
    public let transport: String
    public let auth: AuthSettings

    public init(body: JSONValue?) throws(ConsoleError) {
        var reader = FieldReader(body: body)
        let name = reader.string("name", required: true, maxLength: 100)
        let url = reader.httpURL("server_url", required: true)
        transport = reader.oneOf("transport", Self.transports) ?? "streamable_http"
        let auth = AuthSettings.read(&reader)
        try reader.finish()
        self.name = name!
        self.serverURL = url!
        self.auth = auth!
    }

    public var config: [String: JSONValue] {
        ["name": .string(name), "server_url": .string(serverURL), "transport": .string(transport), "auth_type": .string(auth.type)]
    }

    /// The prefix that tells apart tools of the same name from different servers: `MrGuild` → `mrguild`.
    public static func slug(_ name: String) -> String {
        let kept = name.lowercased().unicodeScalars.filter {
            $0.isASCII && (CharacterSet.lowercaseLetters.contains($0) || CharacterSet.decimalDigits.contains($0))
        }
        return kept.isEmpty ? "mcp" : String(String.UnicodeScalarView(kept))
    }
}
