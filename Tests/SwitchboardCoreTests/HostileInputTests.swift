import Foundation
import Testing

@testable import SwitchboardCore

@Suite("What outside input cannot change or smuggle")
struct HostileInputTests {
    @Test(arguments: [
        "9007199254740993", "-9007199254740993", "9223372036854775807", "-9223372036854775808", "18446744073709551615",
        "123456789012345678901234567890", "0", "-1",
    ])
    func integersKeepEveryDigitFromReadingToWriting(digits: String) throws {
        let value = try JSONValue.parse(Array(#"{"n": \#(digits), "list": [\#(digits)]}"#.utf8))
        #expect(value.jsonText == #"{"list":[\#(digits)],"n":\#(digits)}"#)
        #expect(value.value(at: "n")?.text == digits)
        #expect(
            ArgumentValidator.problems(
                value,
                schema: .object([
                    "type": .string("object"), "properties": .object(["n": .object(["type": .string("integer")])]),
                ])
            ).isEmpty)
        // Through Codable too (tool definitions still take that path), within 64 bits.
        if Int64(digits) != nil || UInt64(digits) != nil {
            let decoded = try JSONDecoder().decode(JSONValue.self, from: try JSONEncoder().encode(value))
            #expect(decoded == value)
        }
    }

    @Test func numbersThatAreNotIntegersStillReadAsBefore() throws {
        #expect(try JSONValue.parse(Array("[1.0, 2.5, -3e2, 1e20, -0]".utf8)).jsonText == "[1,2.5,-300,1e+20,0]")
        #expect(JSONNumber(literal: "3.0")?.isInteger == true && JSONNumber(literal: "3.5")?.isInteger == false)
        #expect(JSONNumber(literal: "9007199254740993")?.int == 9_007_199_254_740_993)
        #expect(JSONNumber(literal: "123456789012345678901234567890")?.int == nil)
        #expect(JSONNumber(literal: "1e999") == nil)
    }

    @Test func aDeepAnswerFromOutsideIsReadButItsDepthIsKnown() throws {
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        #expect(throws: ConsoleError.malformedJSON) { try JSONValue.parse(Array(deep.utf8)) }
        let parsed = try #require(JSONValue.parse(upstream: Array(deep.utf8)))
        #expect(parsed.depth == 300)
        #expect(JSONValue.parse(upstream: Array((String(repeating: "[", count: 600) + String(repeating: "]", count: 600)).utf8)) == nil)
    }

    @Test func everyFormOfACredentialIsRedacted() {
        let basic = Redactor(auth: AuthSettings(type: "basic", values: ["username": "ada", "password": "lovelace-pw"]))
        let encoded = Data("ada:lovelace-pw".utf8).base64EncodedString()
        #expect(basic.redact("you sent Basic \(encoded)") == "you sent Basic [redacted]")
        #expect(
            basic.redact("raw \(encoded.replacingOccurrences(of: "=", with: "")) pair ada:lovelace-pw pw lovelace-pw")
                == "raw [redacted] pair [redacted] pw [redacted]")
        let bearer = Redactor(auth: AuthSettings(type: "bearer", values: ["token": "tok/with+chars"]))
        #expect(
            bearer.redact("Bearer tok/with+chars, bare tok/with+chars, encoded tok%2Fwith%2Bchars")
                == "Bearer [redacted], bare [redacted], encoded [redacted]")
        #expect(
            bearer.redact(.object(["echo tok/with+chars": .array([.string("x tok/with+chars")])]))
                == .object(["echo [redacted]": .array([.string("x [redacted]")])]))
        // The header name and the user name are not secrets.
        let key = Redactor(auth: AuthSettings(type: "api_key", values: ["api_key": "k-12345", "header_name": "X-Shop-Key"]))
        #expect(key.redact("X-Shop-Key: k-12345") == "X-Shop-Key: [redacted]")
    }

    func tool(_ extra: String) throws -> ToolDefinition {
        try ToolDefinition.read(
            body: try JSONValue.parse(
                Array(
                    """
                    {"name": "Get file", "http_method": "GET", "url_template": "/files/{name}/raw",
                     "url_params": [{"name": "name", "type": "string", "description": ""}]\(extra)}
                    """.utf8)), hasBaseURL: true
        ).0
    }

    @Test(arguments: [".", ".."])
    func aPathParameterCannotBeADotSegment(value: String) throws {
        let definition = try tool("")
        let stored = definition.json
        #expect(
            ToolRequest.problems(definition: definition, arguments: .object(["name": .string(value)]))
                == ["arguments.name: must not be . or .., which would leave the tool's path"])
        #expect(ToolRequest.problems(definition: definition, arguments: .object(["name": .string("a..b")])).isEmpty)
        let request = ToolRequest(definition: definition, baseURL: "https://api.example.com/v1", arguments: ["name": .string(value)])
        #expect(request.url == "https://api.example.com/v1/files/\(String(repeating: "%2E", count: value.count))/raw")
    }

    @Test(arguments: [
        "Connection", "Upgrade", "Proxy-Authorization", "Transfer-Encoding", "TE", "Keep-Alive", "Proxy-Connection", "Expect",
    ])
    func hopByHopAndProxyHeadersCannotBeTemplated(header: String) {
        #expect(
            throws: ConsoleError.validation([
                "headers_template.\(header): \(header) is a hop-by-hop, framing or proxy header, which only the server sets"
            ])
        ) {
            try tool(#", "headers_template": {"\#(header)": "x"}"#)
        }
    }

    @Test func anArgumentCannotStartANewHeaderLine() throws {
        let definition = try tool(#", "headers_template": {"X-Name": "n-{{name}}"}"#)
        let request = ToolRequest(
            definition: definition, baseURL: "https://api.example.com",
            arguments: [
                "name": .string("a\r\nX-Injected: 1")
            ])
        #expect(request.headers.contains { $0 == ("X-Name", "n-a  X-Injected: 1") })
    }
}
