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
  - name: Agents
  - name: Workflows
  - name: Integrations
  - name: Actions
  - name: Audit
  - name: Onboarding
    description: Pages a person opens from an onboarding_url; no API key.
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
  /oauth/start/{token}:
    get:
      tags: [Onboarding]
      summary: Where an OAuth connector's onboarding_url leads; single use, valid one hour. Sends the person to Google's consent screen.
      operationId: oauthStart
      security: []
      parameters:
        - {name: token, in: path, required: true, schema: {type: string, maxLength: 128}}
      responses:
        "302": {description: "To Google's consent screen (code flow, PKCE S256, offline access)."}
        "404": {$ref: "#/components/responses/Page"}
        "410": {$ref: "#/components/responses/Page"}
  /oauth/callback:
    get:
      tags: [Onboarding]
      summary: Google's redirect back; trades the code for tokens and shows what happened.
      operationId: oauthCallback
      security: []
      parameters:
        - {name: state, in: query, required: true, schema: {type: string, minLength: 1}}
        - {name: code, in: query, schema: {type: string}}
        - {name: error, in: query, schema: {type: string}}
      responses:
        "200": {$ref: "#/components/responses/Page"}
        "400": {$ref: "#/components/responses/Page"}
        "404": {$ref: "#/components/responses/Page"}
        "410": {$ref: "#/components/responses/Page"}
        "502": {$ref: "#/components/responses/Page"}
  /connect/{integrationId}:
    get:
      tags: [Onboarding]
      summary: A direct connector's status page (its onboarding_url).
      operationId: connectorStatus
      security: []
      parameters:
        - {name: integrationId, in: path, required: true, schema: {type: string, maxLength: 128}}
      responses:
        "200": {$ref: "#/components/responses/Page"}
        "404": {$ref: "#/components/responses/Page"}
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
  /api/v1/console/agents:
    get:
      tags: [Agents]
      summary: List the team's agents.
      operationId: listAgents
      x-required-scope: "agents:read"
      parameters:
        - {$ref: "#/components/parameters/Page"}
        - {$ref: "#/components/parameters/Limit"}
        - {$ref: "#/components/parameters/Search"}
        - {name: sort, in: query, schema: {type: string, enum: [created_at, -created_at, updated_at, -updated_at, name, -name], default: -created_at}}
      responses:
        "200":
          description: One page of agents.
          content: {application/json: {schema: {$ref: "#/components/schemas/AgentPage"}}}
        "400": {$ref: "#/components/responses/E400"}
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "429": {$ref: "#/components/responses/E429"}
    post:
      tags: [Agents]
      summary: Create an agent (a public workflow is cloned into the team first).
      operationId: createAgent
      x-required-scope: "agents:write"
      parameters: [{$ref: "#/components/parameters/IdempotencyKey"}]
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: "#/components/schemas/CreateAgent"}}}
      responses:
        "201":
          description: The agent and its workflow.
          content: {application/json: {schema: {$ref: "#/components/schemas/AgentCreatedEnvelope"}}}
        "400": {$ref: "#/components/responses/E400"}
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "404": {$ref: "#/components/responses/E404"}
        "409": {$ref: "#/components/responses/E409"}
        "413": {$ref: "#/components/responses/E413"}
        "429": {$ref: "#/components/responses/E429"}
  /api/v1/console/agents/{agentId}:
    parameters:
      - {name: agentId, in: path, required: true, schema: {type: string, maxLength: 128}}
    get:
      tags: [Agents]
      summary: An agent with its knowledge bases, integrations and channels.
      operationId: retrieveAgent
      x-required-scope: "agents:read"
      responses:
        "200":
          description: The agent.
          content: {application/json: {schema: {$ref: "#/components/schemas/AgentDetailEnvelope"}}}
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "404": {$ref: "#/components/responses/E404"}
        "429": {$ref: "#/components/responses/E429"}
    patch:
      tags: [Agents]
      summary: Change an agent; every field is optional, optional ones may be cleared with null.
      operationId: updateAgent
      x-required-scope: "agents:write"
      parameters: [{$ref: "#/components/parameters/IdempotencyKey"}]
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: "#/components/schemas/UpdateAgent"}}}
      responses:
        "200":
          description: The changed agent.
          content: {application/json: {schema: {$ref: "#/components/schemas/AgentEnvelope"}}}
        "400": {$ref: "#/components/responses/E400"}
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "404": {$ref: "#/components/responses/E404"}
        "409": {$ref: "#/components/responses/E409"}
        "413": {$ref: "#/components/responses/E413"}
        "429": {$ref: "#/components/responses/E429"}
    delete:
      tags: [Agents]
      summary: Delete an agent for good.
      operationId: deleteAgent
      x-required-scope: "agents:write"
      parameters: [{$ref: "#/components/parameters/IdempotencyKey"}]
      responses:
        "200": {$ref: "#/components/responses/Deleted"}
        "400": {$ref: "#/components/responses/E400"}
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "404": {$ref: "#/components/responses/E404"}
        "409": {$ref: "#/components/responses/E409"}
        "429": {$ref: "#/components/responses/E429"}
  /api/v1/console/agents/{agentId}/live-status:
    parameters:
      - {name: agentId, in: path, required: true, schema: {type: string, maxLength: 128}}
    patch:
      tags: [Agents]
      summary: Set the agent's live status.
      operationId: updateLiveStatus
      x-required-scope: "agents:write"
      parameters: [{$ref: "#/components/parameters/IdempotencyKey"}]
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              additionalProperties: false
              required: [status]
              properties:
                status: {type: string, enum: [development, live, paused]}
                status_reason: {type: [string, "null"], maxLength: 500}
      responses:
        "200":
          description: The new status.
          content:
            application/json:
              schema:
                type: object
                required: [message, data]
                properties:
                  message: {type: string}
                  data:
                    type: object
                    required: [status, status_reason]
                    properties:
                      status: {type: string, enum: [development, live, paused]}
                      status_reason: {type: [string, "null"]}
        "400": {$ref: "#/components/responses/E400"}
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "404": {$ref: "#/components/responses/E404"}
        "409": {$ref: "#/components/responses/E409"}
        "413": {$ref: "#/components/responses/E413"}
        "429": {$ref: "#/components/responses/E429"}
  /api/v1/console/agents/{agentId}/channels:
    parameters:
      - {name: agentId, in: path, required: true, schema: {type: string, maxLength: 128}}
    get:
      tags: [Agents]
      summary: The agent's channels (its live integrations).
      operationId: listChannels
      x-required-scope: "agents:read"
      responses:
        "200":
          description: Not paginated.
          content: {application/json: {schema: {$ref: "#/components/schemas/IntegrationSummaryList"}}}
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "404": {$ref: "#/components/responses/E404"}
        "429": {$ref: "#/components/responses/E429"}
  /api/v1/console/agents/{agentId}/deployment/agent-test-code:
    parameters:
      - {name: agentId, in: path, required: true, schema: {type: string, maxLength: 128}}
    get:
      tags: [Agents]
      summary: The agent's test code and the `start <code>` message per channel.
      operationId: getTestCode
      x-required-scope: "agents:read"
      responses:
        "200":
          description: The test code.
          content: {application/json: {schema: {$ref: "#/components/schemas/TestCodeEnvelope"}}}
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "404": {$ref: "#/components/responses/E404"}
        "429": {$ref: "#/components/responses/E429"}
  /api/v1/console/agents/{agentId}/integrations:
    parameters:
      - {name: agentId, in: path, required: true, schema: {type: string, maxLength: 128}}
    get:
      tags: [Integrations]
      summary: Every live integration of every family (needs the agent to have a workflow).
      operationId: listIntegrations
      x-required-scope: "integrations:read"
      responses:
        "200":
          description: Not paginated.
          content: {application/json: {schema: {$ref: "#/components/schemas/AgentIntegrationList"}}}
        "400": {$ref: "#/components/responses/E400"}
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "404": {$ref: "#/components/responses/E404"}
        "429": {$ref: "#/components/responses/E429"}
  /api/v1/console/agents/{agentId}/integrations/bimpeai:
    parameters:
      - {name: agentId, in: path, required: true, schema: {type: string, maxLength: 128}}
    get:
      tags: [Integrations]
      summary: The five first-party connectors, configured or not.
      operationId: listBimpeaiIntegrations
      x-required-scope: "integrations:read"
      responses:
        "200":
          description: Always five rows, by name.
          content:
            application/json:
              schema:
                type: object
                required: [message, data]
                properties:
                  message: {type: string}
                  data:
                    type: array
                    minItems: 5
                    maxItems: 5
                    items:
                      type: object
                      required: [id, type, name, status, is_connected]
                      properties:
                        id: {$ref: "#/components/schemas/NullableString"}
                        type: {type: string, enum: [bumpa, google_calendar, google_sheets, paystack, stripe]}
                        name: {type: string}
                        status: {type: string, enum: [not_connected, pending, active, failed, needs_reauth]}
                        is_connected: {type: boolean}
        "400": {$ref: "#/components/responses/E400"}
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "404": {$ref: "#/components/responses/E404"}
        "429": {$ref: "#/components/responses/E429"}
  /api/v1/console/agents/{agentId}/integrations/bimpeai/configure:
    parameters:
      - {name: agentId, in: path, required: true, schema: {type: string, maxLength: 128}}
    post:
      tags: [Integrations]
      summary: Connect a first-party service. Keys are checked with the provider before they are stored; Google types answer a consent link.
      operationId: configureBimpeaiIntegration
      x-required-scope: "integrations:write"
      parameters: [{$ref: "#/components/parameters/IdempotencyKey"}]
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              additionalProperties: false
              required: [type]
              properties:
                type: {type: string, enum: [bumpa, google_calendar, google_sheets, paystack, stripe]}
                token: {type: string, writeOnly: true, description: "bumpa only"}
                secret_key: {type: string, writeOnly: true, description: "stripe (sk_test_, sk_live_, rk_test_, rk_live_) or paystack (sk_test_, sk_live_)"}
                public_key: {type: string, writeOnly: true, description: "stripe or paystack (pk_test_, pk_live_)"}
                currency: {type: string, description: "stripe: ISO 4217, default USD; paystack: NGN (default), GHS, ZAR, KES, USD"}
      responses:
        "200":
          description: The keys of the agent's existing connector of that type were replaced (same channel id), or a new consent link for the same Google integration.
          content: {application/json: {schema: {$ref: "#/components/schemas/ConfigureResult"}}}
        "201":
          description: A new integration.
          content: {application/json: {schema: {$ref: "#/components/schemas/ConfigureResult"}}}
        "400": {$ref: "#/components/responses/E400"}
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "404": {$ref: "#/components/responses/E404"}
        "409": {$ref: "#/components/responses/E409"}
        "413": {$ref: "#/components/responses/E413"}
        "429": {$ref: "#/components/responses/E429"}
  /api/v1/console/agents/{agentId}/integrations/bimpeai/{integrationId}:
    parameters:
      - {name: agentId, in: path, required: true, schema: {type: string, maxLength: 128}}
      - {name: integrationId, in: path, required: true, schema: {type: string, maxLength: 128}}
    delete:
      tags: [Integrations]
      summary: Disconnect a first-party connector; its secrets are destroyed.
      operationId: disconnectBimpeaiIntegration
      x-required-scope: "integrations:write"
      parameters: [{$ref: "#/components/parameters/IdempotencyKey"}]
      responses:
        "200": {$ref: "#/components/responses/Deleted"}
        "400": {$ref: "#/components/responses/E400"}
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "404": {$ref: "#/components/responses/E404"}
        "409": {$ref: "#/components/responses/E409"}
        "429": {$ref: "#/components/responses/E429"}
  /api/v1/console/agents/{agentId}/integrations/custom_api:
    parameters:
      - {name: agentId, in: path, required: true, schema: {type: string, maxLength: 128}}
    get:
      tags: [Integrations]
      summary: The agent's custom HTTP APIs (never their credentials).
      operationId: listCustomApis
      x-required-scope: "integrations:read"
      responses:
        "200":
          description: Not paginated.
          content:
            application/json:
              schema:
                type: object
                required: [message, data]
                properties:
                  message: {type: string}
                  data: {type: array, items: {$ref: "#/components/schemas/CustomApi"}}
        "400": {$ref: "#/components/responses/E400"}
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "404": {$ref: "#/components/responses/E404"}
        "429": {$ref: "#/components/responses/E429"}
  /api/v1/console/agents/{agentId}/integrations/custom_api/configure:
    parameters:
      - {name: agentId, in: path, required: true, schema: {type: string, maxLength: 128}}
    post:
      tags: [Integrations]
      summary: Add a custom HTTP API; an optional test endpoint is called (authenticated GET) before anything is stored.
      operationId: configureCustomApi
      x-required-scope: "integrations:write"
      parameters: [{$ref: "#/components/parameters/IdempotencyKey"}]
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              additionalProperties: false
              required: [name]
              properties:
                name: {type: string, minLength: 1, maxLength: 100}
                description: {type: string, maxLength: 1000}
                base_url: {type: string, format: uri, description: "http or https; private addresses are refused"}
                auth_type: {$ref: "#/components/schemas/AuthType"}
                auth_config: {$ref: "#/components/schemas/AuthConfig"}
                test_endpoint: {type: string, maxLength: 2048, description: "A path under base_url"}
      responses:
        "201":
          description: The custom API.
          content:
            application/json:
              schema:
                type: object
                required: [message, data]
                properties:
                  message: {type: string}
                  data: {$ref: "#/components/schemas/CustomApi"}
        "400": {$ref: "#/components/responses/E400"}
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "404": {$ref: "#/components/responses/E404"}
        "409": {$ref: "#/components/responses/E409"}
        "413": {$ref: "#/components/responses/E413"}
        "429": {$ref: "#/components/responses/E429"}
  /api/v1/console/agents/{agentId}/integrations/custom_api/{integrationId}:
    parameters:
      - {name: agentId, in: path, required: true, schema: {type: string, maxLength: 128}}
      - {name: integrationId, in: path, required: true, schema: {type: string, maxLength: 128}}
    delete:
      tags: [Integrations]
      summary: Disconnect a custom API; its tools go with it.
      operationId: disconnectCustomApi
      x-required-scope: "integrations:write"
      parameters: [{$ref: "#/components/parameters/IdempotencyKey"}]
      responses:
        "200": {$ref: "#/components/responses/Deleted"}
        "400": {$ref: "#/components/responses/E400"}
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "404": {$ref: "#/components/responses/E404"}
        "409": {$ref: "#/components/responses/E409"}
        "429": {$ref: "#/components/responses/E429"}
  /api/v1/console/agents/{agentId}/integrations/custom_api/{integrationId}/tools:
    parameters:
      - {name: agentId, in: path, required: true, schema: {type: string, maxLength: 128}}
      - {name: integrationId, in: path, required: true, schema: {type: string, maxLength: 128}}
    get:
      tags: [Integrations]
      summary: The custom API's tools.
      operationId: listCustomApiTools
      x-required-scope: "integrations:read"
      responses:
        "200":
          description: Not paginated.
          content:
            application/json:
              schema:
                type: object
                required: [message, data]
                properties:
                  message: {type: string}
                  data: {type: array, items: {$ref: "#/components/schemas/Tool"}}
        "400": {$ref: "#/components/responses/E400"}
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "404": {$ref: "#/components/responses/E404"}
        "429": {$ref: "#/components/responses/E429"}
    post:
      tags: [Integrations]
      summary: Add a tool; every mistake in its definition is reported at once.
      operationId: addCustomApiTool
      x-required-scope: "integrations:write"
      parameters: [{$ref: "#/components/parameters/IdempotencyKey"}]
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: "#/components/schemas/CreateTool"}}}
      responses:
        "201":
          description: The tool.
          content:
            application/json:
              schema:
                type: object
                required: [message, data]
                properties:
                  message: {type: string}
                  data: {$ref: "#/components/schemas/Tool"}
        "400": {$ref: "#/components/responses/E400"}
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "404": {$ref: "#/components/responses/E404"}
        "409": {$ref: "#/components/responses/E409"}
        "413": {$ref: "#/components/responses/E413"}
        "429": {$ref: "#/components/responses/E429"}
  /api/v1/console/agents/{agentId}/integrations/custom_api/{integrationId}/tools/{toolId}:
    parameters:
      - {name: agentId, in: path, required: true, schema: {type: string, maxLength: 128}}
      - {name: integrationId, in: path, required: true, schema: {type: string, maxLength: 128}}
      - {name: toolId, in: path, required: true, schema: {type: string, maxLength: 128}}
    delete:
      tags: [Integrations]
      summary: Delete a tool.
      operationId: deleteCustomApiTool
      x-required-scope: "integrations:write"
      parameters: [{$ref: "#/components/parameters/IdempotencyKey"}]
      responses:
        "200": {$ref: "#/components/responses/Deleted"}
        "400": {$ref: "#/components/responses/E400"}
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "404": {$ref: "#/components/responses/E404"}
        "409": {$ref: "#/components/responses/E409"}
        "429": {$ref: "#/components/responses/E429"}
  /api/v1/console/agents/{agentId}/integrations/mcp_server:
    parameters:
      - {name: agentId, in: path, required: true, schema: {type: string, maxLength: 128}}
    get:
      tags: [Integrations]
      summary: The agent's MCP servers (never their credentials).
      operationId: listMcpServers
      x-required-scope: "integrations:read"
      responses:
        "200":
          description: Not paginated.
          content:
            application/json:
              schema:
                type: object
                required: [message, data]
                properties:
                  message: {type: string}
                  data: {type: array, items: {$ref: "#/components/schemas/McpServer"}}
        "400": {$ref: "#/components/responses/E400"}
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "404": {$ref: "#/components/responses/E404"}
        "429": {$ref: "#/components/responses/E429"}
  /api/v1/console/agents/{agentId}/integrations/mcp_server/configure:
    parameters:
      - {name: agentId, in: path, required: true, schema: {type: string, maxLength: 128}}
    post:
      tags: [Integrations]
      summary: Add an MCP server (stored; not called until test or discover).
      operationId: configureMcpServer
      x-required-scope: "integrations:write"
      parameters: [{$ref: "#/components/parameters/IdempotencyKey"}]
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              additionalProperties: false
              required: [name, server_url]
              properties:
                name: {type: string, minLength: 1, maxLength: 100}
                server_url: {type: string, format: uri, description: "http or https; private addresses are refused"}
                transport: {type: string, enum: [streamable_http, http_sse], default: streamable_http}
                auth_type: {$ref: "#/components/schemas/AuthType"}
                auth_config: {$ref: "#/components/schemas/AuthConfig"}
      responses:
        "201":
          description: The MCP server.
          content:
            application/json:
              schema:
                type: object
                required: [message, data]
                properties:
                  message: {type: string}
                  data: {$ref: "#/components/schemas/McpServer"}
        "400": {$ref: "#/components/responses/E400"}
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "404": {$ref: "#/components/responses/E404"}
        "409": {$ref: "#/components/responses/E409"}
        "413": {$ref: "#/components/responses/E413"}
        "429": {$ref: "#/components/responses/E429"}
  /api/v1/console/agents/{agentId}/integrations/mcp_server/{integrationId}:
    parameters:
      - {name: agentId, in: path, required: true, schema: {type: string, maxLength: 128}}
      - {name: integrationId, in: path, required: true, schema: {type: string, maxLength: 128}}
    delete:
      tags: [Integrations]
      summary: Disconnect an MCP server; its tools go with it.
      operationId: disconnectMcpServer
      x-required-scope: "integrations:write"
      parameters: [{$ref: "#/components/parameters/IdempotencyKey"}]
      responses:
        "200": {$ref: "#/components/responses/Deleted"}
        "400": {$ref: "#/components/responses/E400"}
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "404": {$ref: "#/components/responses/E404"}
        "409": {$ref: "#/components/responses/E409"}
        "429": {$ref: "#/components/responses/E429"}
  /api/v1/console/agents/{agentId}/integrations/mcp_server/{integrationId}/test:
    parameters:
      - {name: agentId, in: path, required: true, schema: {type: string, maxLength: 128}}
      - {name: integrationId, in: path, required: true, schema: {type: string, maxLength: 128}}
    post:
      tags: [Integrations]
      summary: Connect, negotiate and list the tools; the integration's status follows.
      operationId: testMcpServer
      x-required-scope: "integrations:write"
      parameters: [{$ref: "#/components/parameters/IdempotencyKey"}]
      responses:
        "200":
          description: The outcome, success or not.
          content:
            application/json:
              schema:
                type: object
                required: [message, data]
                properties:
                  message: {type: string}
                  data:
                    type: object
                    required: [success, message]
                    properties:
                      success: {type: boolean}
                      message: {type: string}
                      tools_count: {type: integer}
                      error: {type: string}
        "400": {$ref: "#/components/responses/E400"}
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "404": {$ref: "#/components/responses/E404"}
        "409": {$ref: "#/components/responses/E409"}
        "429": {$ref: "#/components/responses/E429"}
  /api/v1/console/agents/{agentId}/integrations/mcp_server/{integrationId}/discover:
    parameters:
      - {name: agentId, in: path, required: true, schema: {type: string, maxLength: 128}}
      - {name: integrationId, in: path, required: true, schema: {type: string, maxLength: 128}}
    post:
      tags: [Integrations]
      summary: Read every page of tools/list and sync the integration's actions.
      operationId: discoverMcpServerTools
      x-required-scope: "integrations:write"
      parameters: [{$ref: "#/components/parameters/IdempotencyKey"}]
      responses:
        "200":
          description: What changed.
          content:
            application/json:
              schema:
                type: object
                required: [message, data]
                properties:
                  message: {type: string}
                  data:
                    type: object
                    required: [discovered, created, updated, disabled]
                    properties:
                      discovered: {type: integer}
                      created: {type: integer}
                      updated: {type: integer}
                      disabled: {type: integer}
                      skipped:
                        type: array
                        description: Tools left out, each with the reason (an input schema nested deeper than 64 levels).
                        items: {type: string}
        "400": {$ref: "#/components/responses/E400"}
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "404": {$ref: "#/components/responses/E404"}
        "409": {$ref: "#/components/responses/E409"}
        "429": {$ref: "#/components/responses/E429"}
  /api/v1/console/agents/{agentId}/integrations/mcp_server/{integrationId}/tools:
    parameters:
      - {name: agentId, in: path, required: true, schema: {type: string, maxLength: 128}}
      - {name: integrationId, in: path, required: true, schema: {type: string, maxLength: 128}}
    get:
      tags: [Integrations]
      summary: The server's tools, disabled ones included.
      operationId: listMcpServerTools
      x-required-scope: "integrations:read"
      responses:
        "200":
          description: Not paginated.
          content:
            application/json:
              schema:
                type: object
                required: [message, data]
                properties:
                  message: {type: string}
                  data: {type: array, items: {$ref: "#/components/schemas/Tool"}}
        "400": {$ref: "#/components/responses/E400"}
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "404": {$ref: "#/components/responses/E404"}
        "429": {$ref: "#/components/responses/E429"}
  /api/v1/console/agents/{agentId}/actions:
    parameters:
      - {name: agentId, in: path, required: true, schema: {type: string, maxLength: 128}}
    get:
      tags: [Actions]
      summary: Every live integration's actions.
      operationId: listActions
      x-required-scope: "actions:read"
      responses:
        "200":
          description: Not paginated.
          content:
            application/json:
              schema:
                type: object
                required: [message, data]
                properties:
                  message: {type: string}
                  data:
                    type: array
                    items:
                      type: object
                      required: [id, integration_id, integration_type, integration_name, name, action_name, description, is_enabled]
                      properties:
                        id: {type: string}
                        integration_id: {type: string}
                        integration_type: {type: string}
                        integration_name: {type: string}
                        name: {type: string}
                        action_name: {type: string}
                        description: {$ref: "#/components/schemas/NullableString"}
                        is_enabled: {type: boolean}
                        require_human_approval: {type: boolean}
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "404": {$ref: "#/components/responses/E404"}
        "429": {$ref: "#/components/responses/E429"}
  /api/v1/console/agents/{agentId}/actions/enable:
    parameters:
      - {name: agentId, in: path, required: true, schema: {type: string, maxLength: 128}}
    post:
      tags: [Actions]
      summary: Enable actions; counts the given ids that are this agent's actions.
      operationId: enableActions
      x-required-scope: "actions:write"
      parameters: [{$ref: "#/components/parameters/IdempotencyKey"}]
      requestBody: {required: true, content: {application/json: {schema: {$ref: "#/components/schemas/ActionIds"}}}}
      responses:
        "200": {$ref: "#/components/responses/UpdatedCount"}
        "400": {$ref: "#/components/responses/E400"}
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "404": {$ref: "#/components/responses/E404"}
        "409": {$ref: "#/components/responses/E409"}
        "413": {$ref: "#/components/responses/E413"}
        "429": {$ref: "#/components/responses/E429"}
  /api/v1/console/agents/{agentId}/actions/disable:
    parameters:
      - {name: agentId, in: path, required: true, schema: {type: string, maxLength: 128}}
    post:
      tags: [Actions]
      summary: Disable actions; counts the given ids that are this agent's actions.
      operationId: disableActions
      x-required-scope: "actions:write"
      parameters: [{$ref: "#/components/parameters/IdempotencyKey"}]
      requestBody: {required: true, content: {application/json: {schema: {$ref: "#/components/schemas/ActionIds"}}}}
      responses:
        "200": {$ref: "#/components/responses/UpdatedCount"}
        "400": {$ref: "#/components/responses/E400"}
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "404": {$ref: "#/components/responses/E404"}
        "409": {$ref: "#/components/responses/E409"}
        "413": {$ref: "#/components/responses/E413"}
        "429": {$ref: "#/components/responses/E429"}
  /api/v1/console/agents/{agentId}/actions/{actionId}/execute:
    parameters:
      - {name: agentId, in: path, required: true, schema: {type: string, maxLength: 128}}
      - {name: actionId, in: path, required: true, schema: {type: string, maxLength: 128}}
    post:
      tags: [Actions]
      summary: Run an action with arguments checked against its input schema; actions that need approval wait for it (202).
      operationId: executeAction
      x-required-scope: "actions:execute"
      parameters: [{$ref: "#/components/parameters/IdempotencyKey"}]
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              additionalProperties: false
              properties:
                arguments: {type: object}
      responses:
        "200": {$ref: "#/components/responses/ExecutionResult"}
        "202":
          description: Waiting for a person to approve or reject it.
          content:
            application/json:
              schema:
                type: object
                required: [message, data]
                properties:
                  message: {type: string}
                  data:
                    type: object
                    required: [execution_id, status]
                    properties:
                      execution_id: {type: string}
                      status: {type: string, enum: [pending_approval]}
        "400": {$ref: "#/components/responses/E400"}
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "404": {$ref: "#/components/responses/E404"}
        "409": {$ref: "#/components/responses/E409"}
        "413": {$ref: "#/components/responses/E413"}
        "429": {$ref: "#/components/responses/E429"}
  /api/v1/console/agents/{agentId}/executions:
    parameters:
      - {name: agentId, in: path, required: true, schema: {type: string, maxLength: 128}}
    get:
      tags: [Actions]
      summary: The record of the agent's action runs.
      operationId: listExecutions
      x-required-scope: "actions:read"
      parameters:
        - {$ref: "#/components/parameters/Page"}
        - {$ref: "#/components/parameters/Limit"}
        - {name: sort, in: query, schema: {type: string, enum: [created_at, -created_at], default: -created_at}}
        - {name: status, in: query, schema: {type: string, enum: [pending_approval, running, succeeded, failed, rejected, expired]}}
        - {name: action_id, in: query, schema: {type: string, maxLength: 128}}
      responses:
        "200":
          description: One page of executions.
          content:
            application/json:
              schema:
                type: object
                required: [message, data, meta]
                properties:
                  message: {type: string}
                  data: {type: array, items: {$ref: "#/components/schemas/Execution"}}
                  meta: {$ref: "#/components/schemas/PaginationMeta"}
        "400": {$ref: "#/components/responses/E400"}
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "404": {$ref: "#/components/responses/E404"}
        "429": {$ref: "#/components/responses/E429"}
  /api/v1/console/agents/{agentId}/executions/{executionId}:
    parameters:
      - {name: agentId, in: path, required: true, schema: {type: string, maxLength: 128}}
      - {name: executionId, in: path, required: true, schema: {type: string, maxLength: 128}}
    get:
      tags: [Actions]
      summary: One run's record (secrets redacted, output cut at 8 KiB).
      operationId: retrieveExecution
      x-required-scope: "actions:read"
      responses:
        "200":
          description: The record.
          content:
            application/json:
              schema:
                type: object
                required: [message, data]
                properties:
                  message: {type: string}
                  data: {$ref: "#/components/schemas/Execution"}
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "404": {$ref: "#/components/responses/E404"}
        "429": {$ref: "#/components/responses/E429"}
  /api/v1/console/agents/{agentId}/executions/{executionId}/approve:
    parameters:
      - {name: agentId, in: path, required: true, schema: {type: string, maxLength: 128}}
      - {name: executionId, in: path, required: true, schema: {type: string, maxLength: 128}}
    post:
      tags: [Actions]
      summary: Approve a pending execution; it runs and answers like execute. Deciding twice is a conflict.
      operationId: approveExecution
      x-required-scope: "approvals:write"
      parameters: [{$ref: "#/components/parameters/IdempotencyKey"}]
      responses:
        "200": {$ref: "#/components/responses/ExecutionResult"}
        "400": {$ref: "#/components/responses/E400"}
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "404": {$ref: "#/components/responses/E404"}
        "409": {$ref: "#/components/responses/E409"}
        "429": {$ref: "#/components/responses/E429"}
  /api/v1/console/agents/{agentId}/executions/{executionId}/reject:
    parameters:
      - {name: agentId, in: path, required: true, schema: {type: string, maxLength: 128}}
      - {name: executionId, in: path, required: true, schema: {type: string, maxLength: 128}}
    post:
      tags: [Actions]
      summary: Reject a pending execution; nothing is sent.
      operationId: rejectExecution
      x-required-scope: "approvals:write"
      parameters: [{$ref: "#/components/parameters/IdempotencyKey"}]
      responses:
        "200":
          description: Rejected.
          content:
            application/json:
              schema:
                type: object
                required: [message, data]
                properties:
                  message: {type: string}
                  data:
                    type: object
                    required: [execution_id, status]
                    properties:
                      execution_id: {type: string}
                      status: {type: string, enum: [rejected]}
        "400": {$ref: "#/components/responses/E400"}
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "404": {$ref: "#/components/responses/E404"}
        "409": {$ref: "#/components/responses/E409"}
        "429": {$ref: "#/components/responses/E429"}
  /api/v1/console/audit-events:
    get:
      tags: [Audit]
      summary: The team's append-only record of changes (no secret values).
      operationId: listAuditEvents
      x-required-scope: "audit:read"
      parameters:
        - {$ref: "#/components/parameters/Page"}
        - {$ref: "#/components/parameters/Limit"}
        - {name: sort, in: query, schema: {type: string, enum: [created_at, -created_at], default: -created_at}}
        - {name: agent_id, in: query, schema: {type: string, maxLength: 128}}
        - {name: action, in: query, schema: {type: string, maxLength: 128}}
      responses:
        "200":
          description: One page of events.
          content:
            application/json:
              schema:
                type: object
                required: [message, data, meta]
                properties:
                  message: {type: string}
                  data:
                    type: array
                    items:
                      type: object
                      required: [id, key_id, action, agent_id, target_id, outcome, created_at]
                      properties:
                        id: {type: string}
                        key_id: {$ref: "#/components/schemas/NullableString"}
                        action: {type: string}
                        method: {$ref: "#/components/schemas/NullableString"}
                        route: {$ref: "#/components/schemas/NullableString"}
                        agent_id: {$ref: "#/components/schemas/NullableString"}
                        target_id: {$ref: "#/components/schemas/NullableString"}
                        outcome: {type: string, enum: [succeeded, failed, pending]}
                        status: {type: [integer, "null"]}
                        request_id: {$ref: "#/components/schemas/NullableString"}
                        created_at: {type: string, format: date-time}
                  meta: {$ref: "#/components/schemas/PaginationMeta"}
        "400": {$ref: "#/components/responses/E400"}
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "429": {$ref: "#/components/responses/E429"}
  /api/v1/console/workflows:
    get:
      tags: [Workflows]
      summary: List workflows the team can see.
      operationId: listWorkflows
      x-required-scope: "workflows:read"
      parameters:
        - {$ref: "#/components/parameters/Page"}
        - {$ref: "#/components/parameters/Limit"}
        - {$ref: "#/components/parameters/Search"}
        - {name: sort, in: query, schema: {type: string, enum: [created_at, -created_at, updated_at, -updated_at, name, -name], default: -created_at}}
        - {name: scope, in: query, schema: {type: string, enum: [accessible, owned, public], default: accessible}}
      responses:
        "200":
          description: One page of workflows.
          content: {application/json: {schema: {$ref: "#/components/schemas/WorkflowPage"}}}
        "400": {$ref: "#/components/responses/E400"}
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "429": {$ref: "#/components/responses/E429"}
    post:
      tags: [Workflows]
      summary: Create a workflow.
      operationId: createWorkflow
      x-required-scope: "workflows:write"
      parameters: [{$ref: "#/components/parameters/IdempotencyKey"}]
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: "#/components/schemas/CreateWorkflow"}}}
      responses:
        "201":
          description: The workflow.
          content: {application/json: {schema: {$ref: "#/components/schemas/WorkflowEnvelope"}}}
        "400": {$ref: "#/components/responses/E400"}
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "409": {$ref: "#/components/responses/E409"}
        "413": {$ref: "#/components/responses/E413"}
        "429": {$ref: "#/components/responses/E429"}
  /api/v1/console/workflows/clone:
    post:
      tags: [Workflows]
      summary: Copy a workflow the team can see into a new private one.
      operationId: cloneWorkflow
      x-required-scope: "workflows:write"
      parameters: [{$ref: "#/components/parameters/IdempotencyKey"}]
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              additionalProperties: false
              required: [source_workflow_id]
              properties:
                source_workflow_id: {type: string, minLength: 1, maxLength: 128}
      responses:
        "201":
          description: The copy.
          content: {application/json: {schema: {$ref: "#/components/schemas/WorkflowEnvelope"}}}
        "400": {$ref: "#/components/responses/E400"}
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "404": {$ref: "#/components/responses/E404"}
        "409": {$ref: "#/components/responses/E409"}
        "413": {$ref: "#/components/responses/E413"}
        "429": {$ref: "#/components/responses/E429"}
  /api/v1/console/workflows/{workflowId}:
    parameters:
      - {name: workflowId, in: path, required: true, schema: {type: string, maxLength: 128}}
    get:
      tags: [Workflows]
      summary: A workflow of the team, or a public one.
      operationId: retrieveWorkflow
      x-required-scope: "workflows:read"
      responses:
        "200":
          description: The workflow.
          content: {application/json: {schema: {$ref: "#/components/schemas/WorkflowEnvelope"}}}
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "404": {$ref: "#/components/responses/E404"}
        "429": {$ref: "#/components/responses/E429"}
    patch:
      tags: [Workflows]
      summary: Change a team workflow (public ones are read-only, 403).
      operationId: updateWorkflow
      x-required-scope: "workflows:write"
      parameters: [{$ref: "#/components/parameters/IdempotencyKey"}]
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: "#/components/schemas/UpdateWorkflow"}}}
      responses:
        "200":
          description: The changed workflow.
          content: {application/json: {schema: {$ref: "#/components/schemas/WorkflowEnvelope"}}}
        "400": {$ref: "#/components/responses/E400"}
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "404": {$ref: "#/components/responses/E404"}
        "409": {$ref: "#/components/responses/E409"}
        "413": {$ref: "#/components/responses/E413"}
        "429": {$ref: "#/components/responses/E429"}
    delete:
      tags: [Workflows]
      summary: Delete a team workflow; agents using it are detached.
      operationId: deleteWorkflow
      x-required-scope: "workflows:write"
      parameters: [{$ref: "#/components/parameters/IdempotencyKey"}]
      responses:
        "200": {$ref: "#/components/responses/Deleted"}
        "400": {$ref: "#/components/responses/E400"}
        "401": {$ref: "#/components/responses/E401"}
        "403": {$ref: "#/components/responses/E403"}
        "404": {$ref: "#/components/responses/E404"}
        "409": {$ref: "#/components/responses/E409"}
        "429": {$ref: "#/components/responses/E429"}
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
    NullableString: {type: [string, "null"]}
    Agent:
      type: object
      required: [id, name, description, language, persona, workflow_id, timezone, logo, business_name, business_address,
                 business_email, business_description, test_channel_code, status, status_reason, escalation_email,
                 created_at, updated_at]
      properties:
        id: {type: string}
        name: {type: string}
        description: {type: string}
        language: {type: string}
        persona: {type: [string, "null"], enum: [professional, friendly, concise, null]}
        workflow_id: {$ref: "#/components/schemas/NullableString"}
        timezone: {type: string}
        logo: {$ref: "#/components/schemas/NullableString"}
        business_name: {$ref: "#/components/schemas/NullableString"}
        business_address: {$ref: "#/components/schemas/NullableString"}
        business_email: {$ref: "#/components/schemas/NullableString"}
        business_description: {$ref: "#/components/schemas/NullableString"}
        test_channel_code: {type: string, minLength: 8, maxLength: 8}
        status: {type: string, enum: [development, live, paused]}
        status_reason: {$ref: "#/components/schemas/NullableString"}
        escalation_email: {$ref: "#/components/schemas/NullableString"}
        created_at: {type: string, format: date-time}
        updated_at: {type: string, format: date-time}
    AgentDetail:
      allOf:
        - {$ref: "#/components/schemas/Agent"}
        - type: object
          required: [knowledge_bases, integrations, channels]
          properties:
            knowledge_bases: {type: array, items: {type: object}}
            integrations: {type: array, items: {$ref: "#/components/schemas/IntegrationSummary"}}
            channels: {type: array, items: {$ref: "#/components/schemas/IntegrationSummary"}}
    IntegrationSummary:
      type: object
      required: [id, type, name, status, is_connected]
      properties:
        id: {type: string}
        type: {type: string}
        name: {type: string}
        status: {type: string}
        is_connected: {type: boolean}
    ConfigureResult:
      type: object
      required: [message, data]
      properties:
        message: {type: string}
        data:
          type: object
          required: [success, channel_id, onboarding_url]
          properties:
            success: {type: boolean}
            channel_id: {type: string}
            onboarding_url: {type: string, format: uri}
    AgentIntegration:
      allOf:
        - {$ref: "#/components/schemas/IntegrationSummary"}
        - type: object
          required: [config_fields, actions]
          properties:
            config_fields:
              type: array
              items:
                type: object
                required: [key, label, type, required]
                properties:
                  key: {type: string}
                  label: {type: string}
                  type: {type: string}
                  required: {type: boolean}
            actions:
              type: array
              items:
                type: object
                required: [action_name, name, description, category, is_enabled, require_human_approval]
                properties:
                  action_name: {type: string}
                  name: {type: string}
                  description: {$ref: "#/components/schemas/NullableString"}
                  category: {type: string}
                  is_enabled: {type: boolean}
                  require_human_approval: {type: boolean}
    AgentIntegrationList:
      type: object
      required: [message, data]
      properties:
        message: {type: string}
        data: {type: array, items: {$ref: "#/components/schemas/AgentIntegration"}}
    IntegrationSummaryList:
      type: object
      required: [message, data]
      properties:
        message: {type: string}
        data: {type: array, items: {$ref: "#/components/schemas/IntegrationSummary"}}
    AgentEnvelope:
      type: object
      required: [message, data]
      properties:
        message: {type: string}
        data: {$ref: "#/components/schemas/Agent"}
    AgentDetailEnvelope:
      type: object
      required: [message, data]
      properties:
        message: {type: string}
        data: {$ref: "#/components/schemas/AgentDetail"}
    AgentCreatedEnvelope:
      type: object
      required: [message, data]
      properties:
        message: {type: string}
        data:
          allOf:
            - {$ref: "#/components/schemas/Agent"}
            - type: object
              required: [workflow]
              properties:
                workflow: {$ref: "#/components/schemas/Workflow"}
    AgentPage:
      type: object
      required: [message, data, meta]
      properties:
        message: {type: string}
        data: {type: array, items: {$ref: "#/components/schemas/Agent"}}
        meta: {$ref: "#/components/schemas/PaginationMeta"}
    AgentFields:
      type: object
      properties:
        workflow_id: {type: string, minLength: 1, maxLength: 128}
        name: {type: string, minLength: 1, maxLength: 100}
        description: {type: string, minLength: 1, maxLength: 2000}
        language: {type: string, pattern: "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", maxLength: 35}
        persona: {type: [string, "null"], enum: [professional, friendly, concise, null]}
        timezone: {type: string, description: "An IANA time zone such as Africa/Lagos, or UTC."}
        logo: {type: [string, "null"], format: uri, maxLength: 2048}
        business_name: {type: [string, "null"], maxLength: 200}
        business_address: {type: [string, "null"], maxLength: 500}
        business_email: {type: [string, "null"], format: email, maxLength: 254}
        business_description: {type: [string, "null"], maxLength: 5000}
        escalation_email: {type: [string, "null"], format: email, maxLength: 254}
    CreateAgent:
      allOf:
        - {$ref: "#/components/schemas/AgentFields"}
        - {type: object, required: [workflow_id, name, description]}
      unevaluatedProperties: false
    UpdateAgent:
      allOf:
        - {$ref: "#/components/schemas/AgentFields"}
      unevaluatedProperties: false
    TestCodeEnvelope:
      type: object
      required: [message, data]
      properties:
        message: {type: string}
        data:
          type: object
          required: [code, channels]
          properties:
            code: {type: string}
            channels:
              type: object
              required: [whatsapp, instagram, messenger, telephony]
              properties:
                whatsapp: {$ref: "#/components/schemas/TestChannel"}
                instagram: {$ref: "#/components/schemas/TestChannel"}
                messenger: {$ref: "#/components/schemas/TestChannel"}
                telephony:
                  type: object
                  required: [is_enabled]
                  properties: {is_enabled: {type: boolean}}
    TestChannel:
      type: object
      required: [is_enabled, start_message]
      properties:
        is_enabled: {type: boolean}
        start_message: {type: string}
    Workflow:
      type: object
      required: [id, name, description, category, visibility, is_owner, system_prompt, rules, flows, tags, integrations,
                 channels, actions, guide, faq, setup_steps, setup_time, video_url, created_at, updated_at]
      properties:
        id: {type: string}
        name: {type: string}
        description: {$ref: "#/components/schemas/NullableString"}
        category: {$ref: "#/components/schemas/NullableString"}
        visibility: {type: string, enum: [private, public]}
        is_owner: {type: boolean}
        system_prompt: {type: string}
        rules: {type: array, items: {$ref: "#/components/schemas/Rule"}}
        flows: {type: array, items: {$ref: "#/components/schemas/Flow"}}
        tags: {type: array, items: {type: string}}
        integrations: {type: array, items: {type: string}}
        channels: {type: array, items: {type: string}}
        actions: {type: array, items: {type: string}}
        guide: {oneOf: [{type: "null"}, {$ref: "#/components/schemas/Guide"}]}
        faq: {type: array, items: {$ref: "#/components/schemas/Faq"}}
        setup_steps: {type: array}
        setup_time: {type: [integer, "null"]}
        video_url: {$ref: "#/components/schemas/NullableString"}
        created_at: {type: string, format: date-time}
        updated_at: {type: string, format: date-time}
    WorkflowEnvelope:
      type: object
      required: [message, data]
      properties:
        message: {type: string}
        data: {$ref: "#/components/schemas/Workflow"}
    WorkflowPage:
      type: object
      required: [message, data, meta]
      properties:
        message: {type: string}
        data: {type: array, items: {$ref: "#/components/schemas/Workflow"}}
        meta: {$ref: "#/components/schemas/PaginationMeta"}
    Rule:
      type: object
      additionalProperties: false
      required: [id, name, trigger, response, enabled]
      properties:
        id: {type: string, minLength: 1, maxLength: 100}
        name: {type: string, minLength: 1, maxLength: 200}
        trigger: {type: string, minLength: 1, maxLength: 2000}
        response: {type: string, minLength: 1, maxLength: 5000}
        enabled: {type: boolean}
        condition: {type: [string, "null"], maxLength: 2000}
        action: {type: [string, "null"], maxLength: 200}
    Flow:
      type: object
      additionalProperties: false
      required: [name]
      properties:
        name: {type: string, minLength: 1, maxLength: 200}
        description: {type: [string, "null"], maxLength: 5000}
        category: {type: [string, "null"], maxLength: 100}
        priority: {type: integer, minimum: 0, maximum: 1000}
        is_active: {type: boolean}
        trigger_keywords:
          type: array
          maxItems: 100
          items:
            type: object
            additionalProperties: false
            required: [keyword]
            properties:
              keyword: {type: string, minLength: 1, maxLength: 200}
              weight: {type: string, enum: [high, medium, low]}
        conversation_steps:
          type: array
          maxItems: 100
          items:
            type: object
            additionalProperties: false
            required: [type]
            properties:
              type: {type: string, minLength: 1, maxLength: 50}
              content: {type: string, maxLength: 5000}
              action: {type: string, maxLength: 200}
              followup: {type: string, maxLength: 5000}
    Guide:
      type: object
      additionalProperties: false
      required: [steps]
      properties:
        steps: {type: array, maxItems: 100, items: {type: string, minLength: 1, maxLength: 2000}}
        youtube_url: {type: string, format: uri}
    Faq:
      type: object
      additionalProperties: false
      required: [question, answer]
      properties:
        question: {type: string, minLength: 1, maxLength: 1000}
        answer: {type: string, minLength: 1, maxLength: 5000}
    WorkflowFields:
      type: object
      properties:
        name: {type: string, minLength: 1, maxLength: 200}
        system_prompt: {type: string, minLength: 1, maxLength: 50000}
        description: {type: [string, "null"], maxLength: 5000}
        category: {type: [string, "null"], maxLength: 100}
        rules: {type: array, maxItems: 100, items: {$ref: "#/components/schemas/Rule"}}
        flows: {type: array, maxItems: 100, items: {$ref: "#/components/schemas/Flow"}}
        tags: {type: array, maxItems: 100, items: {type: string, minLength: 1, maxLength: 200}}
        integrations: {type: array, maxItems: 100, items: {type: string, minLength: 1, maxLength: 200}}
        channels: {type: array, maxItems: 100, items: {type: string, minLength: 1, maxLength: 200}}
        actions: {type: array, maxItems: 100, items: {type: string, minLength: 1, maxLength: 200}}
        guide: {oneOf: [{type: "null"}, {$ref: "#/components/schemas/Guide"}]}
        faq: {type: array, maxItems: 100, items: {$ref: "#/components/schemas/Faq"}}
        setup_steps: {type: array, maxItems: 100}
        setup_time: {type: [integer, "null"], minimum: 0, maximum: 100000}
        video_url: {type: [string, "null"], format: uri, maxLength: 2048}
    CreateWorkflow:
      allOf:
        - {$ref: "#/components/schemas/WorkflowFields"}
        - {type: object, required: [name, system_prompt]}
      unevaluatedProperties: false
    UpdateWorkflow:
      allOf:
        - {$ref: "#/components/schemas/WorkflowFields"}
      unevaluatedProperties: false
    AuthType: {type: string, enum: [none, bearer, basic, api_key, custom], default: none}
    AuthConfig:
      type: object
      writeOnly: true
      description: "bearer: token; basic: username, password; api_key: api_key, header_name (default X-API-Key); custom: header_name, token; none: omit."
      properties:
        token: {type: string}
        username: {type: string}
        password: {type: string}
        api_key: {type: string}
        header_name: {type: string}
    CustomApi:
      type: object
      required: [id, config]
      properties:
        id: {type: string}
        config:
          type: object
          required: [name, description, base_url, auth_type]
          properties:
            name: {type: string}
            description: {$ref: "#/components/schemas/NullableString"}
            base_url: {$ref: "#/components/schemas/NullableString"}
            auth_type: {$ref: "#/components/schemas/AuthType"}
    Tool:
      type: object
      required: [id, action_name, name, description, category, is_enabled]
      properties:
        id: {type: string}
        action_name: {type: string}
        name: {type: string}
        description: {$ref: "#/components/schemas/NullableString"}
        category: {type: string}
        is_enabled: {type: boolean}
    Parameter:
      type: object
      required: [name, type, description]
      properties:
        name: {type: string, pattern: "^[A-Za-z_][A-Za-z0-9_]{0,63}$"}
        type: {type: string, enum: [string, number, integer, boolean, array, object]}
        description: {type: string}
        required: {type: boolean}
        items: {type: object, description: "Required when type is array."}
        properties: {type: object}
    CreateTool:
      type: object
      additionalProperties: false
      required: [name, http_method, url_template]
      properties:
        name: {type: string, minLength: 1, maxLength: 100}
        description: {type: string, maxLength: 1000}
        http_method: {type: string, enum: [GET, POST, PUT, DELETE, PATCH]}
        url_template: {type: string, maxLength: 2048, description: "A path under base_url; {name} placeholders must be declared in url_params; other url_params become query parameters."}
        url_params: {type: array, maxItems: 100, items: {$ref: "#/components/schemas/Parameter"}}
        body_params: {type: array, maxItems: 100, items: {$ref: "#/components/schemas/Parameter"}, description: "POST, PUT and PATCH only."}
        headers_template: {type: object, additionalProperties: {type: string}, description: "Values may hold {{name}}; Authorization, Host and Content-Length cannot be set."}
        body_template: {type: object, description: "String values may hold {{name}}; a value that is exactly {{name}} receives the typed argument."}
        auth_type: {$ref: "#/components/schemas/AuthType"}
        auth_config: {$ref: "#/components/schemas/AuthConfig"}
        response_mapping:
          type: object
          additionalProperties: false
          properties:
            path: {type: string, description: "Dots and [index], e.g. data.items[0].id"}
            success_message: {type: string}
            error_message: {type: string}
        category: {type: string, maxLength: 50, default: custom}
        require_human_approval: {type: boolean, default: false}
        timeout: {type: integer, minimum: 1, maximum: 120, default: 30}
    McpServer:
      type: object
      required: [id, config]
      properties:
        id: {type: string}
        config:
          type: object
          required: [name, server_url, transport, auth_type]
          properties:
            name: {type: string}
            server_url: {type: string}
            transport: {type: string, enum: [streamable_http, http_sse]}
            auth_type: {$ref: "#/components/schemas/AuthType"}
    ActionIds:
      type: object
      additionalProperties: false
      required: [action_ids]
      properties:
        action_ids: {type: array, minItems: 1, maxItems: 100, items: {type: string}}
    Execution:
      type: object
      required: [id, action_id, action_name, status, requested_by, decided_by, arguments, request_line, upstream_status, output, message, created_at, finished_at, duration_ms]
      properties:
        id: {type: string}
        action_id: {type: string}
        action_name: {type: string}
        status: {type: string, enum: [pending_approval, running, succeeded, failed, rejected, expired]}
        requested_by: {type: string, description: The key id that asked for it.}
        decided_by: {$ref: "#/components/schemas/NullableString"}
        arguments: {type: object}
        request_line: {$ref: "#/components/schemas/NullableString"}
        upstream_status: {type: [integer, "null"]}
        output: {}
        message: {$ref: "#/components/schemas/NullableString"}
        created_at: {type: string, format: date-time}
        finished_at: {type: [string, "null"], format: date-time}
        duration_ms: {type: [integer, "null"]}
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
    UpdatedCount:
      description: How many of the ids are this agent's actions.
      content:
        application/json:
          schema:
            type: object
            required: [message, data]
            properties:
              message: {type: string}
              data:
                type: object
                required: [updated_count]
                properties: {updated_count: {type: integer}}
    ExecutionResult:
      description: The run's outcome; a remote failure is status failed, not an error of this server.
      content:
        application/json:
          schema:
            type: object
            required: [message, data]
            properties:
              message: {type: string}
              data:
                type: object
                required: [execution_id, status, output, message, upstream_status, duration_ms]
                properties:
                  execution_id: {type: string}
                  status: {type: string, enum: [succeeded, failed]}
                  output: {}
                  message: {$ref: "#/components/schemas/NullableString"}
                  upstream_status: {type: [integer, "null"]}
                  duration_ms: {type: [integer, "null"]}
    Page:
      description: A plain page for a person.
      content:
        text/html:
          schema: {type: string}
    Deleted:
      description: Deleted.
      content:
        application/json:
          schema:
            type: object
            required: [message, data]
            properties:
              message: {type: string}
              data: {type: "null"}
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
