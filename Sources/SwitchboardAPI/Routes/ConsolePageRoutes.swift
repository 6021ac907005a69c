import Hummingbird
import NIOCore

/// `/console`: the page for the people who operate agents (sign in with a key,
/// approvals, integrations, latest executions). Static files compiled into the
/// binary; the page itself uses only the public API, so it needs no key here.
struct ConsolePageRoutes {
    /// Only this server's own files and API; nothing inline, nothing framed.
    static let policy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
        + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    static let files: [(path: String, type: String, bytes: [UInt8])] = [
        ("/console", "text/html; charset=utf-8", PackageResources.index_html),
        ("/console/console.js", "text/javascript; charset=utf-8", PackageResources.console_js),
        ("/console/console.css", "text/css; charset=utf-8", PackageResources.console_css),
    ]

    func register(on router: Router<ConsoleContext>) {
        for file in Self.files {
            let bytes = file.bytes
            let type = file.type
            var headers = HTMLPage.securityHeaders(policy: Self.policy)
            headers[.contentType] = type
            headers[.cacheControl] = "no-cache"
            router.get(RouterPath(file.path)) { [headers] _, _ in
                Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
            }
        }
    }
}
