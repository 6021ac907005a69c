import Foundation
import Testing

@testable import SwitchboardCore

@Suite("Reading and writing JSON")
struct JSONCodecTests {
    @Test func valuesRoundTripWithSortedKeys() throws {
        let text = #"{"b": [1, 2.5, -3e2, true, false, null], "a": {"x": "line\nbreak \"quoted\" \\ é 💩 \u00e9 \ud83d\udca9"}}"#
        let value = try JSONValue.parse(Array(text.utf8))
        #expect(value.jsonText == #"{"a":{"x":"line\nbreak \"quoted\" \\ é 💩 é 💩"},"b":[1,2.5,-300,true,false,null]}"#)
        #expect(try JSONValue.parse(value.serialized) == value)
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\":}", "01", "1.", "-", "tru", "\"\\ud800\"", "\"\\udc00\"", "\"\u{1}\"", "{\"a\" 1}", "[1] x", "nan",
        String(repeating: "[", count: 300) + String(repeating: "]", count: 300),
    ])
    func malformedTextIsRefused(text: String) {
        #expect(throws: ConsoleError.malformedJSON) { try JSONValue.parse(Array(text.utf8)) }
    }

    @Test func stringsWithoutEscapesAreReadWholeAndChecked() throws {
        let text = #"{"plain": "é 💩 ok", "ascii": "only ascii", "tail": "before\nafter é", "t": true, "f": false, "z": null}"#
        let value = try JSONValue.parse(Array(text.utf8))
        #expect(
            value
                == .object([
                    "plain": .string("é 💩 ok"), "ascii": .string("only ascii"), "tail": .string("before\nafter é"), "t": .bool(true),
                    "f": .bool(false), "z": .null,
                ]))
        // Bytes that are not UTF-8, with and without an escape before them; a literal cut short.
        for bytes: [UInt8] in [
            [0x22, 0xFF, 0x22], [0x22, 0x61, 0xC3, 0x22], [0x22, 0x5C, 0x6E, 0xC3, 0x28, 0x22], Array("nul".utf8), Array("falsy".utf8),
        ] {
            #expect(throws: ConsoleError.malformedJSON) { try JSONValue.parse(bytes) }
        }
    }

    @Test func controlCharactersAreEscapedOnTheWayOut() {
        #expect(JSONValue.string("a\u{1}b\tc").jsonText == #""a\u0001b\tc""#)
    }

    @Test func timestampsHaveMillisecondsInUTC() {
        #expect(Date(millis: 1_780_646_400_123).iso8601 == "2026-06-05T08:00:00.123Z")
        #expect(Date(millis: 0).iso8601 == "1970-01-01T00:00:00.000Z")
    }
}
