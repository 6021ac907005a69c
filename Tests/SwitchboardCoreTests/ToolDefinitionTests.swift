import Testing

@testable import SwitchboardCore

@Suite("Custom API tool definitions")
struct ToolDefinitionTests {
    func read(_ json: String, hasBaseURL: Bool = true) throws(ConsoleError) -> (ToolDefinition, AuthSettings?) {
        try ToolDefinition.read(body: try JSONValue.parse(Array(json.utf8)), hasBaseURL: hasBaseURL)
    }

    @Test func aGoodToolYieldsItsArgumentSchema() throws {
        let (tool, auth) = try read(
            """
            {"name": "Create Order", "http_method": "POST", "url_template": "/stores/{store_id}/orders",
             "url_params": [{"name": "store_id", "type": "string", "description": "Store", "required": true},
                            {"name": "dry_run", "type": "boolean", "description": "Test only"}],
             "body_params": [{"name": "items", "type": "array", "description": "Lines", "required": true,
                              "items": {"type": "object", "properties": {"sku": {"type": "string"}}}}],
             "body_template": {"order": {"items": "{{items}}", "note": "for {{store_id}}"}},
             "headers_template": {"X-Store": "{{store_id}}"}, "response_mapping": {"path": "data.orders[0].id"},
             "auth_type": "bearer", "auth_config": {"token": "t"}}
            """)
        #expect(tool.timeout == 30 && tool.category == "custom" && !tool.requireHumanApproval)
        #expect(auth == AuthSettings(type: "bearer", values: ["token": "t"]))
        guard case .object(let schema) = tool.inputSchema, case .object(let properties)? = schema["properties"] else {
            Issue.record("no schema")
            return
        }
        #expect(Set(properties.keys) == ["store_id", "dry_run", "items"])
        #expect(schema["required"] == .array([.string("store_id"), .string("items")]))
        #expect(schema["additionalProperties"] == .bool(false))
    }

    @Test func everyMistakeIsReportedWithItsPath() {
        #expect(
            throws: ConsoleError.validation([
                "http_method: must be one of GET, POST, PUT, DELETE, PATCH",
                "url_params[1].type: must be one of string, number, integer, boolean, array, object",
                "url_params[2].name: must start with a letter or _ and hold only letters, digits and _",
                "url_params[3].items: is required when type is array",
                "url_params[4].name: id is declared twice",
                "url_template: {order} is not declared in url_params",
                "headers_template.Authorization: cannot be set here; use auth_type and auth_config",
                "headers_template.X-Trace: {{nope}} is not a declared parameter",
                "body_template.a[0]: {{missing}} is not a declared parameter",
                "auth_config.token: is required when auth_type is bearer",
                "auth_config.password: is not allowed when auth_type is bearer",
                "response_mapping.path: must be dotted names with [index] parts, such as data.items[0].id",
                "timeout: must be between 1 and 120",
                "colour: is not allowed",
            ])
        ) {
            try read(
                """
                {"name": "x", "http_method": "FETCH", "url_template": "/orders/{order}",
                 "url_params": [{"name": "id", "type": "string", "description": ""}, {"name": "y", "type": "date", "description": ""},
                                {"name": "9lives", "type": "string", "description": ""}, {"name": "list", "type": "array", "description": ""},
                                {"name": "id", "type": "string", "description": ""}],
                 "headers_template": {"Authorization": "x", "X-Trace": "{{nope}}"}, "body_template": {"a": ["{{missing}}"]},
                 "auth_type": "bearer", "auth_config": {"password": "p"}, "response_mapping": {"path": "data..x"},
                 "timeout": 500, "colour": "red"}
                """)
        }
    }

    @Test func bodiesBelongToWritesOnly() {
        #expect(
            throws: ConsoleError.validation([
                "body_params: only allowed for POST, PUT and PATCH", "body_template: only allowed for POST, PUT and PATCH",
            ])
        ) {
            try read(
                #"{"name": "x", "http_method": "GET", "url_template": "/x", "body_params": [{"name": "a", "type": "string", "description": ""}], "body_template": {"a": "{{a}}"}}"#
            )
        }
    }

    @Test func urlTemplatesFitTheBaseURL() {
        #expect(throws: ConsoleError.validation(["url_template: must be a path under the integration's base_url"])) {
            try read(#"{"name": "x", "http_method": "GET", "url_template": "https://elsewhere.example.com/x"}"#)
        }
        #expect(
            throws: ConsoleError.validation(["url_template: must be an absolute http or https URL, since the integration has no base_url"])
        ) {
            try read(#"{"name": "x", "http_method": "GET", "url_template": "/x"}"#, hasBaseURL: false)
        }
    }

    @Test(arguments: [
        ("Create Order", "create_order"), ("getUserByID", "get_user_by_id"), ("  list -- items! ", "list_items"),
        ("123 go", "action_123_go"), ("!!!", "action"),
    ])
    func actionNamesAreLowerSnakeCase(name: String, expected: String) {
        #expect(ToolDefinition.snakeCase(name) == expected)
    }

    @Test func authConfigMustFitItsType() {
        var reader = FieldReader(body: .object(["auth_type": .string("none"), "auth_config": .object(["token": .string("t")])]))
        #expect(AuthSettings.read(&reader) == nil)
        #expect(reader.problems == ["auth_config: is not allowed when auth_type is none"])
        var apiKey = FieldReader(body: .object(["auth_type": .string("api_key"), "auth_config": .object(["api_key": .string("k")])]))
        #expect(AuthSettings.read(&apiKey)?.header?.name == "X-API-Key")
        var basic = FieldReader(
            body: .object(["auth_type": .string("basic"), "auth_config": .object(["username": .string("u"), "password": .string("p")])]))
        #expect(AuthSettings.read(&basic)?.header?.value == "Basic dTpw")
    }

    /// What the last release stored (written by Foundation's encoder) reads back,
    /// and what this one stores reads back the same.
    @Test func storedFormsReadBack() throws {
        let stored = """
            {"auth_type":"basic","body_params":[],"category":"custom","headers_template":{},"http_method":"GET","name":"Lookup",\
            "require_human_approval":false,"response_mapping":{},"timeout":30,"url_params":[],"url_template":"/tool/lookup"}
            """
        let old = try #require(ToolDefinition(json: try JSONValue.parse(text: stored)))
        #expect(old.name == "Lookup" && old.method == "GET" && old.authType == "basic" && old.description == nil && old.timeout == 30)
        let (tool, auth) = try read(
            """
            {"name": "Refund", "description": "Gives money back", "http_method": "POST", "url_template": "/refunds",
             "body_params": [{"name": "amount", "type": "integer", "description": "cents", "required": true}],
             "body_template": {"amount": "{{amount}}"}, "response_mapping": {"path": "data.id"}, "timeout": 5,
             "require_human_approval": true, "auth_type": "custom", "auth_config": {"header_name": "X-Key", "token": "s3"}}
            """)
        #expect(ToolDefinition(json: tool.json) == tool)
        #expect(ToolDefinition(json: .object(["name": .string("x")])) == nil)
        let settings = try #require(auth)
        #expect(try AuthSettings(sealedText: settings.sealedText) == settings)
        let sealedByLastRelease = #"{"type":"basic","values":{"password":"p4ss","username":"ada"}}"#
        #expect(
            try AuthSettings(sealedText: sealedByLastRelease)
                == AuthSettings(type: "basic", values: ["username": "ada", "password": "p4ss"]))
    }
}
