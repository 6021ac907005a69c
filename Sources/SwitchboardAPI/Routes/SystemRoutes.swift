import Foundation
import Hummingbird
import NIOCore
import SwitchboardStore

/// `/health`, `/ready`, `/metrics` and the contract document: no key needed.
struct SystemRoutes {
    let database: Database
    let metrics: ServerMetrics
    let executions: ExecutionStore
    let streams: StreamSlots

    func register(on router: Router<ConsoleContext>) {
        router.get("/health") { _, _ in
            JSONResponse.json(Data(#"{"status":"ok"}"#.utf8), status: .ok)
        }
        router.get("/ready") { _, _ in
            await database.isReachable()
                ? JSONResponse.json(Data(#"{"status":"ready","database":"reachable"}"#.utf8), status: .ok)
                : JSONResponse.json(Data(#"{"status":"unavailable","database":"unreachable"}"#.utf8), status: .serviceUnavailable)
        }
        router.get("/metrics") { _, _ in
            let gauges = ServerMetrics.Gauges(
                gatewayStreams: streams.open, approvalsPending: (try? await executions.pendingCount()) ?? 0,
                logLinesDropped: LogWriter.standardError.dropped)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: metrics.render(gauges))))
        }
        router.get(RouterPath(Endpoints.document)) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.yaml)))
        }
    }
}
