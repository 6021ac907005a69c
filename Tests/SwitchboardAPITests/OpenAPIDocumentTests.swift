import Foundation
import Hummingbird
import HummingbirdTesting
import SwitchboardCore
import SwitchboardStore
import TestSupport
import Testing

@testable import SwitchboardAPI

@Suite("The served OpenAPI document")
struct OpenAPIDocumentTests {

    /// `METHOD /path` of every operation in the document, with its `x-required-scope` if it has one.
    static func documentedOperations(_ yaml: String) -> [String: String?] {
        var operations: [String: String?] = [:]
        var path: String?
        var operation: String?
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
                path = String(line.dropFirst(2).dropLast())
                operation = nil
            } else if !line.hasPrefix(" "), !line.isEmpty {
                path = nil
                operation = nil
            } else if let current = path, let method = ["get", "post", "put", "patch", "delete"].first(where: { line == "    \($0):" }) {
                operation = "\(method.uppercased()) \(current)"
                operations[operation!] = .some(nil)
            } else if let operation, line.hasPrefix("      x-required-scope: ") {
                operations[operation] = String(line.dropFirst("      x-required-scope: ".count)).trimmingCharacters(
                    in: CharacterSet(charactersIn: "\""))
            }
        }
        return operations
    }

    @Test func everyRouteIsDocumentedAndEveryDocumentedRouteExists() async throws {
        try await TestHarness.with { harness, client in
            let response = try await client.execute(uri: "/api/v1/console/openapi.yaml", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("application/yaml") == true)
            let yaml = String(buffer: response.body)
            let routed = harness.routes
            let documented = Set(Self.documentedOperations(yaml).keys)
            #expect(routed.count > 10)
            #expect(routed.subtracting(documented).sorted() == [], "routes missing from the document")
            #expect(documented.subtracting(routed).sorted() == [], "documented routes the server lacks")
        }
    }

    @Test func theDocumentAndTheEndpointTableAgreeOnEveryScope() {
        let documented = Self.documentedOperations(OpenAPIDocument.yaml)
        let scoped = documented.compactMapValues { $0 }
        let table = Dictionary(uniqueKeysWithValues: Endpoints.all.map { ("\($0.method.rawValue) \($0.route)", $0.scope.rawValue) })
        #expect(scoped.count > 40)
        for (operation, scope) in table {
            #expect(scoped[operation] == scope, "\(operation): the table says \(scope), the document \(scoped[operation] ?? "nothing")")
        }
        for (operation, scope) in scoped {
            #expect(table[operation] == scope, "\(operation): documented \(scope), the table has \(table[operation] ?? "no row")")
        }
    }

    @Test func errorResponsesAreWrittenOnceAndMergedIntoEachOperation() {
        let yaml = OpenAPIDocument.yaml
        #expect(yaml.components(separatedBy: ##""401": {$ref: "#/components/responses/E401"}"##).count == 2)
        #expect(
            yaml.components(separatedBy: "\n        <<: *authenticated\n").count - 1
                == Self.documentedOperations(yaml).values.compactMap { $0 }.count)
    }
}
