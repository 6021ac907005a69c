import Foundation
import Logging
import NIOHTTP1
import ServiceLifecycle
import SwitchboardConnectors
import SwitchboardCore
import SwitchboardStore
import Tracing

/// Delivers the outbox: due deliveries are leased (one process at a time each),
/// signed (Standard Webhooks), posted through the outbound guard, and recorded;
/// a delivery that is not answered with a 2xx within 10 s is tried again after
/// the next wait of the schedule, then marked `failed`. A lease that ends with
/// its process (a crash) lets another process send the delivery again, with the
/// same `webhook-id`.
struct WebhookSender: Service, CustomStringConvertible {
    var description: String { "WebhookSender" }

    let store: WebhookStore
    let http: GuardedHTTP
    let secrets: SecretBox
    let clock: any TimeSource
    /// Waits between attempts (`SWITCHBOARD_WEBHOOK_RETRY_SECONDS`).
    let retrySeconds: [Double]
    let pollSeconds: Double
    let metrics: ServerMetrics
    let logger: Logger

    static let timeout: TimeInterval = 10
    /// Deliveries on their way at once; a slow endpoint holds one of them, not the others.
    static let concurrency = 16
    /// Longer than an attempt can take, so a live sender never loses its lease.
    static let lease: TimeInterval = 30

    func run() async throws {
        let inFlight = InFlight()
        await withDiscardingTaskGroup { group in
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                let free = Self.concurrency - (await inFlight.count)
                guard free > 0 else {
                    // Every slot is taken: wait a moment for one to free up.
                    try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .milliseconds(50)) }
                    continue
                }
                var claimed = 0
                do {
                    let due = try await store.claim(limit: free, lease: Self.lease)
                    claimed = due.count
                    for item in due {
                        await inFlight.add(1)
                        group.addTask {
                            await send(item)
                            await inFlight.add(-1)
                        }
                    }
                } catch {
                    logger.warning("could not read due webhook deliveries", metadata: ["error": "\(String(reflecting: type(of: error)))"])
                }
                if claimed < free {
                    // Nothing more is due now.
                    try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(pollSeconds)) }
                }
            }
        }
    }

    /// How many deliveries are on their way.
    actor InFlight {
        private(set) var count = 0
        func add(_ change: Int) { count += change }
    }

    /// One attempt, in a span that continues the trace of the change that caused the event.
    func send(_ due: WebhookStore.Due) async {
        await withQuietSpan("deliver \(due.delivery.eventType)", context: TraceContext.continuing(due.traceparent), ofKind: .producer) {
            span in
            if span.isRecording {
                span.updateAttributes { attributes in
                    attributes["switchboard.webhook.delivery_id"] = due.delivery.id
                    attributes["switchboard.webhook.endpoint_id"] = due.delivery.endpointID
                    attributes["switchboard.webhook.attempt"] = due.delivery.attempts + 1
                }
            }
            await attempt(due, span: span)
        }
    }

    private func attempt(_ due: WebhookStore.Due, span: any Span) async {
        let delivery = due.delivery
        let started = ContinuousClock.now
        var status: Int?
        var failure: String?
        do {
            let secret = try secrets.open(due.sealedSecret, owner: delivery.endpointID)
            let body = Data(delivery.payload.utf8)
            let timestamp = Int(clock.now().timeIntervalSince1970)
            guard let signature = WebhookSignature.sign(id: delivery.id, timestamp: timestamp, body: body, secret: secret) else {
                throw OutboundError("the endpoint's signing secret cannot be read")
            }
            let response = try await http.send(
                .POST, due.url,
                headers: [
                    ("Content-Type", "application/json"), ("User-Agent", "Switchboard-Webhooks/1"), ("webhook-id", delivery.id),
                    ("webhook-timestamp", String(timestamp)), ("webhook-signature", signature),
                ], body: body, timeout: Self.timeout, credentialHeaders: ["webhook-signature"])
            status = response.status
            if !(200..<300).contains(response.status) { failure = "the endpoint answered HTTP \(response.status)" }
        } catch let error as OutboundError {
            failure = error.description
        } catch {
            failure = "the delivery could not be signed"
        }
        metrics.webhookDelivery(outcome: failure == nil ? "success" : "failure")
        if failure != nil { span.setStatus(.init(code: .error)) }
        let elapsed = ContinuousClock.now - started
        let milliseconds = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        let attempt = delivery.attempts + 1
        let retryAt = failure == nil || attempt > retrySeconds.count ? nil : clock.now().addingTimeInterval(retrySeconds[attempt - 1])
        do {
            try await store.recordAttempt(
                delivery, status: status, error: failure.map { String($0.prefix(500)) }, durationMS: milliseconds,
                succeeded: failure == nil, retryAt: retryAt)
        } catch {
            logger.warning("could not record a webhook attempt", metadata: ["delivery_id": "\(delivery.id)"])
        }
    }
}
