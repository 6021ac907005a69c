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

    @Test func formBodiesUseBracketedKeysAndConstraintsAreChecked() throws {
        let (tool, _) = try ToolDefinition.read(
            body: try JSONValue.parse(
                Array(
                    """
                    {"name": "Link", "http_method": "POST", "url_template": "/v1/payment_links", "body_format": "form",
                     "body_params": [
                       {"name": "line_items", "type": "array", "description": "", "required": true,
                        "items": {"type": "object", "description": "", "required": ["price"],
                                  "properties": {"price": {"type": "string"}, "quantity": {"type": "integer", "minimum": 1}}}},
                       {"name": "when", "type": "string", "description": "", "format": "date-time"},
                       {"name": "reason", "type": "string", "description": "", "enum": ["duplicate", "fraudulent"]},
                       {"name": "note", "type": "string", "description": "", "pattern": "^[a-z ]+$"},
                       {"name": "amount", "type": "integer", "description": "", "minimum": 1, "maximum": 100}]}
                    """.utf8)), hasBaseURL: true)
        #expect(tool.json.field("body_format") == "form")
        let arguments = try JSONValue.parse(
            Array(#"{"line_items": [{"price": "price_1", "quantity": 2}, {"price": "price 2&x", "quantity": 1}], "note": "a b"}"#.utf8))
        guard case .object(let values) = arguments else { return }
        let request = ToolRequest(definition: tool, baseURL: "https://api.stripe.test", arguments: values)
        #expect(request.headers.contains { $0 == "Content-Type" && $1 == "application/x-www-form-urlencoded" })
        #expect(
            String(decoding: request.body ?? Data(), as: UTF8.self)
                == "line_items%5B0%5D%5Bprice%5D=price_1&line_items%5B0%5D%5Bquantity%5D=2&line_items%5B1%5D%5Bprice%5D=price%202%26x"
                + "&line_items%5B1%5D%5Bquantity%5D=1&note=a%20b")
        let bad = try JSONValue.parse(
            Array(
                #"{"line_items": [{"quantity": 0}], "when": "tomorrow", "reason": "bored", "note": "A1", "amount": 101}"#.utf8))
        #expect(
            ArgumentValidator.problems(bad, schema: tool.inputSchema) == [
                "arguments.amount: must be at most 100", "arguments.line_items[0].price: is required",
                "arguments.line_items[0].quantity: must be at least 1", "arguments.note: must match ^[a-z ]+$",
                "arguments.reason: must be one of the allowed values",
                "arguments.when: must be an RFC 3339 date-time such as 2026-01-31T09:00:00Z",
            ])
        let good = try JSONValue.parse(Array(#"{"line_items": [{"price": "p"}], "when": "2026-03-01T09:00:00+01:00"}"#.utf8))
        #expect(ArgumentValidator.problems(good, schema: tool.inputSchema).isEmpty)
    }

    @Test func constraintsMustFitTheParameterType() {
        #expect(
            throws: ConsoleError.validation([
                "url_params[0].enum: every value must be of type integer", "url_params[0].format: date is only allowed when type is string",
                "url_params[1].pattern: must be a valid regular expression",
                "url_params[1].minimum: only allowed when type is number or integer",
                "body_format: only allowed for POST, PUT and PATCH",
            ])
        ) {
            try ToolDefinition.read(
                body: try JSONValue.parse(
                    Array(
                        """
                        {"name": "T", "http_method": "GET", "url_template": "/t", "body_format": "form",
                         "url_params": [{"name": "a", "type": "integer", "description": "", "enum": [1, "x"], "format": "date"},
                                        {"name": "b", "type": "string", "description": "", "minimum": 2, "pattern": "(["}]}
                        """.utf8)), hasBaseURL: true)
        }
    }
}
