import Foundation

/// A custom API tool: how to build its HTTP request from arguments, and the JSON
/// Schema those arguments must satisfy.
public struct ToolDefinition: Sendable, Equatable {
    public static let methods = ["GET", "POST", "PUT", "DELETE", "PATCH"]
    public static let parameterTypes = ["string", "number", "integer", "boolean", "array", "object"]
    public static let bodyFormats = ["json", "form"]
    /// String formats execute checks (`date-time` is RFC 3339, `date` a full date).
    public static let formats = ["date-time", "date", "email", "uri"]
    /// The MCP tool annotations a tool may declare (the gateway shows them).
    public static let hints = ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"]

    public var name: String
    public var description: String?
    public var method: String
    public var urlTemplate: String
    public var urlParams: [JSONValue]
    public var bodyParams: [JSONValue]
    /// Parameters sent only where `headersTemplate` places them.
    public var headerParams: [JSONValue]
    public var headersTemplate: [String: String]
    public var bodyTemplate: JSONValue?
    /// How a body is sent: `json`, or `form` (`application/x-www-form-urlencoded`
    /// with bracketed keys for nested values, as Stripe takes them).
    public var bodyFormat: String
    public var authType: String?
    public var responseMapping: [String: String]
    /// Declared MCP hints (`readOnlyHint`...); none means the gateway infers them from the method.
    public var annotations: [String: Bool]
    public var category: String
    public var requireHumanApproval: Bool
    public var timeout: Int

    init(
        name: String, description: String?, method: String, urlTemplate: String, urlParams: [JSONValue], bodyParams: [JSONValue],
        headerParams: [JSONValue] = [], headersTemplate: [String: String], bodyTemplate: JSONValue?, bodyFormat: String,
        authType: String?, responseMapping: [String: String], annotations: [String: Bool] = [:], category: String,
        requireHumanApproval: Bool, timeout: Int
    ) {
        self.name = name
        self.description = description
        self.method = method
        self.urlTemplate = urlTemplate
        self.urlParams = urlParams
        self.bodyParams = bodyParams
        self.headerParams = headerParams
        self.headersTemplate = headersTemplate
        self.bodyTemplate = bodyTemplate
        self.bodyFormat = bodyFormat
        self.authType = authType
        self.responseMapping = responseMapping
        self.annotations = annotations
        self.category = category
        self.requireHumanApproval = requireHumanApproval
        self.timeout = timeout
    }

    /// The stored form: the fields of the tool body, as read.
    public var json: JSONValue {
        var fields: [String: JSONValue] = [
            "name": .string(name), "http_method": .string(method), "url_template": .string(urlTemplate),
            "url_params": .array(urlParams), "body_params": .array(bodyParams),
            "headers_template": .object(headersTemplate.mapValues(JSONValue.string)),
            "response_mapping": .object(responseMapping.mapValues(JSONValue.string)), "category": .string(category),
            "require_human_approval": .bool(requireHumanApproval), "timeout": .int(timeout),
        ]
        if let description { fields["description"] = .string(description) }
        if let bodyTemplate { fields["body_template"] = bodyTemplate }
        if bodyFormat != "json" { fields["body_format"] = .string(bodyFormat) }
        if !annotations.isEmpty { fields["annotations"] = .object(annotations.mapValues(JSONValue.bool)) }
        if let authType { fields["auth_type"] = .string(authType) }
        if !headerParams.isEmpty { fields["header_params"] = .array(headerParams) }
        return .object(fields)
    }

    /// Reads the stored form back; nil when it is not one.
    public init?(json: JSONValue) {
        guard case .object(let fields) = json, let name = json.field("name"), let method = json.field("http_method"),
            let urlTemplate = json.field("url_template"), let category = json.field("category"),
            case .bool(let approval)? = fields["require_human_approval"], case .number(let timeout)? = fields["timeout"],
            let seconds = timeout.int
        else { return nil }
        func list(_ key: String) -> [JSONValue] { if case .array(let items)? = fields[key] { items } else { [] } }
        func hints() -> [String: Bool] {
            guard case .object(let map)? = fields["annotations"] else { return [:] }
            return map.compactMapValues { if case .bool(let flag) = $0 { flag } else { nil } }
        }
        func strings(_ key: String) -> [String: String] {
            guard case .object(let map)? = fields[key] else { return [:] }
            return map.compactMapValues { if case .string(let text) = $0 { text } else { nil } }
        }
        self.init(
            name: name, description: json.field("description"), method: method, urlTemplate: urlTemplate, urlParams: list("url_params"),
            bodyParams: list("body_params"), headerParams: list("header_params"), headersTemplate: strings("headers_template"),
            bodyTemplate: fields["body_template"],
            bodyFormat: json.field("body_format") ?? "json", authType: json.field("auth_type"),
            responseMapping: strings("response_mapping"),
            annotations: hints(),
            category: category, requireHumanApproval: approval, timeout: seconds)
    }

    /// Reads a tool body; every mistake is reported at once with its path. `hasBaseURL`
    /// says whether `url_template` is a path under the integration's base URL.
    public static func read(body: JSONValue?, hasBaseURL: Bool) throws(ConsoleError) -> (ToolDefinition, AuthSettings?) {
        var reader = FieldReader(body: body)
        let name = reader.string("name", required: true, maxLength: 100)
        let description = reader.string("description", maxLength: 1000, allowEmpty: true)
        let method = reader.oneOf("http_method", methods, required: true)
        let template = reader.string("url_template", required: true, maxLength: 2048)
        var declared: [String] = []
        let urlParams = readParameters(&reader, "url_params", into: &declared, place: .url) ?? []
        let bodyParams = readParameters(&reader, "body_params", into: &declared, place: .body) ?? []
        let headerParams = readParameters(&reader, "header_params", into: &declared, place: .header) ?? []
        if let method, !bodyParams.isEmpty, !["POST", "PUT", "PATCH"].contains(method) {
            reader.add("body_params", "only allowed for POST, PUT and PATCH")
        }
        let urlNames = Set(urlParams.compactMap { $0.field("name") })
        if let template {
            if hasBaseURL, template.contains("://") {
                reader.add("url_template", "must be a path under the integration's base_url")
            } else if !hasBaseURL, !(template.hasPrefix("http://") || template.hasPrefix("https://")) {
                reader.add("url_template", "must be an absolute http or https URL, since the integration has no base_url")
            }
            for placeholder in placeholders(in: template, open: "{", close: "}") where !urlNames.contains(placeholder) {
                reader.add("url_template", "{\(placeholder)} is not declared in url_params")
            }
        }
        let all = Set(declared)
        var headers: [String: String] = [:]
        if let value = reader.raw("headers_template") {
            if case .object(let fields) = value {
                for (header, raw) in fields.sorted(by: { $0.key < $1.key }) {
                    let path = "headers_template.\(header)"
                    guard case .string(let text) = raw else {
                        reader.problems.append("\(path): must be a string")
                        continue
                    }
                    if !HeaderName.isValid(header) {
                        reader.problems.append("\(path): is not a valid HTTP header name")
                        continue
                    }
                    if ["authorization", "host", "content-length"].contains(header.lowercased()) {
                        reader.problems.append("\(path): cannot be set here; use auth_type and auth_config")
                        continue
                    }
                    if HeaderName.reserved.contains(header.lowercased()) {
                        reader.problems.append("\(path): \(header) is a hop-by-hop, framing or proxy header, which only the server sets")
                        continue
                    }
                    for reference in placeholders(in: text, open: "{{", close: "}}") where !all.contains(reference) {
                        reader.problems.append("\(path): {{\(reference)}} is not a declared parameter")
                    }
                    headers[header] = text
                }
            } else {
                reader.add("headers_template", "must be an object")
            }
        }
        let bodyTemplate = reader.raw("body_template")
        if let bodyTemplate {
            if case .object = bodyTemplate {
                if let method, !["POST", "PUT", "PATCH"].contains(method) {
                    reader.add("body_template", "only allowed for POST, PUT and PATCH")
                }
                checkReferences(bodyTemplate, path: "body_template", declared: all, problems: &reader.problems)
            } else {
                reader.add("body_template", "must be an object")
            }
        }
        let bodyFormat = reader.oneOf("body_format", bodyFormats) ?? "json"
        if bodyFormat != "json", let method, !["POST", "PUT", "PATCH"].contains(method) {
            reader.add("body_format", "only allowed for POST, PUT and PATCH")
        }
        let auth = reader.has("auth_type") || reader.has("auth_config") ? AuthSettings.read(&reader, query: true) : nil
        var mapping: [String: String] = [:]
        _ = reader.object("response_mapping") { map in
            if let path = map.string("path", maxLength: 500) {
                if path.range(of: Self.mappingPath, options: .regularExpression) == nil {
                    map.add("path", "must be dotted names with [index] parts, such as data.items[0].id")
                } else {
                    mapping["path"] = path
                }
            }
            if let path = map.string("error_path", maxLength: 500) {
                if path.range(of: Self.mappingPath, options: .regularExpression) == nil {
                    map.add("error_path", "must be dotted names with [index] parts, such as error.message")
                } else {
                    mapping["error_path"] = path
                }
            }
            for key in ["success_message", "error_message"] {
                if let text = map.string(key, maxLength: 1000) { mapping[key] = text }
            }
        }
        var annotations: [String: Bool] = [:]
        _ = reader.object("annotations") { hints in
            for hint in Self.hints { if let flag = hints.bool(hint) { annotations[hint] = flag } }
        }
        let category = reader.string("category", maxLength: 50) ?? "custom"
        let approval = reader.bool("require_human_approval") ?? false
        let timeout = reader.integer("timeout", in: 1...120) ?? 30
        try reader.finish()
        let definition = ToolDefinition(
            name: name!, description: description, method: method!, urlTemplate: template!, urlParams: urlParams,
            bodyParams: bodyParams, headerParams: headerParams, headersTemplate: headers, bodyTemplate: bodyTemplate,
            bodyFormat: bodyFormat, authType: auth?.type,
            responseMapping: mapping, annotations: annotations, category: category, requireHumanApproval: approval, timeout: timeout)
        return (definition, auth)
    }

    /// The booleans of a stored object (`annotations`).
    static func flags(_ value: JSONValue?) -> [String: Bool] {
        guard case .object(let map)? = value else { return [:] }
        return map.compactMapValues { if case .bool(let flag) = $0 { flag } else { nil } }
    }

    /// A `response_mapping` path: dotted names with `[index]` parts.
    static let mappingPath = #"^(\[\d+\]|[A-Za-z_][A-Za-z0-9_]*)(\[\d+\])*(\.[A-Za-z_][A-Za-z0-9_]*(\[\d+\])*)*$"#

    /// The JSON Schema of the tool's arguments.
    public var inputSchema: JSONValue {
        var properties: [String: JSONValue] = [:]
        var required: [JSONValue] = []
        for parameter in urlParams + bodyParams + headerParams {
            guard let name = parameter.field("name") else { continue }
            properties[name] = Self.schema(of: parameter)
            if case .object(let fields) = parameter, fields["required"] == .bool(true) { required.append(.string(name)) }
        }
        return .object([
            "type": .string("object"), "properties": .object(properties), "required": .array(required),
            "additionalProperties": .bool(false),
        ])
    }

    static func schema(of parameter: JSONValue) -> JSONValue {
        guard case .object(let fields) = parameter else { return .object([:]) }
        if case .object(var schema)? = fields["schema"] {
            for key in ["description", "default"] where schema[key] == nil { schema[key] = fields[key] }
            return .object(schema)
        }
        var schema: [String: JSONValue] = ["type": fields["type"] ?? .string("string")]
        for key in ["description", "default"] { schema[key] = fields[key] }
        if let items = fields["items"] { schema["items"] = Self.schema(of: items) }
        if let properties = fields["properties"] { schema["properties"] = properties }
        for key in ["enum", "format", "pattern", "minimum", "maximum"] { schema[key] = fields[key] }
        // An object item's own list of required properties.
        if case .array? = fields["required"] { schema["required"] = fields["required"] }
        return .object(schema)
    }

    /// Where a parameter goes: the URL (its path, else its query), the body, or only
    /// where `headers_template` places it.
    enum Place { case url, body, header }

    /// Reads a list of parameters. A URL or body parameter may say `sent_as`: the
    /// name the upstream receives when it is not a valid argument name
    /// (`api-version`, `page[size]`); a URL parameter that is an array may say
    /// `explode`: true sends `k=a&k=b`, false `k=a,b` (without it, the array's JSON).
    static func readParameters(_ reader: inout FieldReader, _ key: String, into declared: inout [String], place: Place) -> [JSONValue]? {
        let raw = reader.peek(key)
        var names = declared
        let read: [Void]? = reader.objects(key, maxItems: 100) { parameter in
            if let name = parameter.string("name", required: true, maxLength: 64) {
                if name.range(of: #"^[A-Za-z_][A-Za-z0-9_]{0,63}$"#, options: .regularExpression) == nil {
                    parameter.add("name", "must start with a letter or _ and hold only letters, digits and _")
                } else if names.contains(name) {
                    parameter.add("name", "\(name) is declared twice")
                } else {
                    names.append(name)
                }
            }
            if place != .header { _ = parameter.string("sent_as", maxLength: 256) }
            if place == .url, parameter.bool("explode") != nil, parameter.peek("type") != .string("array") {
                parameter.add("explode", "only allowed when type is array")
            }
            readType(&parameter, named: true)
        }
        declared = names
        guard read != nil, case .array(let items)? = raw else { return nil }
        return items
    }

    /// `type`, `description`, `required`, `items` (needed for arrays), `properties`
    /// and `default` of a parameter; or its whole JSON Schema as `schema`, for what
    /// those fields cannot say (`oneOf`, `anyOf`, nested objects), with `type` optional.
    static func readType(_ parameter: inout FieldReader, named: Bool) {
        let schema = parameter.raw("schema")
        if let schema {
            if case .object = schema {
                if schema.depth > DiscoveredTool.maxSchemaDepth {
                    parameter.add("schema", "nests deeper than \(DiscoveredTool.maxSchemaDepth) levels")
                }
            } else {
                parameter.add("schema", "must be an object (a JSON Schema)")
            }
        }
        _ = parameter.raw("default")
        let type = parameter.oneOf("type", parameterTypes, required: schema == nil)
        _ = parameter.string("description", required: named, maxLength: 1000, allowEmpty: true)
        // A parameter says whether it is required; an object item lists its required properties.
        if named { _ = parameter.bool("required") } else { _ = parameter.strings("required", maxLength: 64) }
        if type == "array" && !parameter.has("items") { parameter.add("items", "is required when type is array") }
        _ = parameter.object("items") { items in
            _ = items.string("name", maxLength: 64)
            readType(&items, named: false)
        }
        readConstraints(&parameter, type: type)
        if let properties = parameter.raw("properties") {
            guard case .object = properties else {
                parameter.add("properties", "must be an object")
                return
            }
            if type != "object" { parameter.add("properties", "only allowed when type is object") }
        }
    }

    /// What narrows a parameter's values: `enum`,
    /// `format` and `pattern` for strings, `minimum` and `maximum` for numbers.
    static func readConstraints(_ parameter: inout FieldReader, type: String?) {
        let isNumber = type == "number" || type == "integer"
        if let values = parameter.raw("enum") {
            if case .array(let items) = values, (1...100).contains(items.count) {
                if let type, !items.allSatisfy({ ArgumentValidator.matches($0, type) }) {
                    parameter.add("enum", "every value must be of type \(type)")
                }
            } else {
                parameter.add("enum", "must be an array of 1 to 100 values")
            }
        }
        if let format = parameter.oneOf("format", formats), type != "string" {
            parameter.add("format", "\(format) is only allowed when type is string")
        }
        if let pattern = parameter.string("pattern", maxLength: 500) {
            if type != "string" {
                parameter.add("pattern", "only allowed when type is string")
            } else if (try? NSRegularExpression(pattern: pattern)) == nil {
                parameter.add("pattern", "must be a valid regular expression")
            }
        }
        for key in ["minimum", "maximum"] {
            guard let bound = parameter.raw(key) else { continue }
            if case .number = bound {
                if !isNumber { parameter.add(key, "only allowed when type is number or integer") }
            } else {
                parameter.add(key, "must be a number")
            }
        }
    }

    /// Names between `open` and `close` (`{id}` or `{{id}}`).
    public static func placeholders(in text: String, open: String, close: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let start = rest.range(of: open) {
            let after = rest[start.upperBound...]
            guard let end = after.range(of: close) else { break }
            let name = String(after[..<end.lowerBound])
            if open == "{" && name.hasPrefix("{") {
                rest = after[end.upperBound...]
                continue
            }
            names.append(name)
            rest = after[end.upperBound...]
        }
        return names
    }

    static func checkReferences(_ value: JSONValue, path: String, declared: Set<String>, problems: inout [String]) {
        switch value {
        case .string(let text):
            for reference in placeholders(in: text, open: "{{", close: "}}") where !declared.contains(reference) {
                problems.append("\(path): {{\(reference)}} is not a declared parameter")
            }
        case .array(let items):
            for (index, item) in items.enumerated() {
                checkReferences(item, path: "\(path)[\(index)]", declared: declared, problems: &problems)
            }
        case .object(let fields):
            for (key, item) in fields.sorted(by: { $0.key < $1.key }) {
                checkReferences(item, path: "\(path).\(key)", declared: declared, problems: &problems)
            }
        default:
            break
        }
    }

    /// `Create Order` → `create_order`.
    public static func snakeCase(_ name: String) -> String {
        var out = ""
        var previousLower = false
        for scalar in name.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) && scalar.isASCII {
                if CharacterSet.uppercaseLetters.contains(scalar) && previousLower { out += "_" }
                out += String(scalar).lowercased()
                previousLower = CharacterSet.lowercaseLetters.contains(scalar) || CharacterSet.decimalDigits.contains(scalar)
            } else {
                if !out.isEmpty && !out.hasSuffix("_") { out += "_" }
                previousLower = false
            }
        }
        while out.hasSuffix("_") { out.removeLast() }
        if out.isEmpty { return "action" }
        return out.first!.isNumber ? "action_" + out : out
    }
}

extension JSONValue {
    /// The fields of an object; none for anything else.
    public var members: [String: JSONValue] {
        if case .object(let fields) = self { fields } else { [:] }
    }

    /// The items of an array; none for anything else.
    public var arrayItems: [JSONValue] {
        if case .array(let items) = self { items } else { [] }
    }

    /// The string at `key` of an object.
    public func field(_ key: String) -> String? {
        if case .object(let fields) = self, case .string(let text)? = fields[key] { return text }
        return nil
    }
}
