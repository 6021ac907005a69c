import Foundation
import SwitchboardCore
import SwitchboardOpenAPI
import Testing

/// The OpenAPI Initiative's examples (`contract/fixtures/openapi`) and hostile
/// documents, turned into custom tools.
@Suite struct OpenAPIImportTests {
    static let fixtures = URL(filePath: #filePath).deletingLastPathComponent().appending(path: "../../contract/fixtures/openapi")

    static func plan(_ file: String, options: ImportOptions = ImportOptions()) throws -> ImportPlan {
        let text = try String(contentsOf: fixtures.appending(path: file), encoding: .utf8)
        return try OpenAPIImport.plan(try APIDocument.read(text: text, field: "document"), options: options)
    }

    static func tool(_ plan: ImportPlan, _ name: String) throws -> ToolDefinition {
        try #require(plan.tools.first { $0.definition.name == name }?.definition)
    }

    static func problems(_ body: () throws -> Void) -> [String] {
        do {
            try body()
            return []
        } catch let error as ConsoleError {
            if case .problems(let list) = error.message { return list }
            return ["not a validation error"]
        } catch {
            return ["\(error)"]
        }
    }

    @Test func petstoreBecomesThreeToolsWithItsServerAndTypes() throws {
        let plan = try Self.plan("oai-3.0-petstore.yaml")
        #expect(plan.title == "Swagger Petstore")
        #expect(plan.baseURL == "http://petstore.swagger.io/v1")
        #expect(plan.tools.map(\.definition.name).sorted() == ["create_pets", "list_pets", "show_pet_by_id"])
        #expect(plan.skipped.isEmpty)

        let list = try Self.tool(plan, "list_pets")
        #expect(list.method == "GET" && list.urlTemplate == "/pets" && !list.requireHumanApproval)
        #expect(list.annotations["readOnlyHint"] == true)
        #expect(list.description == "List all pets")
        #expect(list.category == "pets")
        let limit = try #require(list.urlParams.first)
        #expect(limit.members["type"] == .string("integer") && limit.members["maximum"] == .int(100))
        #expect(limit.members["format"] == nil, "int32 is not a format tools check")
        #expect(limit.members["required"] == .bool(false))

        let show = try Self.tool(plan, "show_pet_by_id")
        #expect(show.urlTemplate == "/pets/{petId}" && show.urlParams.first?.field("name") == "petId")

        let create = try Self.tool(plan, "create_pets")
        #expect(create.requireHumanApproval, "a write needs approval by default")
        #expect(create.annotations["readOnlyHint"] == false)
        let body = Dictionary(uniqueKeysWithValues: create.bodyParams.map { ($0.field("name")!, $0) })
        #expect(Set(body.keys) == ["id", "name", "tag"])
        #expect(body["id"]?.members["required"] == .bool(true) && body["tag"]?.members["required"] == .bool(false))
        let source = try #require(plan.tools.first { $0.definition.name == "create_pets" }?.source)
        #expect(
            source
                == .object([
                    "type": .string("openapi"), "operation": .string("createPets"), "method": .string("POST"), "path": .string("/pets"),
                ]))
    }

    @Test func swaggerTwoReadsHostBasePathBodiesAndListStyles() throws {
        let plan = try Self.plan("oai-2.0-petstore-expanded.yaml")
        #expect(plan.baseURL == "http://petstore.swagger.io/api")
        #expect(plan.tools.count == 4 && plan.skipped.isEmpty)
        let find = try Self.tool(plan, "find_pets")
        let tags = try #require(find.urlParams.first { $0.field("name") == "tags" })
        #expect(tags.members["type"] == .string("array") && tags.members["explode"] == .bool(false), "csv is one comma-joined value")
        let add = try Self.tool(plan, "add_pet")
        #expect(add.bodyParams.compactMap { $0.field("name") }.sorted() == ["name", "tag"], "allOf and $ref to definitions are followed")
        // An operationId with spaces is made a valid name.
        #expect(plan.tools.contains { $0.definition.name == "find_pet_by_id" })
        let delete = try Self.tool(plan, "delete_pet")
        #expect(delete.annotations["destructiveHint"] == true && delete.requireHumanApproval)
    }

    @Test func callbacksAndWebhooksAreReportedNotImported() throws {
        let callbacks = try Self.plan("oai-3.0-callback-example.yaml")
        #expect(callbacks.tools.count == 1)
        #expect(callbacks.skipped.contains { $0.operation.hasPrefix("callback ") && $0.reason.contains("callback") })
        let webhooks = try Self.plan("oai-3.1-webhook-example.yaml")
        #expect(webhooks.tools.map(\.definition.name) == ["list_pets"])
        #expect(webhooks.skipped.map(\.operation) == ["webhook newPet"])
    }

    @Test(arguments: [
        "oai-3.0-petstore.yaml", "oai-3.0-petstore-expanded.yaml", "oai-3.0-api-with-examples.yaml", "oai-3.0-callback-example.yaml",
        "oai-3.0-link-example.yaml", "oai-3.1-webhook-example.yaml", "oai-2.0-petstore-expanded.yaml",
    ])
    func everyOperationIsAToolOrSkippedWithAReason(file: String) throws {
        let plan = try Self.plan(file)
        let text = try String(contentsOf: Self.fixtures.appending(path: file), encoding: .utf8)
        let document = try APIDocument.read(text: text, field: "document")
        let operations =
            document.members["paths"]?.members.values.reduce(0) { count, item in
                count
                    + item.members.keys.filter { ["get", "put", "post", "delete", "options", "head", "patch", "trace"].contains($0) }.count
            } ?? 0
        let skippedOperations = plan.skipped.filter { !$0.operation.hasPrefix("callback ") && !$0.operation.hasPrefix("webhook ") }
        #expect(plan.tools.count + skippedOperations.count == operations)
        #expect(skippedOperations.allSatisfy { !$0.reason.isEmpty })
        #expect(Set(plan.tools.map(\.definition.name)).count == plan.tools.count)
    }

    @Test func includePicksOperationsByIdPathOrTagAndApprovalFollowsTheChoice() throws {
        let picked = try Self.plan(
            "oai-3.0-petstore.yaml", options: ImportOptions(operations: ["showPetById", "post /pets"], approval: .all))
        #expect(picked.tools.map(\.definition.name).sorted() == ["create_pets", "show_pet_by_id"])
        #expect(picked.tools.allSatisfy { $0.definition.requireHumanApproval })
        #expect(picked.skipped.map(\.operation) == ["GET /pets"])
        let none = try Self.plan("oai-3.0-petstore.yaml", options: ImportOptions(tags: ["pets"], approval: .none))
        #expect(none.tools.count == 3 && none.tools.allSatisfy { !$0.definition.requireHumanApproval })
    }

    @Test func namesThatAreNotArgumentNamesAreSentAsTheDocumentSaysAndSecurityGivesTheAuthShape() throws {
        let document = try APIDocument.read(
            text: """
                openapi: 3.1.0
                info: {title: Search, version: "1"}
                servers: [{url: "https://{region}.example.com/v2/", variables: {region: {default: eu}}}]
                security: [{key: []}]
                components:
                  securitySchemes:
                    key: {type: apiKey, in: query, name: api-key}
                    bearer: {type: http, scheme: bearer}
                paths:
                  /items/{item-id}:
                    post:
                      parameters:
                        - {name: item-id, in: path, required: true, schema: {type: string}}
                        - {name: api-version, in: query, required: true, schema: {type: string, enum: ["2024-01", "2025-01"]}}
                        - {name: X-Trace, in: header, schema: {type: string}}
                        - {name: session, in: cookie, schema: {type: string}}
                        - {name: ids, in: query, schema: {type: array, items: {type: integer}}}
                      requestBody:
                        content:
                          application/json:
                            schema:
                              type: object
                              required: ["page[size]"]
                              properties:
                                "page[size]": {type: integer, minimum: 1}
                                filter: {oneOf: [{type: string}, {type: object, properties: {q: {type: string}}}]}
                """, field: "document")
        let plan = try OpenAPIImport.plan(document, options: ImportOptions())
        #expect(plan.baseURL == "https://eu.example.com/v2")
        #expect(plan.auth?.type == "api_key" && plan.auth?.names == ["query_name": "api-key"])
        let tool = try #require(plan.tools.first).definition
        #expect(tool.name == "post_items_item_id")
        #expect(tool.urlTemplate == "/items/{item_id}")
        let query = Dictionary(uniqueKeysWithValues: tool.urlParams.map { ($0.field("name")!, $0) })
        #expect(query["api_version"]?.field("sent_as") == "api-version")
        #expect(query["ids"]?.members["explode"] == .bool(true))
        #expect(tool.headersTemplate == ["X-Trace": "{{X_Trace}}"])
        let body = Dictionary(uniqueKeysWithValues: tool.bodyParams.map { ($0.field("name")!, $0) })
        #expect(body["page_size_"]?.field("sent_as") == "page[size]")
        #expect(body["filter"]?.members["schema"]?.members["oneOf"] != nil, "a oneOf stays JSON Schema")
        #expect(plan.warnings.contains { $0.contains("cookie parameter session") })

        let request = ToolRequest(
            definition: tool, baseURL: plan.baseURL,
            arguments: [
                "item_id": .string("a/b"), "api_version": .string("2025-01"), "ids": .array([.int(1), .int(2)]), "page_size_": .int(5),
            ])
        #expect(request.url == "https://eu.example.com/v2/items/a%2Fb?api-version=2025-01&ids=1&ids=2")
        #expect(String(decoding: request.body ?? Data(), as: UTF8.self) == #"{"page[size]":5}"#)
        #expect(!request.headers.contains { $0.0 == "X-Trace" }, "an optional header that was not given is not sent")
    }

    @Test func aRequiredPartATooCannotSendSkipsTheOperation() throws {
        let document = try APIDocument.read(
            text: """
                {"openapi": "3.0.3", "info": {"title": "Files", "version": "1"}, "servers": [{"url": "https://files.example.com"}],
                 "paths": {"/upload": {"post": {"operationId": "upload", "requestBody": {"required": true,
                   "content": {"multipart/form-data": {"schema": {"type": "object"}}}}}},
                  "/head": {"head": {"operationId": "probe"}},
                  "/ext": {"get": {"operationId": "ext", "parameters": [{"$ref": "other.yaml#/components/parameters/P"}]}}}}
                """, field: "document")
        let plan = try OpenAPIImport.plan(document, options: ImportOptions())
        #expect(plan.tools.isEmpty)
        let reasons = Dictionary(uniqueKeysWithValues: plan.skipped.map { ($0.operation, $0.reason) })
        #expect(reasons["POST /upload"]?.contains("multipart") == true)
        #expect(reasons["HEAD /head"]?.contains("HEAD") == true)
        #expect(reasons["GET /ext"]?.contains("never fetched") == true)
    }

    @Test func hostileDocumentsAreRefusedWithTheirReason() throws {
        let bomb =
            (["a: &a [x, x, x, x, x, x, x, x, x, x]"]
            + (1...8).map {
                "\(String(UnicodeScalar(97 + $0)!)): &\(String(UnicodeScalar(97 + $0)!)) ["
                    + Array(repeating: "*\(String(UnicodeScalar(96 + $0)!))", count: 10).joined(separator: ", ") + "]"
            }).joined(separator: "\n")
        #expect(Self.problems { _ = try APIDocument.read(text: bomb, field: "document") }.first?.contains("more than") == true)
        let deep = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(Self.problems { _ = try APIDocument.read(text: "{\"a\": \(deep)}", field: "document") }.first?.contains("deeper") == true)
        #expect(Self.problems { _ = try APIDocument.read(text: "a: " + deep, field: "document") } != [])
        let long = "{\"openapi\": \"3.0.0\", \"info\": {\"title\": \"\(String(repeating: "x", count: 1_100_000))\"}}"
        #expect(Self.problems { _ = try APIDocument.read(text: long, field: "document") }.first?.contains("longer than 1 MiB") == true)
        let loop = try APIDocument.read(
            text: """
                {"openapi": "3.0.0", "info": {"title": "L", "version": "1"}, "paths": {},
                 "components": {"schemas": {"A": {"$ref": "#/components/schemas/B"}, "B": {"$ref": "#/components/schemas/A"}}}}
                """, field: "document")
        #expect(
            Self.problems { _ = try OpenAPIImport.plan(loop, options: ImportOptions()) }.first?.contains("leads back to itself") == true)
        var paths: [String: JSONValue] = [:]
        for index in 0...OpenAPIImport.maxOperations { paths["/p\(index)"] = .object(["get": .object([:])]) }
        let many = JSONValue.object(["openapi": .string("3.0.0"), "info": .object([:]), "paths": .object(paths)])
        #expect(
            Self.problems { _ = try OpenAPIImport.plan(many, options: ImportOptions()) }.first?.contains("more than 5000 operations")
                == true)
        #expect(
            Self.problems { _ = try OpenAPIImport.plan(.object(["info": .object([:])]), options: ImportOptions()) }.first?.contains(
                "not an OpenAPI") == true)
    }

    @Test func aSchemaThatContainsItselfIsCutWhereItRepeats() throws {
        let document = try APIDocument.read(
            text: """
                openapi: 3.0.0
                info: {title: Tree, version: "1"}
                servers: [{url: "https://tree.example.com"}]
                components:
                  schemas:
                    Node: {type: object, required: [id, name], properties: {id: {type: string, readOnly: true}, name: {type: string}, children: {type: array, items: {$ref: "#/components/schemas/Node"}}}}
                paths:
                  /nodes:
                    post:
                      operationId: addNode
                      requestBody: {content: {application/json: {schema: {$ref: "#/components/schemas/Node"}}}}
                """, field: "document")
        let plan = try OpenAPIImport.plan(document, options: ImportOptions())
        let tool = try #require(plan.tools.first).definition
        let children = try #require(tool.bodyParams.first { $0.field("name") == "children" })
        let items = children.members["schema"]?.members["items"]
        #expect(items?.field("description")?.contains("contains itself") == true)
        #expect(tool.bodyParams.compactMap { $0.field("name") }.sorted() == ["children", "name"], "id is the server's to set")
        #expect(tool.inputSchema.members["required"] == .array([.string("name")]))
        #expect(plan.warnings.contains { $0.contains("cut") })
    }
}
