import SwitchboardCore

/// The tool body being assembled for one operation.
struct ToolShape {
    let method: String
    var template: String
    var arguments = UniqueNames()
    var urlParams: [JSONValue] = []
    var bodyParams: [JSONValue] = []
    var headerParams: [JSONValue] = []
    var headers: [String: String] = [:]
    var bodyFormat = "json"

    init(method: String, template: String) {
        self.method = method
        self.template = template
    }

    /// The fields of the custom-tool body (`POST .../tools`).
    var fields: [String: JSONValue] {
        var fields: [String: JSONValue] = ["http_method": .string(method), "url_template": .string(template), "timeout": .int(30)]
        if !urlParams.isEmpty { fields["url_params"] = .array(urlParams) }
        if !bodyParams.isEmpty { fields["body_params"] = .array(bodyParams) }
        if !headerParams.isEmpty { fields["header_params"] = .array(headerParams) }
        if !headers.isEmpty { fields["headers_template"] = .object(headers.mapValues(JSONValue.string)) }
        if bodyFormat != "json" { fields["body_format"] = .string(bodyFormat) }
        return fields
    }
}
