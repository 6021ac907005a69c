import Testing

@testable import SwitchboardConnectors

@Suite("The outbound address guard")
struct AddressPolicyTests {
    let guarded = GuardedHTTP(policy: AddressPolicy())

    @Test(arguments: [
        ("http://127.0.0.1/", "loopback"), ("http://[::1]/", "loopback"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"), ("http://10.0.0.1/", "private"),
        ("http://172.16.5.4/", "private"), ("http://192.168.1.1/", "private"), ("http://100.64.0.1/", "shared (CGNAT)"),
        ("http://0.0.0.0/", "unspecified"), ("http://2130706433/", "loopback"), ("http://0x7f000001/", "loopback"),
        ("http://0177.0.0.1/", "loopback"), ("http://[::ffff:127.0.0.1]/", "loopback, inside an IPv6 address"),
        ("http://[::ffff:a9fe:a9fe]/", "link-local, inside an IPv6 address"), ("http://[fd00::1]/", "private"),
        ("http://[fe80::1]/", "link-local"), ("http://224.0.0.1/", "multicast"), ("http://[::]/", "unspecified"),
        ("http://[::ffff:0:7f00:1]/", "loopback, inside an IPv6 address"),
        ("http://[::ffff:0:a9fe:a9fe]/", "link-local, inside an IPv6 address"),
        ("http://[64:ff9b::a00:1]/", "private, inside an IPv6 address"), ("http://[64:ff9b:1::7f00:1]/", "local-use NAT64"),
        ("http://[64:ff9b:1:ffff::8.8.8.8]/", "local-use NAT64"),
    ])
    func privateAddressesAreRefusedWithTheRule(url: String, rule: String) async {
        do {
            try await guarded.check(url)
            Issue.record("\(url) was allowed")
        } catch {
            #expect(
                error.description.hasSuffix("is not allowed (it resolves to an address in the \(rule) range)"),
                "\(url): \(error.description)")
        }
    }

    @Test func aRefusalNamesTheRuleButNotTheAddressANameResolvesTo() async {
        do {
            try await guarded.check("http://localhost:8080/x")
            Issue.record("localhost was allowed")
        } catch {
            #expect(error.description == "localhost is not allowed (it resolves to an address in the loopback range)")
            #expect(!error.description.contains("127.0.0.1") && !error.description.contains("::1"))
        }
    }

    @Test(arguments: ["ftp://example.com/", "file:///etc/passwd", "gopher://x/", "http:///nohost"])
    func onlyHTTPAndHTTPSWithAHostAreCalled(url: String) async {
        await #expect(throws: OutboundError.self) { try await guarded.check(url) }
    }

    @Test func publicAddressesAndAllowedRangesPass() async throws {
        #expect(AddressPolicy().refusal(for: IPAddress("93.184.216.34")!) == nil)
        #expect(AddressPolicy().refusal(for: IPAddress("2606:2800:220:1::1")!) == nil)
        let local = GuardedHTTP(policy: AddressPolicy(allowed: [IPRange("127.0.0.0/8")!]))
        #expect(try await local.check("http://127.0.0.1:9/").address.description == "127.0.0.1")
        #expect(AddressPolicy(allowed: [IPRange("127.0.0.0/8")!]).refusal(for: IPAddress("::ffff:127.0.0.1")!) == nil)
        #expect(AddressPolicy(allowed: [IPRange("127.0.0.0/8")!]).refusal(for: IPAddress("10.0.0.1")!) == "private")
    }

    @Test func rangesMatchTheirPrefixOnly() {
        #expect(IPRange("172.16.0.0/12")!.contains(IPAddress("172.31.255.255")!))
        #expect(!IPRange("172.16.0.0/12")!.contains(IPAddress("172.32.0.0")!))
        #expect(IPRange("fc00::/7")!.contains(IPAddress("fdff::1")!))
        #expect(IPRange("10.0.0.0/33") == nil && IPRange("nonsense") == nil)
    }
}
