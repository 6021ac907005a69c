import Foundation
import SwitchboardCore

/// One operation of a document as a custom tool in the format the executor runs,
/// or the reason it cannot be one. A parameter or body the tool cannot send (a
/// cookie, a multipart body, an object in a query) skips the operation when it is
/// required, and is left out with a warning when it is optional.
struct OperationMapper {
    struct Skip: Error {
        let reason: String
    }

    let document: JSONValue
    let swagger2: Bool
    let options: ImportOptions
    var warnings: [String] = []
    /// The tool names given so far, unique within the integration.
    var names = UniqueNames()

    init(document: JSONValue, swagger2: Bool, options: ImportOptions) {
        self.document = document
        self.swagger2 = swagger2
        self.options = options
    }

    func isIncluded(method: String, path: String, operation: [String: JSONValue]) -> Bool {
        guard options.operations != nil || options.tags != nil else { return true }
        let id = operation["operationId"].flatMap(Self.text)
        let named = options.operations?.contains { entry in
            if entry == id { return true }
            let parts = entry.split(separator: " ", maxSplits: 1)
            return parts.count == 2 && parts[0].uppercased() == method && parts[1] == path
        }
        let tagged = options.tags.map { tags in operation["tags"].map { tag in tag.arrayItems.contains { tags.contains($0.text) } } ?? false
        }
        return named == true || tagged == true
    }

    mutating func tool(method: String, path: String, item: [String: JSONValue], operation: [String: JSONValue]) -> Result<
        ImportedTool, Skip
    > {
        do {
            return .success(try build(method: method, path: path, item: item, operation: operation))
        } catch {
            return .failure(error)
        }
    }

    private mutating func build(method: String, path: String, item: [String: JSONValue], operation: [String: JSONValue]) throws(Skip)
        -> ImportedTool
    {
        guard ToolDefinition.methods.contains(method) else {
            throw Skip(reason: "custom tools send GET, POST, PUT, DELETE and PATCH, not \(method)")
        }
        let label = "\(method) \(path)"
        var tool = ToolShape(method: method, template: path)
        var inliner = SchemaInliner(document: document)
        var swaggerForm: [(String, JSONValue, Bool)] = []
        for parameter in try parameters(item: item, operation: operation) {
            guard let name = parameter.field("name"), let location = parameter.field("in") else { continue }
            let required = parameter.members["required"] == .bool(true) || location == "path"
            let description = parameter.field("description")
            switch location {
            case "body" where swagger2:
                let schema = try inline(parameter.members["schema"] ?? .object([:]), &inliner)
                try body(schema, media: swaggerMedia(operation, form: false), required: required, into: &tool, label: label)
            case "formData" where swagger2:
                swaggerForm.append((name, try inline(Self.swaggerSchema(parameter), &inliner), required))
            case "path", "query", "header":
                let schema = try inline(swagger2 ? Self.swaggerSchema(parameter) : Self.schema(of: parameter), &inliner)
                try urlOrHeader(
                    name: name, location: location, schema: schema, required: required, description: description, parameter: parameter,
                    into: &tool, label: label)
            default:
                try leaveOut("\(location) parameter \(name) cannot be sent by a tool", required: required, label: label)
            }
        }
        if !swaggerForm.isEmpty {
            var properties: [String: JSONValue] = [:]
            var requiredNames: [JSONValue] = []
            for (name, schema, required) in swaggerForm {
                properties[name] = schema
                if required { requiredNames.append(.string(name)) }
            }
            let schema = JSONValue.object(["type": .string("object"), "properties": .object(properties), "required": .array(requiredNames)])
            try body(schema, media: swaggerMedia(operation, form: true), required: !requiredNames.isEmpty, into: &tool, label: label)
        }
        if !swagger2, let raw = operation["requestBody"] {
            let requestBody = try follow(raw)
            let (media, schema) = Self.media(of: requestBody["content"]?.members ?? [:])
            let required = requestBody["required"] == .bool(true)
            try body(try inline(schema ?? .object([:]), &inliner), media: media, required: required, into: &tool, label: label)
        }
        if inliner.cut { warnings.append("\(label): a schema was cut at \(SchemaInliner.maxDepth) levels or where it repeats itself") }
        let id = operation["operationId"].flatMap(Self.text)
        let name = names.take(String(ToolDefinition.snakeCase(id ?? "\(method) \(path)").prefix(96)))
        let summary = operation["summary"].flatMap(Self.text)
        let details = operation["description"].flatMap(Self.text)
        let description = [summary, details].compactMap { $0?.isEmpty == false ? $0 : nil }.joined(separator: "\n\n")
        let tags = operation["tags"]?.arrayItems.compactMap(Self.text) ?? []
        let approval =
            switch options.approval {
            case .all: true
            case .none: false
            case .writes: method != "GET"
            }
        var fields = tool.fields
        fields["name"] = .string(name)
        if !description.isEmpty { fields["description"] = .string(SchemaInliner.cut(description, to: 1000)) }
        fields["category"] = .string(tags.first.map { SchemaInliner.cut($0, to: 50) } ?? "custom")
        fields["require_human_approval"] = .bool(approval)
        fields["annotations"] = .object(Self.hints(method).mapValues(JSONValue.bool))
        let definition: ToolDefinition
        do {
            definition = try ToolDefinition.read(body: .object(fields), hasBaseURL: true).0
        } catch {
            let problems: [String] = if case .problems(let list) = error.message { list } else { [] }
            throw Skip(reason: "the tool it would make is not valid: " + problems.prefix(5).joined(separator: "; "))
        }
        let source: [String: JSONValue] = [
            "type": .string("openapi"), "operation": .string(id ?? label), "method": .string(method), "path": .string(path),
        ]
        return ImportedTool(definition: definition, source: .object(source))
    }

    /// The path item's parameters, then the operation's (which replace those of the same name and place).
    private func parameters(item: [String: JSONValue], operation: [String: JSONValue]) throws(Skip) -> [JSONValue] {
        var order: [String] = []
        var byKey: [String: JSONValue] = [:]
        for raw in (item["parameters"]?.arrayItems ?? []) + (operation["parameters"]?.arrayItems ?? []) {
            let parameter = JSONValue.object(try follow(raw))
            let key = "\(parameter.field("in") ?? ""):\(parameter.field("name") ?? "")"
            if byKey.updateValue(parameter, forKey: key) == nil { order.append(key) }
        }
        return order.compactMap { byKey[$0] }
    }

    private mutating func urlOrHeader(
        name: String, location: String, schema: JSONValue, required: Bool, description: String?, parameter: JSONValue,
        into tool: inout ToolShape, label: String
    ) throws(Skip) {
        guard var fields = ParameterShape.flat(schema) else {
            try leaveOut("\(location) parameter \(name) is an object, which a \(location) cannot carry", required: required, label: label)
            return
        }
        let isArray = fields["type"] == .string("array")
        if location == "header" {
            let lower = name.lowercased()
            if ["authorization", "content-type", "accept"].contains(lower) || HeaderName.reserved.contains(lower)
                || !HeaderName.isValid(name)
            {
                warnings.append("\(label): header parameter \(name) left out; Switchboard sets that header")
                return
            }
            if isArray { try leaveOut("header parameter \(name) is a list", required: required, label: label) }
        }
        if location == "path" && isArray { try leaveOut("path parameter \(name) is a list", required: required, label: label) }
        if location == "query" && isArray {
            guard let explode = Self.explode(parameter, swagger2: swagger2) else {
                try leaveOut("query parameter \(name) uses a list style tools do not send", required: required, label: label)
                return
            }
            fields["explode"] = .bool(explode)
        }
        if location == "query", parameter.field("style") == "deepObject" {
            try leaveOut("query parameter \(name) uses style deepObject", required: required, label: label)
            return
        }
        let argument = tool.arguments.take(ParameterShape.argumentName(name))
        fields["name"] = .string(argument)
        fields["required"] = .bool(required)
        fields["description"] = .string(SchemaInliner.cut(description ?? "The \(name) \(location) parameter.", to: 1000))
        switch location {
        case "path":
            tool.template = tool.template.replacingOccurrences(of: "{\(name)}", with: "{\(argument)}")
            tool.urlParams.append(.object(fields))
        case "query":
            if argument != name { fields["sent_as"] = .string(name) }
            tool.urlParams.append(.object(fields))
        default:
            tool.headerParams.append(.object(fields))
            tool.headers[name] = "{{\(argument)}}"
        }
    }

    /// A JSON or form body's properties as body parameters.
    private mutating func body(_ schema: JSONValue, media: String?, required: Bool, into tool: inout ToolShape, label: String) throws(Skip)
    {
        guard let media else {
            try leaveOut(
                "a request body of a type other than JSON or a form (such as multipart/form-data)", required: required, label: label)
            return
        }
        guard ["POST", "PUT", "PATCH"].contains(tool.method) else {
            try leaveOut("a request body on \(tool.method)", required: required, label: label)
            return
        }
        guard let (properties, requiredNames) = ParameterShape.objectProperties(schema), !properties.isEmpty else {
            try leaveOut("a request body that is not a JSON object with named properties", required: required, label: label)
            return
        }
        if media == "form" { tool.bodyFormat = "form" }
        for (name, property) in properties.sorted(by: { $0.key < $1.key }) {
            var fields = ParameterShape.flat(property) ?? ["schema": property]
            let argument = tool.arguments.take(ParameterShape.argumentName(name))
            fields["name"] = .string(argument)
            fields["required"] = .bool(requiredNames.contains(name))
            let said = property.field("description").map { SchemaInliner.cut($0, to: 1000) }
            fields["description"] = .string(said ?? "The \(name) field of the request body.")
            if argument != name { fields["sent_as"] = .string(name) }
            tool.bodyParams.append(.object(fields))
        }
    }

    private mutating func leaveOut(_ what: String, required: Bool, label: String) throws(Skip) {
        if required { throw Skip(reason: "\(what) is required, and a tool cannot send it") }
        warnings.append("\(label): left out \(what)")
    }

    private func follow(_ value: JSONValue) throws(Skip) -> [String: JSONValue] {
        do {
            return try SchemaInliner.follow(value, in: document).members
        } catch {
            throw Self.skip(error)
        }
    }

    private func inline(_ schema: JSONValue, _ inliner: inout SchemaInliner) throws(Skip) -> JSONValue {
        do {
            return try inliner.inline(schema)
        } catch {
            throw Self.skip(error)
        }
    }

    static func skip(_ error: SchemaInliner.Unfollowable) -> Skip {
        switch error {
        case .external(let reference): Skip(reason: "it refers to \(reference) in another document, which is never fetched")
        case .missing(let reference): Skip(reason: "its $ref \(reference) points at nothing in the document")
        case .loop(let reference): Skip(reason: "its $ref \(reference) leads back to itself")
        }
    }
}
