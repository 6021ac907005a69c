import Foundation
import Testing

@testable import SwitchboardCore

@Suite("Action arguments and the requests they make")
struct ActionArgumentsTests {
    let schema: JSONValue = .object([
        "type": .string("object"), "additionalProperties": .bool(false), "required": .array([.string("id")]),
        "properties": .object([
            "id": .object(["type": .string("integer")]),
            "tags": .object(["type": .string("array"), "items": .object(["type": .string("string")])]),
            "size": .object(["type": .string("string"), "enum": .array([.string("S"), .string("M")])]),
        ]),
    ])

    @Test func goodArgumentsPassAndBadOnesAreNamed() throws {
        #expect(
            ArgumentValidator.problems(try JSONValue.parse(Array(#"{"id": 3, "tags": ["a"], "size": "M"}"#.utf8)), schema: schema).isEmpty)
        #expect(
            ArgumentValidator.problems(try JSONValue.parse(Array(#"{"id": 3.5, "tags": "a", "size": "XL", "x": 1}"#.utf8)), schema: schema)
                == [
                    "arguments.id: must be an integer", "arguments.size: must be one of the allowed values",
                    "arguments.tags: must be an array", "arguments.x: is not allowed",
                ])
        #expect(ArgumentValidator.problems(.array([]), schema: schema) == ["arguments: must be an object"])
    }

    @Test func aToolRequestFillsItsTemplates() throws {
        let (tool, _) = try ToolDefinition.read(
            body: try JSONValue.parse(
                Array(
                    """
                    {"name": "Order", "http_method": "POST", "url_template": "/stores/{store}/orders",
                     "url_params": [{"name": "store", "type": "string", "description": ""}, {"name": "page", "type": "integer", "description": ""}],
                     "body_params": [{"name": "qty", "type": "integer", "description": ""}],
                     "headers_template": {"X-Store": "s-{{store}}"}, "body_template": {"qty": "{{qty}}", "label": "{{qty}} for {{store}}"}}
                    """.utf8)), hasBaseURL: true)
        let request = ToolRequest(
            definition: tool, baseURL: "https://api.example.com/v1",
            arguments: [
                "store": .string("a/b c"), "page": .number(2), "qty": .number(4),
            ])
        #expect(request.url == "https://api.example.com/v1/stores/a%2Fb%20c/orders?page=2")
        #expect(request.headers.contains { $0 == ("X-Store", "s-a/b c") })
        let body = try JSONDecoder().decode(JSONValue.self, from: try #require(request.body))
        #expect(body == .object(["qty": .number(4), "label": .string("4 for a/b c")]))
    }

    @Test func mappingPathsReachIntoObjectsAndArrays() throws {
        let value = try JSONValue.parse(Array(#"{"data": {"items": [{"id": "x1"}, {"id": "x2"}]}}"#.utf8))
        #expect(value.value(at: "data.items[1].id") == .string("x2"))
        #expect(value.value(at: "data.items[5].id") == nil)
        #expect(try JSONValue.parse(Array("[[1, 2]]".utf8)).value(at: "[0][1]") == .number(2))
    }
}
