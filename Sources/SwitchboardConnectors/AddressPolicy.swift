import Foundation

/// An IP address as bytes: 4 for IPv4, 16 for IPv6.
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    public let bytes: [UInt8]

    public init?(_ text: String) {
        var trimmed = text
        if trimmed.hasPrefix("[") && trimmed.hasSuffix("]") { trimmed = String(trimmed.dropFirst().dropLast()) }
        var v4 = in_addr()
        var v6 = in6_addr()
        if inet_pton(AF_INET, trimmed, &v4) == 1 {
            bytes = withUnsafeBytes(of: &v4) { Array($0) }
        } else if inet_pton(AF_INET6, trimmed, &v6) == 1 {
            bytes = withUnsafeBytes(of: &v6) { Array($0) }
        } else {
            return nil
        }
    }

    init(bytes: [UInt8]) { self.bytes = bytes }

    public var isV4: Bool { bytes.count == 4 }

    /// The IPv4 address inside an IPv6 address that translates to it: IPv4-mapped
    /// (`::ffff:a.b.c.d`), SIIT (`::ffff:0:a.b.c.d`), IPv4-compatible (`::a.b.c.d`) or
    /// well-known NAT64 (`64:ff9b::a.b.c.d`).
    var embeddedV4: IPAddress? {
        guard bytes.count == 16 else { return nil }
        let mapped = bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xff && bytes[11] == 0xff
        let siit = bytes[0..<8].allSatisfy { $0 == 0 } && bytes[8] == 0xff && bytes[9] == 0xff && bytes[10] == 0 && bytes[11] == 0
        // IPv4-compatible (::a.b.c.d), but not :: and ::1, which are IPv6's own.
        let compatible = bytes[0..<12].allSatisfy { $0 == 0 } && bytes[12..<15].contains { $0 != 0 }
        let nat64 = bytes[0..<12] == [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0]
        return mapped || siit || compatible || nat64 ? IPAddress(bytes: Array(bytes[12..<16])) : nil
    }

    public var description: String {
        var storage = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        var copy = bytes
        let family = isV4 ? AF_INET : AF_INET6
        _ = copy.withUnsafeMutableBytes { inet_ntop(family, $0.baseAddress, &storage, socklen_t(storage.count)) }
        return String(cString: storage)
    }
}

/// A CIDR range such as `127.0.0.0/8` or `fc00::/7`.
public struct IPRange: Sendable, Hashable {
    let base: IPAddress
    let prefix: Int

    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/", maxSplits: 1)
        guard let address = IPAddress(String(parts[0])) else { return nil }
        let width = address.bytes.count * 8
        let prefix = parts.count == 2 ? Int(parts[1]) : width
        guard let prefix, (0...width).contains(prefix) else { return nil }
        self.base = address
        self.prefix = prefix
    }

    public func contains(_ address: IPAddress) -> Bool {
        guard address.bytes.count == base.bytes.count else { return false }
        var remaining = prefix
        for (a, b) in zip(address.bytes, base.bytes) where remaining > 0 {
            let bits = min(8, remaining)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
            if a & mask != b & mask { return false }
            remaining -= bits
        }
        return true
    }
}

/// Which addresses outbound calls to user-supplied URLs may reach: never loopback,
/// private, link-local (cloud metadata), CGNAT, unspecified, multicast, reserved or
/// documentation ranges, in IPv4 or IPv6 (including IPv4 inside IPv6), unless the
/// operator allowed a range.
public struct AddressPolicy: Sendable {
    public let allowed: [IPRange]

    public init(allowed: [IPRange] = []) {
        self.allowed = allowed
    }

    /// Every address: for the services the operator's own configuration names.
    public static let anywhere = AddressPolicy(allowed: [IPRange("0.0.0.0/0")!, IPRange("::/0")!])

    static let blocked: [(IPRange, String)] = [
        ("0.0.0.0/8", "unspecified"), ("10.0.0.0/8", "private"), ("100.64.0.0/10", "shared (CGNAT)"),
        ("127.0.0.0/8", "loopback"), ("169.254.0.0/16", "link-local"), ("172.16.0.0/12", "private"),
        ("192.0.0.0/24", "reserved"), ("192.0.2.0/24", "documentation"), ("192.88.99.0/24", "reserved"),
        ("192.168.0.0/16", "private"), ("198.18.0.0/15", "benchmarking"), ("198.51.100.0/24", "documentation"),
        ("203.0.113.0/24", "documentation"), ("224.0.0.0/4", "multicast"), ("240.0.0.0/4", "reserved"),
        ("::/128", "unspecified"), ("::1/128", "loopback"), ("64:ff9b:1::/48", "local-use NAT64"), ("100::/64", "discard"),
        ("2001::/23", "reserved"),
        ("2001:db8::/32", "documentation"), ("2002::/16", "6to4"), ("fc00::/7", "private"), ("fe80::/10", "link-local"),
        ("fec0::/10", "site-local"), ("ff00::/8", "multicast"),
    ].map { (IPRange($0.0)!, $0.1) }

    /// True when the operator allowed `address` by name of its range (`SWITCHBOARD_ALLOWED_PRIVATE_RANGES`).
    public func allowsExplicitly(_ address: IPAddress) -> Bool {
        allowed.contains { $0.contains(address) || address.embeddedV4.map($0.contains) == true }
    }

    /// The range that forbids `address` (`"loopback"`), or nil when it may be reached.
    public func refusal(for address: IPAddress) -> String? {
        if allowsExplicitly(address) { return nil }
        if let inner = address.embeddedV4 {
            if let reason = refusal(for: inner) { return "\(reason), inside an IPv6 address" }
        }
        return Self.blocked.first { $0.0.contains(address) }.map(\.1)
    }
}
