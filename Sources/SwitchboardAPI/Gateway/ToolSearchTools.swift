import SwitchboardCore

/// The pair a gateway offers instead of its tools when it has many: `search_tools`
/// finds them by what the model wants to do (`ToolSearch`), `call_tool` runs one
/// exactly as `tools/call` would.
enum ToolSearchTools {
    static let search = "search_tools"
    static let call = "call_tool"
    static let defaultLimit = 8
    static let maxLimit = 50

    static let tools: [JSONValue] = [
        .object([
            "name": .string(search), "title": .string("Search tools"),
            "description": .string(
                "Finds this gateway's tools by what you want to do, in your own words (\"refund an order\", \"make a picture from a text prompt\"). "
                    + "Answers the best matches with their names, descriptions and input schemas; run one with call_tool."),
            "inputSchema": .object([
                "type": .string("object"),
                "properties": .object([
                    "query": .object(["type": .string("string"), "description": .string("What you want to do")]),
                    "limit": .object([
                        "type": .string("integer"), "minimum": .int(1), "maximum": .int(maxLimit),
                        "description": .string("How many tools to answer (\(defaultLimit) unless told)"),
                    ]),
                ]),
                "required": .array([.string("query")]), "additionalProperties": .bool(false),
            ]),
            "annotations": .object(["readOnlyHint": .bool(true), "destructiveHint": .bool(false)]),
        ]),
        .object([
            "name": .string(call), "title": .string("Call a tool"),
            "description": .string(
                "Runs one of this gateway's tools by the name search_tools gave, with arguments that fit its inputSchema."),
            "inputSchema": .object([
                "type": .string("object"),
                "properties": .object([
                    "name": .object(["type": .string("string"), "description": .string("The tool's name")]),
                    "arguments": .object(["type": .string("object"), "description": .string("The tool's arguments")]),
                ]),
                "required": .array([.string("name")]), "additionalProperties": .bool(false),
            ]),
        ]),
    ]

    /// `search_tools`: the best matches among `actions` as tools (name, title, description, input schema, hints).
    static func search(_ arguments: JSONValue, among actions: [Action]) -> JSONValue {
        guard case .string(let query)? = arguments.members["query"], !query.isEmpty else {
            return MCPGateway.failure(.validation(["arguments.query: is required: say what you want to do"]))
        }
        var limit = defaultLimit
        if let asked = arguments.members["limit"] {
            guard case .number(let number) = asked, let whole = number.int, (1...maxLimit).contains(whole) else {
                return MCPGateway.failure(.validation(["arguments.limit: must be a whole number from 1 to \(maxLimit)"]))
            }
            limit = whole
        }
        let candidates = actions.filter { $0.actionName != MCPGateway.getExecution }
        let index = ToolSearch(
            candidates.map {
                DiscoveredTool(name: $0.actionName, title: $0.name, description: $0.description, inputSchema: $0.inputSchema)
            })
        let found = index.rank(String(query.prefix(1000)), limit: limit).map { MCPGateway.tool(candidates[$0]) }
        let answer = JSONValue.object(["tools": .array(found)])
        return .object(["content": MCPGateway.text(answer.jsonText), "structuredContent": answer, "isError": .bool(false)])
    }
}
