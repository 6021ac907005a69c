import Foundation
import SwitchboardCore

/// A validated MCP server configure body.
struct MCPServerSetup: Sendable, Equatable {
    static let transports = ["streamable_http", "http_sse"]

    let name: String
    let serverURL: String
    let transport: String
    let auth: AuthSettings

    init(body: JSONValue?) throws(ConsoleError) {
        var reader = FieldReader(body: body)
        let name = reader.string("name", required: true, maxLength: 100)
        let url = reader.httpURL("server_url", required: true)
        transport = reader.oneOf("transport", Self.transports) ?? "streamable_http"
        let auth = AuthSettings.read(&reader, types: AuthSettings.mcpTypes)
        try reader.finish()
        self.name = name!
        self.serverURL = url!
        self.auth = auth!
    }

    var settings: MCPServerSettings {
        MCPServerSettings(name: name, serverURL: serverURL, transport: transport, authType: auth.type, protocolVersion: nil)
    }

    /// The prefix that tells apart tools of the same name from different servers: `MrGuild` → `mrguild`.
    static func slug(_ name: String) -> String {
        let kept = name.lowercased().unicodeScalars.filter {
            $0.isASCII && (CharacterSet.lowercaseLetters.contains($0) || CharacterSet.decimalDigits.contains($0))
        }
        return kept.isEmpty ? "mcp" : String(String.UnicodeScalarView(kept))
    }
}

/// What is stored of an MCP server besides its sealed credentials, and may be shown.
struct MCPServerSettings: IntegrationSettings {
    var name: String
    var serverURL: String
    var transport: String
    var authType: String
    /// The revision the server spoke last time, which spares the next call a handshake.
    var protocolVersion: String?

    enum CodingKeys: String, CodingKey {
        case name, transport
        case serverURL = "server_url"
        case authType = "auth_type"
        case protocolVersion = "protocol_version"
    }
}
