import HTTPTypes
import Hummingbird
import NIOCore
import SwitchboardCore

/// `/console`: the page for the people who operate agents (sign in with a key, then
/// agents, integrations, actions, executions, approvals, webhooks, the audit log).
/// Static files compiled into the binary, plain ES modules with no build step; the
/// page itself uses only the public API, so it needs no key here.
struct ConsolePageRoutes {
    /// Only this server's own files and API; nothing inline, nothing framed.
    static let policy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
        + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    static let files: [(path: String, type: String, bytes: [UInt8])] = [
        ("/console", "text/html; charset=utf-8", PackageResources.index_html),
        ("/console/console.css", "text/css; charset=utf-8", PackageResources.console_css),
        ("/console/icon.svg", "image/svg+xml", PackageResources.icon_svg),
    ]

    /// The page's ES modules, by name, served at `/console/{module}.js`.
    static let modules: [String: [UInt8]] = [
        "app": PackageResources.app_js, "api": PackageResources.api_js, "dom": PackageResources.dom_js,
        "overview": PackageResources.overview_js, "agents": PackageResources.agents_js, "actions": PackageResources.actions_js,
        "connect": PackageResources.connect_js, "import": PackageResources.import_js,
        "integration": PackageResources.integration_js, "run": PackageResources.run_js,
        "executions": PackageResources.executions_js, "webhooks": PackageResources.webhooks_js,
        "audit": PackageResources.audit_js,
    ]

    static func headers(type: String) -> HTTPFields {
        var headers = HTMLPage.securityHeaders(policy: policy)
        headers[.contentType] = type
        headers[.cacheControl] = "no-cache"
        return headers
    }

    func register(on router: Router<ConsoleContext>) {
        for file in Self.files {
            let bytes = file.bytes
            let headers = Self.headers(type: file.type)
            router.get(RouterPath(file.path)) { _, _ in
                Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
            }
        }
        let script = Self.headers(type: "text/javascript; charset=utf-8")
        router.get("/console/{module}.js") { request, context in
            guard let bytes = context.parameters.get("module").flatMap({ Self.modules[$0] }) else {
                throw ConsoleError.routeNotFound(method: request.method.rawValue, path: request.uri.path)
            }
            return Response(status: .ok, headers: script, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }
}
