import Testing

@testable import SwitchboardConnectors

@Suite("What a client span may say of a URL")
struct OutboundTraceTests {
    @Test(arguments: [
        ("https://api.example.com/v1/orders", "https://api.example.com/v1/orders", 443),
        ("http://ada:s3cret@api.example.com:8080/x?token=abc&page=2", "http://api.example.com:8080/x?token=REDACTED&page=REDACTED", 8080),
        ("https://api.example.com/users/{id}?api_key={{key}}#frag", "https://api.example.com/users/{id}?api_key=REDACTED", 443),
        ("http://[::1]:9000/mcp?flag", "http://[::1]:9000/mcp?flag=REDACTED", 9000),
        ("HTTPS://Example.com", "https://Example.com", 443),
    ])
    func urlsLoseUserinfoAndQueryValues(url: String, shown: String, port: Int) {
        let safe = OutboundTrace.safeURL(url)
        #expect(safe.url == shown)
        #expect(safe.port == port)
    }

    @Test func aURLWithNoSchemeKeepsItsPathAndHasNoPort() {
        let safe = OutboundTrace.safeURL("/relative/path?secret=1")
        #expect(safe.url == "/relative/path?secret=REDACTED")
        #expect(safe.port == nil)
    }
}
