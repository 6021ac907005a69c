import NIOCore
import Testing
@testable import SwitchboardConnectors

@Suite("Server-sent events")
struct SSEParserTests {
    @Test(arguments: ["\n", "\r\n", "\r"])
    func eventsEndAtABlankLineWhateverTheLineEnd(end: String) {
        var parser = SSEParser()
        let text = "event: endpoint\(end)data: /messages/?session_id=1\(end)\(end): comment\(end)data: {\"a\":\(end)data: 1}\(end)\(end)"
        let events = parser.feed(ByteBuffer(string: text))
        #expect(events == [
            SSEEvent(event: "endpoint", data: "/messages/?session_id=1", id: nil),
            SSEEvent(event: "message", data: "{\"a\":\n1}", id: nil),
        ])
    }

    @Test func anEventSplitAcrossChunksAndACRLFSplitInTwoStillParse() {
        var parser = SSEParser()
        #expect(parser.feed(ByteBuffer(string: "data: hel")).isEmpty)
        #expect(parser.feed(ByteBuffer(string: "lo\r")).isEmpty)
        #expect(parser.feed(ByteBuffer(string: "\n\r\n")) == [SSEEvent(event: "message", data: "hello", id: nil)])
    }
}
