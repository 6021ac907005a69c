import Testing

@testable import SwitchboardCore

@Suite("Reading request bodies")
struct FieldReaderTests {
    @Test func malformedJSONIsABadRequest() {
        #expect(throws: ConsoleError.malformedJSON) { try JSONValue.parse(Array("{\"name\": ".utf8)) }
        #expect(throws: ConsoleError.malformedJSON) { try JSONValue.parse(Array("not json".utf8)) }
    }

    @Test func everyProblemIsReportedAtOnce() throws {
        let body = try JSONValue.parse(Array(#"{"name": "", "age": "x", "colour": 3, "extra": true, "other": null}"#.utf8))
        var reader = FieldReader(body: body)
        _ = reader.string("name", required: true)
        _ = reader.integer("age", in: 0...150)
        _ = reader.oneOf("colour", ["red", "blue"])
        _ = reader.string("missing", required: true)
        #expect(
            throws: ConsoleError.validation([
                "name: must not be empty", "age: must be an integer", "colour: must be a string",
                "missing: is required", "extra: is not allowed", "other: is not allowed",
            ])
        ) { try reader.finish() }
    }

    /// The document's rules are JSON Schema's: `\S` with ECMA-262's white space, and
    /// lengths in code points, so a request the document allows is never refused.
    @Test func blankAndLengthMeanWhatTheDocumentSays() throws {
        for blank in ["", " ", "\n\t", "\u{A0}\u{3000}", "\u{FEFF}", "\u{2028}"] { #expect(FieldReader.isBlank(blank)) }
        for text in ["a", "\u{85}", "\u{1E}", "\u{200B}", " x "] { #expect(!FieldReader.isBlank(text)) }
        // "é" as e and a combining accent is one character but two code points.
        var reader = FieldReader(body: .object(["name": .string("e\u{301}e\u{301}"), "short": .string("e\u{301}")]))
        #expect(reader.string("name", maxLength: 3) == nil)
        #expect(reader.string("short", maxLength: 2) == "e\u{301}")
        #expect(reader.problems == ["name: must be at most 3 characters"])
    }

    @Test func nestedReadersNameTheFullPath() throws {
        let body = try JSONValue.parse(Array(#"{"auth_config": {"token": 5}}"#.utf8))
        var outer = FieldReader(body: body)
        var inner = FieldReader(body: outer.raw("auth_config"), path: "auth_config")
        _ = inner.string("token", required: true)
        outer.absorb(inner)
        #expect(throws: ConsoleError.validation(["auth_config.token: must be a string"])) { try outer.finish() }
    }

    @Test func aBodyThatIsNotAnObjectIsOneProblem() throws {
        var reader = FieldReader(body: try JSONValue.parse(Array("[1, 2]".utf8)))
        #expect(throws: ConsoleError.validation(["body: must be an object, not array"])) { try reader.finish() }
    }

    @Test func goodValuesPassThrough() throws {
        var reader = FieldReader(body: try JSONValue.parse(Array(#"{"name": "Ada", "n": 3, "on": true}"#.utf8)))
        #expect(reader.string("name", maxLength: 10) == "Ada")
        #expect(reader.integer("n", in: 1...5) == 3)
        #expect(reader.bool("on") == true)
        try reader.finish()
    }
}
