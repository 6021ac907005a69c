import SwitchboardConnectors
import SwitchboardCore
import Testing

/// The stateless era's `x-mcp-header`: which annotations are usable, and the headers a call sends.
@Suite("MCP parameter headers")
struct MCPParamHeadersTests {
    static func schema(_ json: String) -> JSONValue { JSONValue.parse(upstream: json.utf8)! }

    @Test func annotatedArgumentsBecomeHeadersAndOthersDoNot() {
        let schema = Self.schema(
            """
            {"type": "object", "properties": {
              "region": {"type": "string", "x-mcp-header": "Region"},
              "shard": {"type": "integer", "x-mcp-header": "Shard"},
              "target": {"type": "object", "properties": {"dry": {"type": "boolean", "x-mcp-header": "Dry-Run"}}},
              "note": {"type": "string"}}}
            """)
        #expect(MCPParamHeaders.problem(in: schema) == nil)
        let sent = MCPParamHeaders.headers(
            schema: schema, arguments: Self.schema(#"{"region": "eu", "shard": 7, "target": {"dry": false}, "note": "n"}"#))
        #expect(Dictionary(uniqueKeysWithValues: sent) == ["Mcp-Param-Region": "eu", "Mcp-Param-Shard": "7", "Mcp-Param-Dry-Run": "false"])
        // Absent, null and non-scalar values send nothing.
        #expect(MCPParamHeaders.headers(schema: schema, arguments: Self.schema(#"{"region": null, "target": 3}"#)).isEmpty)
        #expect(MCPParamHeaders.headers(schema: .null, arguments: Self.schema(#"{"region": "eu"}"#)).isEmpty)
    }

    @Test func valuesAHeaderCannotCarryAreBase64Wrapped() {
        #expect(MCPParamHeaders.encode("eu-west 1") == "eu-west 1")
        #expect(MCPParamHeaders.encode(" Zürich") == "=?base64?IFrDvHJpY2g=?=")
        #expect(MCPParamHeaders.encode("line\nbreak") == "=?base64?bGluZQpicmVhaw==?=")
        #expect(MCPParamHeaders.encode("=?base64?eA==?=") == "=?base64?PT9iYXNlNjQ/ZUE9PT89?=")
    }

    @Test func unusableAnnotationsAreNamed() {
        let cases: [(String, String)] = [
            (
                #"{"properties": {"n": {"type": "number", "x-mcp-header": "N"}}}"#,
                "property n: x-mcp-header is only allowed on string, integer and boolean properties"
            ),
            (
                #"{"properties": {"a": {"type": "string", "x-mcp-header": "Bad Name"}}}"#,
                "property a: x-mcp-header must be an HTTP header name"
            ),
            (#"{"properties": {"a": {"type": "string", "x-mcp-header": ""}}}"#, "property a: x-mcp-header must be an HTTP header name"),
            (
                #"{"items": {"type": "string", "x-mcp-header": "Item"}}"#,
                "x-mcp-header is only allowed on a property reached through properties alone"
            ),
            (#"{"type": "object", "x-mcp-header": "Root"}"#, "x-mcp-header is only allowed on a property reached through properties alone"),
            (
                #"{"properties": {"list": {"type": "array", "items": {"properties": {"x": {"type": "string", "x-mcp-header": "X"}}}}}}"#,
                "x-mcp-header is only allowed on a property reached through properties alone"
            ),
        ]
        for (schema, problem) in cases { #expect(MCPParamHeaders.problem(in: Self.schema(schema)) == problem, "\(schema)") }
        let twice = MCPParamHeaders.problem(
            in: Self.schema(
                #"{"properties": {"a": {"type": "string", "x-mcp-header": "Same"}, "b": {"type": "string", "x-mcp-header": "same"}}}"#))
        #expect(twice?.contains("repeats property") == true)
    }
}
