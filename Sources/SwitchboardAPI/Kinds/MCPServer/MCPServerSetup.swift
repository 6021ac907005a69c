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
        MCPServerSettings(name: name, serverURL: serverURL, transport: transport, authType: auth.type)
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
struct MCPServerSettings: Sendable, Equatable {
    var name: String
    var serverURL: String
    var transport: String
    var authType: String
}

extension MCPServerSettings {
    init(_ integration: Integration) {
        let stored = integration.config
        self.init(
            name: stored["name"]?.stringValue ?? integration.name, serverURL: stored["server_url"]?.stringValue ?? "",
            transport: stored["transport"]?.stringValue ?? "streamable_http", authType: stored["auth_type"]?.stringValue ?? "none")
    }

    var stored: [String: JSONValue] {
        ["name": .string(name), "server_url": .string(serverURL), "transport": .string(transport), "auth_type": .string(authType)]
    }
}
