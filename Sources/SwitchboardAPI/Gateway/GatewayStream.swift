import HTTPTypes
import Hummingbird
import NIOCore
import ServiceLifecycle
import SwitchboardCore
import SwitchboardStore

/// A long-lived event stream of the gateway: `notifications/tools/list_changed`
/// each time the agent's tools change, a comment line now and then so proxies and
/// the server notice a client that left, and an end when the server shuts down.
/// The session era's GET stream and the stateless era's `subscriptions/listen`
/// answer both use it.
enum GatewayStream {
    static let keepAlive = Duration.seconds(15)

    /// `first` frames (the stateless acknowledgement) are sent at once; `stamp` is
    /// the `_meta` every notification carries (the subscription id), if any.
    /// The stream holds `slot` while it is open.
    static func response(
        changes: any AsyncSequence<Void, Never> & Sendable, slot: StreamSlots.Slot, first: [JSONValue] = [], stamp: JSONValue? = nil
    ) -> Response {
        var params: [String: JSONValue] = [:]
        if let stamp { params["_meta"] = stamp }
        let changed = frame(
            .object(["jsonrpc": .string("2.0"), "method": .string("notifications/tools/list_changed"), "params": .object(params)]))
        let opening = first.map(frame).joined()
        let body = ResponseBody { writer in
            defer { slot.release() }
            let (frames, sink) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(8))
            if !opening.isEmpty { sink.yield(opening) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    await forward(changes) { sink.yield(changed) }
                    sink.finish()
                }
                group.addTask {
                    while !Task.isCancelled {
                        try await Task.sleep(for: keepAlive)
                        sink.yield(": keep-alive\n\n")
                    }
                }
                group.addTask {
                    try? await gracefulShutdown()
                    sink.finish()
                }
                defer { group.cancelAll() }
                for await text in frames {
                    try await writer.write(ByteBuffer(string: text))
                }
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: body)
    }

    /// Calls `each` for every change until the changes end.
    static func forward(_ changes: some AsyncSequence<Void, Never> & Sendable, _ each: () -> Void) async {
        for await _ in changes { each() }
    }

    static func frame(_ message: JSONValue) -> String {
        "event: message\ndata: \(message.jsonText)\n\n"
    }
}
