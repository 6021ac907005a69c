import Foundation
import SwitchboardCore

/// The actions each first-party connector brings, written as data in the custom-tool
/// definition format (`Resources/catalogs/<type>.json`: an array of tool bodies),
/// read by the same reader as a person's tools, so one executor runs both.
struct ConnectorCatalogs: Sendable {
    public let definitions: [Connector: [ToolDefinition]]

    /// Why a catalog cannot be used.
    public struct Problem: Error, Sendable {
        public let problem: String
    }

    /// The catalogs shipped inside the binary (checked by the test suite).
    public static let builtIn: ConnectorCatalogs = {
        do throws(Problem) {
            return try ConnectorCatalogs(overridesIn: nil)
        } catch {
            preconditionFailure("a built-in catalog is not valid: \(error.problem)")
        }
    }()

    /// The built-in catalogs, each replaced by `directory/<type>.json` where that file exists.
    public init(overridesIn directory: String?) throws(Problem) {
        var definitions: [Connector: [ToolDefinition]] = [:]
        for connector in Connector.all {
            let file = directory.map { URL(fileURLWithPath: $0).appendingPathComponent("\(connector.type).json").path }
            if let file, FileManager.default.fileExists(atPath: file) {
                guard let data = FileManager.default.contents(atPath: file) else { throw Problem(problem: "\(file) cannot be read") }
                definitions[connector] = try Self.read(data, source: file)
            } else {
                definitions[connector] = try Self.read(Data(connector.catalog), source: "the built-in \(connector.type) catalog")
            }
        }
        self.definitions = definitions
    }

    /// The catalogs by connector type, as the store takes them.
    public var byType: [String: [ToolDefinition]] {
        Dictionary(uniqueKeysWithValues: definitions.map { ($0.key.type, $0.value) })
    }

    static func read(_ data: Data, source: String) throws(Problem) -> [ToolDefinition] {
        guard case .array(let bodies)? = try? JSONValue.parse(text: String(decoding: data, as: UTF8.self)) else {
            throw Problem(problem: "\(source) must be a JSON array of tool definitions")
        }
        var definitions: [ToolDefinition] = []
        var problems: [String] = []
        for (index, body) in bodies.enumerated() {
            defer {
                if case .object(let fields) = body {
                    for key in ["auth_type", "auth_config"] where fields[key] != nil {
                        problems.append("[\(index)].\(key): not allowed; the connector's own credentials are used")
                    }
                }
            }
            do {
                let (definition, _) = try ToolDefinition.read(body: body, hasBaseURL: true)
                if definitions.contains(where: { ToolDefinition.snakeCase($0.name) == ToolDefinition.snakeCase(definition.name) }) {
                    problems.append("[\(index)].name: \(definition.name) is in the catalog twice")
                }
                definitions.append(definition)
            } catch {
                if case .problems(let found) = error.message { problems += found.map { "[\(index)].\($0)" } }
            }
        }
        guard problems.isEmpty else { throw Problem(problem: "\(source): " + problems.joined(separator: "; ")) }
        return definitions
    }
}
