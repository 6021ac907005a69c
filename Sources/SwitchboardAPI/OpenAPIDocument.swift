/// The contract this server answers to, served at `/api/v1/console/openapi.yaml`.
/// A test checks that every route the router has is described here and that
/// nothing described here is missing from the router.
enum OpenAPIDocument {
    static let yaml = #"""
openapi: 3.1.0
info:
  title: Switchboard — BimpeAI Agent Console API
  version: 0.1.0
  description: |
    A self-hostable implementation of the BimpeAI Agent Console API. Every endpoint
    under /api/v1/console needs a team API key (`Authorization: Bearer sk_...` or
    `X-Api-Key: sk_...`); every response carries `X-Request-Id`, and every
    authenticated response carries `X-RateLimit-Limit`, `X-RateLimit-Remaining` and
    `X-RateLimit-Reset` (omitted for plans without a request limit).
servers:
  - url: /
security:
  - BearerAuth: []
  - ApiKeyAuth: []
tags:
  - name: System
  - name: Not implemented
    description: Routes of the Console API this server has not built yet; they answer 501 after the key and scope checks.
paths:
  /health:
    get:
      tags: [System]
      summary: The process is up.
      operationId: health
      security: []
      responses:
        "200":
          description: Up.
          content:
            application/json:
              schema: {type: object, required: [status], properties: {status: {type: string, const: ok}}}
  /ready:
    get:
      tags: [System]
      summary: The database answers.
      operationId: ready
      security: []
      responses:
        "200":
          description: Ready.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Readiness"}
        "503":
          description: The database does not answer.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Readiness"}
  /metrics:
    get:
      tags: [System]
      summary: Prometheus metrics (requests by route and status, latency histogram).
      operationId: metrics
      security: []
      responses:
        "200":
          description: Prometheus text format.
          content:
            text/plain:
              schema: {type: string}
  /api/v1/console/openapi.yaml:
    get:
      tags: [System]
      summary: This document.
      operationId: openapi
      security: []
      responses:
        "200":
          description: The OpenAPI document.
          content:
            application/yaml:
              schema: {type: string}
  /api/v1/console/agents/{agentId}/knowledge_bases:
    parameters:
      - {name: agentId, in: path, required: true, schema: {type: string, maxLength: 128}}
    get:
      tags: [Not implemented]
      summary: Knowledge bases (not implemented yet; needs knowledge_bases:read)
      operationId: notImplemented_get_agents_agentId_knowledge_bases
      x-required-scope: "knowledge_bases:read"
      responses:
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "429": {$ref: "#/components/responses/E429"}
        "501": {$ref: "#/components/responses/E501"}
    post:
      tags: [Not implemented]
      summary: Knowledge bases (not implemented yet; needs knowledge_bases:write)
      operationId: notImplemented_post_agents_agentId_knowledge_bases
      x-required-scope: "knowledge_bases:write"
      responses:
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "429": {$ref: "#/components/responses/E429"}
        "501": {$ref: "#/components/responses/E501"}
  /api/v1/console/agents/{agentId}/knowledge_bases/{knowledgeBaseId}:
    parameters:
      - {name: agentId, in: path, required: true, schema: {type: string, maxLength: 128}}
      - {name: knowledgeBaseId, in: path, required: true, schema: {type: string, maxLength: 128}}
    patch:
      tags: [Not implemented]
      summary: Knowledge bases (not implemented yet; needs knowledge_bases:write)
      operationId: notImplemented_patch_agents_agentId_knowledge_bases_knowledgeBaseId
      x-required-scope: "knowledge_bases:write"
      responses:
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "429": {$ref: "#/components/responses/E429"}
        "501": {$ref: "#/components/responses/E501"}
    delete:
      tags: [Not implemented]
      summary: Knowledge bases (not implemented yet; needs knowledge_bases:write)
      operationId: notImplemented_delete_agents_agentId_knowledge_bases_knowledgeBaseId
      x-required-scope: "knowledge_bases:write"
      responses:
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "429": {$ref: "#/components/responses/E429"}
        "501": {$ref: "#/components/responses/E501"}
  /api/v1/console/agents/{agentId}/conversations:
    parameters:
      - {name: agentId, in: path, required: true, schema: {type: string, maxLength: 128}}
    get:
      tags: [Not implemented]
      summary: Conversations (not implemented yet; needs conversations:read)
      operationId: notImplemented_get_agents_agentId_conversations
      x-required-scope: "conversations:read"
      responses:
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "429": {$ref: "#/components/responses/E429"}
        "501": {$ref: "#/components/responses/E501"}
  /api/v1/console/agents/{agentId}/conversations/messages:
    parameters:
      - {name: agentId, in: path, required: true, schema: {type: string, maxLength: 128}}
    post:
      tags: [Not implemented]
      summary: Conversations (not implemented yet; needs conversations:write)
      operationId: notImplemented_post_agents_agentId_conversations_messages
      x-required-scope: "conversations:write"
      responses:
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "429": {$ref: "#/components/responses/E429"}
        "501": {$ref: "#/components/responses/E501"}
  /api/v1/console/agents/{agentId}/conversations/{conversationId}:
    parameters:
      - {name: agentId, in: path, required: true, schema: {type: string, maxLength: 128}}
      - {name: conversationId, in: path, required: true, schema: {type: string, maxLength: 128}}
    get:
      tags: [Not implemented]
      summary: Conversations (not implemented yet; needs conversations:read)
      operationId: notImplemented_get_agents_agentId_conversations_conversationId
      x-required-scope: "conversations:read"
      responses:
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "429": {$ref: "#/components/responses/E429"}
        "501": {$ref: "#/components/responses/E501"}
  /api/v1/console/agents/{agentId}/conversations/{conversationId}/messages:
    parameters:
      - {name: agentId, in: path, required: true, schema: {type: string, maxLength: 128}}
      - {name: conversationId, in: path, required: true, schema: {type: string, maxLength: 128}}
    get:
      tags: [Not implemented]
      summary: Conversations (not implemented yet; needs conversations:read)
      operationId: notImplemented_get_agents_agentId_conversations_conversationId_messages
      x-required-scope: "conversations:read"
      responses:
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "429": {$ref: "#/components/responses/E429"}
        "501": {$ref: "#/components/responses/E501"}
    post:
      tags: [Not implemented]
      summary: Conversations (not implemented yet; needs conversations:write)
      operationId: notImplemented_post_agents_agentId_conversations_conversationId_messages
      x-required-scope: "conversations:write"
      responses:
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "429": {$ref: "#/components/responses/E429"}
        "501": {$ref: "#/components/responses/E501"}
  /api/v1/console/agents/{agentId}/conversations/{conversationId}/messages/{messageId}:
    parameters:
      - {name: agentId, in: path, required: true, schema: {type: string, maxLength: 128}}
      - {name: conversationId, in: path, required: true, schema: {type: string, maxLength: 128}}
      - {name: messageId, in: path, required: true, schema: {type: string, maxLength: 128}}
    get:
      tags: [Not implemented]
      summary: Conversations (not implemented yet; needs conversations:read)
      operationId: notImplemented_get_agents_agentId_conversations_conversationId_messages_messageId
      x-required-scope: "conversations:read"
      responses:
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "429": {$ref: "#/components/responses/E429"}
        "501": {$ref: "#/components/responses/E501"}
  /api/v1/console/agents/{agentId}/conversations/{conversationId}/ai-status:
    parameters:
      - {name: agentId, in: path, required: true, schema: {type: string, maxLength: 128}}
      - {name: conversationId, in: path, required: true, schema: {type: string, maxLength: 128}}
    patch:
      tags: [Not implemented]
      summary: Conversations (not implemented yet; needs conversations:write)
      operationId: notImplemented_patch_agents_agentId_conversations_conversationId_ai_status
      x-required-scope: "conversations:write"
      responses:
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "429": {$ref: "#/components/responses/E429"}
        "501": {$ref: "#/components/responses/E501"}
  /api/v1/console/agents/{agentId}/conversations/{conversationId}/stream-ticket:
    parameters:
      - {name: agentId, in: path, required: true, schema: {type: string, maxLength: 128}}
      - {name: conversationId, in: path, required: true, schema: {type: string, maxLength: 128}}
    post:
      tags: [Not implemented]
      summary: Conversations (not implemented yet; needs conversations:read)
      operationId: notImplemented_post_agents_agentId_conversations_conversationId_stream_ticket
      x-required-scope: "conversations:read"
      responses:
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "429": {$ref: "#/components/responses/E429"}
        "501": {$ref: "#/components/responses/E501"}
  /api/v1/console/agents/{agentId}/conversations/{conversationId}/stream:
    parameters:
      - {name: agentId, in: path, required: true, schema: {type: string, maxLength: 128}}
      - {name: conversationId, in: path, required: true, schema: {type: string, maxLength: 128}}
    get:
      tags: [Not implemented]
      summary: Conversations (not implemented yet; needs conversations:read)
      operationId: notImplemented_get_agents_agentId_conversations_conversationId_stream
      x-required-scope: "conversations:read"
      responses:
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "429": {$ref: "#/components/responses/E429"}
        "501": {$ref: "#/components/responses/E501"}
  /api/v1/console/agents/{agentId}/calls:
    parameters:
      - {name: agentId, in: path, required: true, schema: {type: string, maxLength: 128}}
    get:
      tags: [Not implemented]
      summary: Calls (not implemented yet; needs calls:read)
      operationId: notImplemented_get_agents_agentId_calls
      x-required-scope: "calls:read"
      responses:
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "429": {$ref: "#/components/responses/E429"}
        "501": {$ref: "#/components/responses/E501"}
    post:
      tags: [Not implemented]
      summary: Calls (not implemented yet; needs calls:write)
      operationId: notImplemented_post_agents_agentId_calls
      x-required-scope: "calls:write"
      responses:
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "429": {$ref: "#/components/responses/E429"}
        "501": {$ref: "#/components/responses/E501"}
  /api/v1/console/agents/{agentId}/calls/{callId}:
    parameters:
      - {name: agentId, in: path, required: true, schema: {type: string, maxLength: 128}}
      - {name: callId, in: path, required: true, schema: {type: string, maxLength: 128}}
    get:
      tags: [Not implemented]
      summary: Calls (not implemented yet; needs calls:read)
      operationId: notImplemented_get_agents_agentId_calls_callId
      x-required-scope: "calls:read"
      responses:
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "429": {$ref: "#/components/responses/E429"}
        "501": {$ref: "#/components/responses/E501"}
  /api/v1/console/phone-numbers:
    get:
      tags: [Not implemented]
      summary: Phone numbers (not implemented yet; needs phone_numbers:read)
      operationId: notImplemented_get_phone_numbers
      x-required-scope: "phone_numbers:read"
      responses:
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "429": {$ref: "#/components/responses/E429"}
        "501": {$ref: "#/components/responses/E501"}
  /api/v1/console/phone-numbers/request:
    get:
      tags: [Not implemented]
      summary: Phone numbers (not implemented yet; needs phone_numbers:read)
      operationId: notImplemented_get_phone_numbers_request
      x-required-scope: "phone_numbers:read"
      responses:
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "429": {$ref: "#/components/responses/E429"}
        "501": {$ref: "#/components/responses/E501"}
    post:
      tags: [Not implemented]
      summary: Phone numbers (not implemented yet; needs phone_numbers:write)
      operationId: notImplemented_post_phone_numbers_request
      x-required-scope: "phone_numbers:write"
      responses:
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "429": {$ref: "#/components/responses/E429"}
        "501": {$ref: "#/components/responses/E501"}
  /api/v1/console/phone-numbers/{phoneNumberId}:
    parameters:
      - {name: phoneNumberId, in: path, required: true, schema: {type: string, maxLength: 128}}
    get:
      tags: [Not implemented]
      summary: Phone numbers (not implemented yet; needs phone_numbers:read)
      operationId: notImplemented_get_phone_numbers_phoneNumberId
      x-required-scope: "phone_numbers:read"
      responses:
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "429": {$ref: "#/components/responses/E429"}
        "501": {$ref: "#/components/responses/E501"}
    patch:
      tags: [Not implemented]
      summary: Phone numbers (not implemented yet; needs phone_numbers:write)
      operationId: notImplemented_patch_phone_numbers_phoneNumberId
      x-required-scope: "phone_numbers:write"
      responses:
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "429": {$ref: "#/components/responses/E429"}
        "501": {$ref: "#/components/responses/E501"}
components:
  securitySchemes:
    BearerAuth: {type: http, scheme: bearer, description: "Team API key, prefix sk_."}
    ApiKeyAuth: {type: apiKey, in: header, name: X-Api-Key}
  headers:
    RequestId:
      description: The request id (the inbound `X-Request-Id` when valid, else a new UUIDv4).
      schema: {type: string}
    RetryAfter:
      description: Seconds to wait before retrying.
      schema: {type: integer}
  schemas:
    Readiness:
      type: object
      required: [status, database]
      properties:
        status: {type: string, enum: [ready, unavailable]}
        database: {type: string, enum: [reachable, unreachable]}
    Error:
      type: object
      required: [message, error, code, statusCode, request_id]
      properties:
        message:
          description: "A sentence, or for validation_error one 'path: problem' string per problem."
          oneOf:
            - {type: string}
            - {type: array, items: {type: string}}
        error: {type: string, description: The HTTP reason phrase.}
        code:
          type: string
          enum: [validation_error, bad_request, workflow_required, integration_connection_failed,
                 unauthorized, api_key_missing, api_key_invalid, api_key_expired, insufficient_scope,
                 forbidden, not_found, conflict, integration_limit_reached, agent_limit_reached,
                 payload_too_large, rate_limited, too_many_requests, internal_error, not_implemented]
        statusCode: {type: integer}
        request_id: {type: string}
    PaginationMeta:
      type: object
      required: [total_count, page_count, current_page, limit, has_next_page, has_previous_page]
      properties:
        total_count: {type: integer}
        page_count: {type: integer}
        current_page: {type: integer}
        limit: {type: integer}
        has_next_page: {type: boolean}
        has_previous_page: {type: boolean}
  parameters:
    Page: {name: page, in: query, schema: {type: integer, minimum: 1, maximum: 1000000000, default: 1}}
    Limit: {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 100, default: 20}}
    Search: {name: search, in: query, schema: {type: string, maxLength: 255}}
    IdempotencyKey:
      name: Idempotency-Key
      in: header
      description: Replays the stored answer for a repeated request (kept 24 hours, per team).
      schema: {type: string, minLength: 1, maxLength: 255}
  responses:
    E400:
      description: Validation error or bad request.
      headers: {X-Request-Id: {$ref: "#/components/headers/RequestId"}}
      content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}
    E401:
      description: Missing, empty, invalid or expired API key.
      headers: {X-Request-Id: {$ref: "#/components/headers/RequestId"}}
      content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}
    E403:
      description: The key lacks the scope the route needs.
      headers: {X-Request-Id: {$ref: "#/components/headers/RequestId"}}
      content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}
    E404:
      description: Not found (another team's resources answer the same).
      headers: {X-Request-Id: {$ref: "#/components/headers/RequestId"}}
      content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}
    E409:
      description: Conflict (idempotency key reuse, limits).
      headers: {X-Request-Id: {$ref: "#/components/headers/RequestId"}}
      content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}
    E413:
      description: The body is over 1 MiB.
      headers: {X-Request-Id: {$ref: "#/components/headers/RequestId"}}
      content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}
    E429:
      description: Rate limited (per key), or too many failed authentications from this address.
      headers:
        X-Request-Id: {$ref: "#/components/headers/RequestId"}
        Retry-After: {$ref: "#/components/headers/RetryAfter"}
      content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}
    E501:
      description: This server has not implemented the route yet.
      headers: {X-Request-Id: {$ref: "#/components/headers/RequestId"}}
      content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}
"""#
}
