import SwitchboardCore
import Testing

/// Words as the search reads them, and tools ranked by what a query says.
@Suite struct ToolSearchTests {
    @Test func namesAreSplitIntoWordsAndEndingsTakenOff() {
        #expect(ToolSearch.words("createImageEdit") == ["creat", "imag", "edit"])
        #expect(ToolSearch.words("list_vector_stores") == ["list", "vector", "stor"])
        #expect(ToolSearch.words("Creates an image of the files") == ["creat", "imag", "fil"])
        #expect(ToolSearch.words("queries") == ["query"])
    }

    @Test func aQueryInOtherWordsFindsTheToolThatDoesIt() {
        let entries = [
            DiscoveredTool(
                name: "create_image", title: "Create image", description: "Creates an image given a prompt.", inputSchema: .object([:])),
            DiscoveredTool(name: "list_images", title: "List images", description: "Lists your images.", inputSchema: .object([:])),
            DiscoveredTool(name: "delete_file", title: "Delete file", description: "Deletes a file.", inputSchema: .object([:])),
            DiscoveredTool(
                name: "create_refund", title: "Create refund", description: "Refunds a charge.",
                inputSchema: .object(["properties": .object(["charge": .object(["description": .string("The payment to give back")])])])),
        ]
        let search = ToolSearch(entries)
        #expect(search.rank("make a picture from a text prompt", limit: 1) == [0])
        #expect(search.rank("remove a document", limit: 1) == [2])
        #expect(search.rank("give a payment back", limit: 1) == [3])
        #expect(search.rank("the of and", limit: 5) == [], "a query of stop words finds nothing")
        #expect(search.rank("image", limit: 5).count == 2)
    }
}
