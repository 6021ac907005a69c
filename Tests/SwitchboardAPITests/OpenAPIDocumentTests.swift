import Foundation
import Hummingbird
import HummingbirdTesting
import SwitchboardAPI
import SwitchboardStore
import TestSupport
import Testing

@Suite("The served OpenAPI document")
struct OpenAPIDocumentTests {

    /// `METHOD /path` for every operation in the document.
    static func documentedOperations(_ yaml: String) -> Set<String> {
        var operations = Set<String>()
        var path: String?
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
                path = String(line.dropFirst(2).dropLast())
            } else if !line.hasPrefix(" "), !line.isEmpty {
                path = nil
            } else if let current = path, let method = ["get", "post", "put", "patch", "delete"].first(where: { line == "    \($0):" }) {
                operations.insert("\(method.uppercased()) \(current)")
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
            let documented = Self.documentedOperations(yaml)
            #expect(routed.count > 10)
            #expect(routed.subtracting(documented).sorted() == [], "routes missing from the document")
            #expect(documented.subtracting(routed).sorted() == [], "documented routes the server lacks")
        }
    }
}
