import Foundation
import SwitchboardCore

/// What an import of a document would make: the custom API's defaults (name, base
/// URL, how it authenticates) and one tool per operation, with every operation
/// that does not become a tool named with the reason.
public struct ImportPlan: Sendable {
    public struct Skipped: Sendable, Equatable {
        public let operation: String
        public let reason: String
    }

    /// `info.title` and `info.description`.
    public var title: String?
    public var description: String?
    /// The first server's URL (its variables at their defaults), or Swagger 2.0's `schemes[0]://host/basePath`.
    public var baseURL: String?
    /// The shape of authentication the document's security schemes ask for.
    public var auth: AuthShape?
    public var tools: [ImportedTool] = []
    public var skipped: [Skipped] = []
    public var warnings: [String] = []
}

/// `auth_type` and the `auth_config` names a document's security scheme implies.
public struct AuthShape: Sendable, Equatable {
    public let type: String
    /// `header_name` or `query_name` for an API key.
    public let names: [String: String]
}

/// Which operations to import, and which of their tools need a person's approval.
public struct ImportOptions: Sendable, Equatable {
    public enum Approval: String, Sendable, CaseIterable {
        case writes, none, all
    }

    /// Operation ids or `METHOD /path`; nil for every operation.
    public var operations: [String]?
    public var tags: [String]?
    public var approval: Approval
    /// Where the document was fetched from, against which a relative server URL is resolved.
    public var documentURL: String?

    public init(operations: [String]? = nil, tags: [String]? = nil, approval: Approval = .writes, documentURL: String? = nil) {
        self.operations = operations
        self.tags = tags
        self.approval = approval
        self.documentURL = documentURL
    }
}

/// Turns an OpenAPI 3.0, 3.1 or Swagger 2.0 document into an `ImportPlan`. We read
/// the document's JSON ourselves rather than decode it into OpenAPIKit's types:
/// OpenAPIKit refused four of the five vendor documents we test with (a float
/// `maximum` on an integer, a missing `info.version`, a non-string `description`)
/// and reads no Swagger 2.0, where an import should take every operation it can
/// and name the ones it cannot. Yams reads the YAML.
public enum OpenAPIImport {
    public static let maxOperations = 5_000
    static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    public static func plan(_ document: JSONValue, options: ImportOptions) throws(ConsoleError) -> ImportPlan {
        guard case .object(let root) = document else { throw APIDocument.refusal("document", "must be an OpenAPI document (an object)") }
        let swagger2: Bool
        if let version = document.field("openapi"), version.hasPrefix("3.") {
            swagger2 = false
        } else if document.field("swagger") == "2.0" {
            swagger2 = true
        } else {
            throw APIDocument.refusal(
                "document", "is not an OpenAPI 3.x or Swagger 2.0 document (it has no `openapi: 3.x` or `swagger: \"2.0\"`)")
        }
        try refuseReferenceLoops(document)
        var plan = ImportPlan()
        plan.title = root["info"]?.field("title")
        plan.description = root["info"]?.field("description")
        plan.baseURL = swagger2 ? swaggerBase(root, documentURL: options.documentURL) : serverBase(root, documentURL: options.documentURL)
        plan.auth = authShape(root, swagger2: swagger2, warnings: &plan.warnings)
        let paths: [String: JSONValue] = if case .object(let paths)? = root["paths"] { paths } else { [:] }
        var operations: [(path: String, method: String, item: [String: JSONValue], operation: [String: JSONValue])] = []
        for (path, rawItem) in paths.sorted(by: { $0.key < $1.key }) {
            guard case .object(let item)? = try? SchemaInliner.follow(rawItem, in: document) else { continue }
            for method in methods {
                guard case .object(let operation)? = item[method] else { continue }
                operations.append((path, method.uppercased(), item, operation))
            }
        }
        guard operations.count <= maxOperations else {
            throw APIDocument.refusal("document", "has more than \(maxOperations) operations")
        }
        var mapper = OperationMapper(document: document, swagger2: swagger2, options: options)
        for entry in operations {
            let label = "\(entry.method) \(entry.path)"
            guard mapper.isIncluded(method: entry.method, path: entry.path, operation: entry.operation) else {
                plan.skipped.append(.init(operation: label, reason: "not in include"))
                continue
            }
            switch mapper.tool(method: entry.method, path: entry.path, item: entry.item, operation: entry.operation) {
            case .success(let tool): plan.tools.append(tool)
            case .failure(let skip): plan.skipped.append(.init(operation: label, reason: skip.reason))
            }
            if case .object(let callbacks)? = entry.operation["callbacks"] {
                for name in callbacks.keys.sorted() {
                    plan.skipped.append(
                        .init(
                            operation: "callback \(name) of \(label)", reason: "a callback is a call the API makes, not one an agent makes")
                    )
                }
            }
        }
        if case .object(let webhooks)? = root["webhooks"] {
            for name in webhooks.keys.sorted() {
                plan.skipped.append(
                    .init(operation: "webhook \(name)", reason: "a webhook is a call the API makes, not one an agent makes"))
            }
        }
        plan.warnings += mapper.warnings
        return plan
    }

    /// Refuses a document in which a `$ref` leads, through other `$ref`s only, back to itself.
    static func refuseReferenceLoops(_ document: JSONValue) throws(ConsoleError) {
        var references: Set<String> = []
        collectReferences(document, into: &references)
        for reference in references.sorted() where reference.hasPrefix("#") {
            do {
                _ = try SchemaInliner.follow(.object(["$ref": .string(reference)]), in: document)
            } catch .loop(let at) {
                throw APIDocument.refusal("document", "the $ref \(at) leads back to itself")
            } catch {
                continue
            }
        }
    }

    static func collectReferences(_ value: JSONValue, into references: inout Set<String>) {
        switch value {
        case .object(let fields):
            if case .string(let reference)? = fields["$ref"] { references.insert(reference) }
            for item in fields.values { collectReferences(item, into: &references) }
        case .array(let items):
            for item in items { collectReferences(item, into: &references) }
        default: break
        }
    }

    /// The first server's URL with its variables at their defaults, resolved against the document's own URL when relative.
    static func serverBase(_ root: [String: JSONValue], documentURL: String?) -> String? {
        guard case .array(let servers)? = root["servers"], let server = servers.first, var url = server.field("url") else {
            return documentURL.flatMap { absolute("/", against: $0) }
        }
        if case .object(let variables)? = server.members["variables"] {
            for (name, variable) in variables {
                if let value = variable.field("default") { url = url.replacingOccurrences(of: "{\(name)}", with: value) }
            }
        }
        return absolute(url, against: documentURL)
    }

    /// `schemes[0]://host/basePath`; without a host, the document's own.
    static func swaggerBase(_ root: [String: JSONValue], documentURL: String?) -> String? {
        let basePath = root["basePath"].flatMap { if case .string(let text) = $0 { text } else { nil } } ?? ""
        guard case .string(let host)? = root["host"] else { return absolute(basePath.isEmpty ? "/" : basePath, against: documentURL) }
        var scheme = "https"
        if case .array(let schemes)? = root["schemes"], case .string(let first)? = schemes.first { scheme = first }
        return trimmed("\(scheme)://\(host)\(basePath)")
    }

    static func absolute(_ url: String, against documentURL: String?) -> String? {
        if url.hasPrefix("http://") || url.hasPrefix("https://") { return trimmed(url) }
        guard let documentURL, let base = URL(string: documentURL), let resolved = URL(string: url, relativeTo: base) else { return nil }
        return trimmed(resolved.absoluteString)
    }

    static func trimmed(_ url: String) -> String { url.hasSuffix("/") ? String(url.dropLast()) : url }

    /// The authentication the document asks for: the first scheme its top-level
    /// `security` names that Switchboard can set up (else the first such scheme by
    /// name). OAuth 2.0, OpenID Connect and cookie keys are named in `warnings`.
    static func authShape(_ root: [String: JSONValue], swagger2: Bool, warnings: inout [String]) -> AuthShape? {
        let schemes = (swagger2 ? root["securityDefinitions"] : root["components"]?.members["securitySchemes"])?.members ?? [:]
        let required = (root["security"]?.arrayItems ?? []).flatMap { $0.members.keys.sorted() }
        var shape: AuthShape?
        for name in required + schemes.keys.sorted() where shape == nil {
            shape = schemes[name].flatMap(Self.shape)
        }
        for (name, scheme) in schemes.sorted(by: { $0.key < $1.key }) where Self.shape(scheme) == nil {
            let type = scheme.field("type") ?? "unknown"
            warnings.append(
                "security scheme \(name) (\(type)\(scheme.field("in").map { " in \($0)" } ?? "")) is not set up for you: "
                    + "give auth_type and auth_config yourself (for OAuth, a bearer token)")
        }
        return shape
    }

    /// The auth shape of one security scheme; nil for one Switchboard cannot set up.
    static func shape(_ scheme: JSONValue) -> AuthShape? {
        let httpScheme = scheme.field("scheme")?.lowercased()
        switch (scheme.field("type"), scheme.field("in"), scheme.field("name")) {
        case ("http", _, _) where httpScheme == "bearer": return AuthShape(type: "bearer", names: [:])
        case ("http", _, _) where httpScheme == "basic", ("basic", _, _): return AuthShape(type: "basic", names: [:])
        case ("apiKey", "header", let name?): return AuthShape(type: "api_key", names: ["header_name": name])
        case ("apiKey", "query", let name?): return AuthShape(type: "api_key", names: ["query_name": name])
        default: return nil
        }
    }
}
