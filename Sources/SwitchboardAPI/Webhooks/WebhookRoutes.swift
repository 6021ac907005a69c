import Foundation
import Hummingbird
import SwitchboardConnectors
import SwitchboardCore
import SwitchboardStore

/// `/webhooks`: the team's signed webhook endpoints, their deliveries, and retries.
/// A signing secret is shown once, at creation and at rotation.
struct WebhookRoutes {
    let store: WebhookStore
    let secrets: SecretBox
    let guarded: GuardedHTTP
    let clock: any TimeSource

    static let notFound = ConsoleError.notFound("Webhook not found")

    func register(on routes: ConsoleRoutes) {
        routes.on(Endpoints.Webhooks.collection, list: list, create: create, find: find, update: update, delete: delete)
            .on(Endpoints.Webhooks.rotateSecret, use: rotateSecret)
            .on(Endpoints.Webhooks.deliveries, use: deliveries)
            .on(Endpoints.Webhooks.retry, use: retry)
    }

    @Sendable func list(_ request: Request, context: ConsoleContext) async throws -> Response {
        try JSONResponse.success(try await store.list(teamID: try context.authenticated().teamID).map { Self.view($0) })
    }

    @Sendable func create(_ request: Request, context: ConsoleContext) async throws -> Response {
        let teamID = try context.authenticated().teamID
        var request = request
        let setup = try WebhookSetup(body: try await request.jsonBody(), creating: true)
        guard let url = setup.url, let events = setup.events else { throw ConsoleError.internalError }
        try await check(url)
        let now = clock.now().truncatedToMillis
        let secret = WebhookSignature.makeSecret()
        let id = Identifier.make("wh_")
        let endpoint = WebhookEndpoint(
            id: id, teamID: teamID, url: url, description: setup.description ?? "", events: events,
            enabled: setup.enabled ?? true, sealedSecret: try secrets.seal(secret, owner: id), createdAt: now, updatedAt: now)
        try await store.create(endpoint)
        return try JSONResponse.success(Self.view(endpoint, secret: secret), status: .created)
    }

    @Sendable func find(_ request: Request, context: ConsoleContext) async throws -> Response {
        try JSONResponse.success(Self.view(try await endpoint(context)))
    }

    @Sendable func update(_ request: Request, context: ConsoleContext) async throws -> Response {
        var endpoint = try await endpoint(context)
        var request = request
        let setup = try WebhookSetup(body: try await request.jsonBody(), creating: false)
        if let url = setup.url {
            try await check(url)
            endpoint.url = url
        }
        endpoint.events = setup.events ?? endpoint.events
        endpoint.description = setup.description ?? endpoint.description
        endpoint.enabled = setup.enabled ?? endpoint.enabled
        endpoint.updatedAt = clock.now().truncatedToMillis
        guard try await store.update(endpoint) else { throw Self.notFound }
        return try JSONResponse.success(Self.view(endpoint))
    }

    @Sendable func delete(_ request: Request, context: ConsoleContext) async throws -> Response {
        guard try await store.delete(id: try context.pathID("webhookId"), teamID: try context.authenticated().teamID) else {
            throw Self.notFound
        }
        return try JSONResponse.success(JSONValue.null)
    }

    @Sendable func rotateSecret(_ request: Request, context: ConsoleContext) async throws -> Response {
        var endpoint = try await endpoint(context)
        let secret = WebhookSignature.makeSecret()
        endpoint.sealedSecret = try secrets.seal(secret, owner: endpoint.id)
        endpoint.updatedAt = clock.now().truncatedToMillis
        guard try await store.update(endpoint) else { throw Self.notFound }
        return try JSONResponse.success(Self.view(endpoint, secret: secret))
    }

    @Sendable func deliveries(_ request: Request, context: ConsoleContext) async throws -> Response {
        let endpoint = try await endpoint(context)
        guard let limit = request.queryItems["limit"].map({ Int($0) }) ?? 50, (1...100).contains(limit) else {
            throw ConsoleError.validation(["limit: must be an integer from 1 to 100"])
        }
        return try JSONResponse.success(try await store.deliveries(endpointID: endpoint.id, limit: limit).map(Self.view))
    }

    @Sendable func retry(_ request: Request, context: ConsoleContext) async throws -> Response {
        let endpoint = try await endpoint(context)
        guard try await store.retry(deliveryID: try context.pathID("deliveryId"), endpointID: endpoint.id) else {
            throw ConsoleError.notFound("Delivery not found")
        }
        return try JSONResponse.success(.object(["id": .string(try context.pathID("deliveryId")), "status": .string("pending")]))
    }

    private func endpoint(_ context: ConsoleContext) async throws -> WebhookEndpoint {
        guard let endpoint = try await store.find(id: try context.pathID("webhookId"), teamID: try context.authenticated().teamID) else {
            throw Self.notFound
        }
        return endpoint
    }

    /// An endpoint URL must pass the outbound guard.
    private func check(_ url: String) async throws {
        do { try await guarded.check(url) } catch { throw ConsoleError.validation(["url: \(error.description)"]) }
    }

    static func view(_ endpoint: WebhookEndpoint, secret: String? = nil) -> JSONValue {
        var fields: [String: JSONValue] = [
            "id": .string(endpoint.id), "url": .string(endpoint.url), "description": .string(endpoint.description),
            "events": .array(endpoint.events.map(JSONValue.string)), "enabled": .bool(endpoint.enabled),
            "created_at": .string(endpoint.createdAt.iso8601), "updated_at": .string(endpoint.updatedAt.iso8601),
        ]
        if let secret { fields["secret"] = .string(secret) }
        return .object(fields)
    }

    static func view(_ delivery: WebhookDelivery) -> JSONValue {
        .object([
            "id": .string(delivery.id), "event_type": .string(delivery.eventType), "status": .string(delivery.status.rawValue),
            "attempts": .int(delivery.attempts),
            "next_attempt_at": delivery.status == .pending ? .string(delivery.nextAttemptAt.iso8601) : .null,
            "last_status": delivery.lastStatus.map { .int($0) } ?? .null, "last_error": .optional(delivery.lastError),
            "created_at": .string(delivery.createdAt.iso8601),
            "payload": (try? JSONValue.parse(text: delivery.payload)) ?? .null,
            "history": .array(
                delivery.history.map { attempt in
                    .object([
                        "attempt": .int(attempt.number), "at": .string(attempt.at.iso8601),
                        "status": attempt.status.map { .int($0) } ?? .null, "error": .optional(attempt.error),
                        "duration_ms": .int(attempt.durationMS),
                    ])
                }),
        ])
    }
}

/// A validated webhook endpoint body: everything on create, what is given on update.
struct WebhookSetup {
    let url: String?
    let events: [String]?
    let description: String?
    let enabled: Bool?

    init(body: JSONValue?, creating: Bool) throws(ConsoleError) {
        var reader = FieldReader(body: body)
        url = reader.httpURL("url", required: creating)
        let events = reader.strings("events", maxItems: WebhookEvents.all.count, maxLength: 64)
        description = reader.string("description", maxLength: 500, allowEmpty: true)
        enabled = reader.bool("enabled")
        if let events {
            for event in events where !WebhookEvents.all.contains(event) {
                reader.add("events", "\(event.prefix(64)) is not an event; events are \(WebhookEvents.all.joined(separator: ", "))")
            }
            if events.isEmpty { reader.add("events", "must name at least one event") }
        } else if creating, (reader.peek("events") ?? .null) == .null {
            reader.add("events", "is required")
        }
        try reader.finish()
        var seen: Set<String> = []
        self.events = events?.filter { seen.insert($0).inserted }
    }
}
