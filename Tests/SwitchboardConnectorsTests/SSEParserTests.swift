import NIOCore
import Testing

@testable import SwitchboardConnectors

@Suite("Server-sent events")
struct SSEParserTests {
    @Test(arguments: ["\n", "\r\n", "\r"])
    func eventsEndAtABlankLineWhateverTheLineEnd(end: String) throws {
        var parser = SSEParser()
        let text = "event: endpoint\(end)data: /messages/?session_id=1\(end)\(end): comment\(end)data: {\"a\":\(end)data: 1}\(end)\(end)"
        let events = try parser.feed(ByteBuffer(string: text))
        #expect(
            events == [
                SSEEvent(event: "endpoint", data: "/messages/?session_id=1", id: nil),
                SSEEvent(event: "message", data: "{\"a\":\n1}", id: nil),
            ])
    }

    @Test func anEventSplitAcrossChunksAndACRLFSplitInTwoStillParse() throws {
        var parser = SSEParser()
        #expect(try parser.feed(ByteBuffer(string: "data: hel")).isEmpty)
        #expect(try parser.feed(ByteBuffer(string: "lo\r")).isEmpty)
        #expect(try parser.feed(ByteBuffer(string: "\n\r\n")) == [SSEEvent(event: "message", data: "hello", id: nil)])
    }

    @Test func aLineThatNeverEndsIsRefusedAtTheCapInsteadOfGrowing() throws {
        var parser = SSEParser(maxEventBytes: 1000)
        #expect(try parser.feed(ByteBuffer(string: "data: " + String(repeating: "x", count: 900))).isEmpty)
        #expect(throws: OutboundError.self) { try parser.feed(ByteBuffer(string: String(repeating: "x", count: 200))) }
    }

    @Test func theCapCountsOneEventAndStartsAgainAfterIt() throws {
        var parser = SSEParser(maxEventBytes: 100)
        for _ in 0..<50 {
            #expect(try parser.feed(ByteBuffer(string: "data: " + String(repeating: "y", count: 80) + "\n\n")).count == 1)
        }
        #expect(throws: OutboundError.self) {
            try parser.feed(ByteBuffer(string: "data: a\ndata: " + String(repeating: "z", count: 95) + "\n"))
        }
    }
}
