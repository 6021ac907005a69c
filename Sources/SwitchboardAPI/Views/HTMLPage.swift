import Crypto
import Foundation
import Hummingbird
import NIOCore

/// The plain pages a person sees while connecting an integration.
enum HTMLPage {
    static let style =
        "body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}h1{font-size:1.4rem}"

    /// Nothing but the page's own inline style, named by its hash; no script, no frames.
    static let policy =
        "default-src 'none'; style-src 'sha256-\(Data(SHA256.hash(data: Data(style.utf8))).base64EncodedString())'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    static func html(title: String, message: String, status: HTTPResponse.Status = .ok) -> Response {
        let body = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <style>\(style)</style></head>
            <body><h1>\(escape(title))</h1><p>\(escape(message))</p></body></html>
            """
        var headers = securityHeaders(policy: policy)
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// What every page Switchboard serves sends: its Content-Security-Policy, and no
    /// sniffing, no framing, no referrer.
    static func securityHeaders(policy: String) -> HTTPFields {
        [
            .contentSecurityPolicy: policy, .init("X-Content-Type-Options")!: "nosniff", .init("X-Frame-Options")!: "DENY",
            .init("Referrer-Policy")!: "no-referrer",
        ]
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}
