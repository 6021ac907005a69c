import Foundation
import HTTPTypes
import SwitchboardCore
import SwitchboardOpenAPI

/// One operation of the Console API: where it is, the scope a key needs for it, what
/// the audit log calls the change it makes, and — for operations this server has not
/// built — the feature a 501 names. Each route is registered from its row
/// (`ConsoleRoutes`), which the request then carries in its context for the scope,
/// audit and tool-change middlewares; a test holds the table against the router and
/// the document.
struct Endpoint: Sendable {
    let method: HTTPRequest.Method
    /// The path below `/api/v1/console`, with `{name}` parameters.
    let path: String
    let scope: Scope
    /// The audit log's name for a change (`agent.create`); nil for reads.
    let audit: String?
    /// After it succeeds the agent's tools differ: the gateway tells its listeners.
    let changesTools: Bool
    /// For an operation answered with 501: the feature, in plural (`Calls`).
    let unbuilt: String?
    /// The route records its own audit events (the MCP gateway audits each tool call,
    /// not each protocol message).
    let auditedByRoute: Bool
    /// The largest request body the operation takes.
    let maxBody: Int

    init(
        _ method: HTTPRequest.Method, _ path: String, _ scope: Scope, audit: String? = nil, changesTools: Bool = false,
        unbuilt: String? = nil, auditedByRoute: Bool = false, maxBody: Int = BodyReader.maxBytes
    ) {
        self.method = method
        self.path = path
        self.scope = scope
        self.audit = audit
        self.changesTools = changesTools
        self.unbuilt = unbuilt
        self.auditedByRoute = auditedByRoute
        self.maxBody = maxBody
    }

    static let prefix = "/api/v1/console"

    /// The route as the router names it (`/api/v1/console/agents/{agentId}`).
    var route: String { Self.prefix + path }

    /// The operation's address on `publicURL`, its `{name}` parameters filled in from `values`.
    func url(_ publicURL: String, _ values: [String: String]) -> String {
        values.reduce(publicURL + route) { url, value in url.replacingOccurrences(of: "{\(value.key)}", with: value.value) }
    }
}

/// Every operation, by area. A route's path is written here and nowhere else.
enum Endpoints {
    static let all: [Endpoint] =
        Agents.all + Workflows.all + [Integrations.list] + IntegrationKinds.all.flatMap { $0.endpoints } + Actions.all
        + Gateway.all + Toolsets.all + [auditEvents] + Webhooks.all + unbuilt

    /// The API's own description, served without a key.
    static let document = Endpoint.prefix + "/openapi.yaml"

    /// A collection's five operations: list and create at its path, find, update and
    /// delete at `path/{id}`, audited as `<noun>.create` and so on.
    struct Collection: Sendable {
        let list: Endpoint, create: Endpoint, find: Endpoint, update: Endpoint, delete: Endpoint
        /// `path/{id}`: one member, below which the collection's other operations are.
        let item: String

        /// `changesTools`: its changes change what an agent's gateways list.
        init(_ path: String, id: String, read: Scope, write: Scope, audit noun: String, changesTools: Bool = false) {
            item = "\(path)/{\(id)}"
            list = Endpoint(.get, path, read)
            create = Endpoint(.post, path, write, audit: noun + ".create", changesTools: changesTools)
            find = Endpoint(.get, item, read)
            update = Endpoint(.patch, item, write, audit: noun + ".update", changesTools: changesTools)
            delete = Endpoint(.delete, item, write, audit: noun + ".delete", changesTools: changesTools)
        }

        var all: [Endpoint] { [list, create, find, update, delete] }
    }

    enum Agents {
        static let collection = Collection("/agents", id: "agentId", read: .agentsRead, write: .agentsWrite, audit: "agent")
        static let liveStatus = Endpoint(.patch, collection.item + "/live-status", .agentsWrite, audit: "agent.live_status")
        static let channels = Endpoint(.get, collection.item + "/channels", .agentsRead)
        static let testCode = Endpoint(.get, collection.item + "/deployment/agent-test-code", .agentsRead)
        static let all = collection.all + [liveStatus, channels, testCode]
    }

    enum Workflows {
        static let collection = Collection(
            "/workflows", id: "workflowId", read: .workflowsRead, write: .workflowsWrite, audit: "workflow")
        static let clone = Endpoint(.post, "/workflows/clone", .workflowsWrite, audit: "workflow.clone")
        static let all = collection.all + [clone]
    }

    enum Integrations {
        /// Every live integration of the agent, of every kind.
        static let list = Endpoint(.get, "/agents/{agentId}/integrations", .integrationsRead)

        /// The operations every kind has below `/agents/{agentId}/integrations/<family>`.
        struct Family: Sendable {
            let list: Endpoint, configure: Endpoint, disconnect: Endpoint
            /// An integration's tools (the kinds a person adds tools to or discovers them from).
            let tools: Endpoint
            /// Below an integration: `/agents/{agentId}/integrations/<family>/{integrationId}<path>`.
            let base: String

            init(_ family: Integration.Family) {
                let root = "/agents/{agentId}/integrations/\(family.rawValue)"
                base = root + "/{integrationId}"
                list = Endpoint(.get, root, .integrationsRead)
                configure = Endpoint(.post, root + "/configure", .integrationsWrite, audit: "integration.configure", changesTools: true)
                disconnect = Endpoint(.delete, base, .integrationsWrite, audit: "integration.disconnect", changesTools: true)
                tools = Endpoint(.get, base + "/tools", .integrationsRead)
            }

            var common: [Endpoint] { [list, configure, disconnect] }
        }

        static let connectors = Family(ConnectorKind.family)
        static let customAPI = Family(CustomAPIKind.family)
        static let mcpServer = Family(MCPServerKind.family)
        static let pipedream = Family(PipedreamKind.family)

        /// A custom API and its tools from an OpenAPI document, which may be up to 16 MiB.
        static let importDocument = Endpoint(
            .post, customAPI.list.path + "/import", .integrationsWrite, audit: "integration.import", changesTools: true,
            maxBody: APIDocument.maxBytes + (64 << 10))
        /// Its tools brought up to a new version of the document.
        static let reimport = Endpoint(
            .post, customAPI.base + "/import", .integrationsWrite, audit: "integration.reimport", changesTools: true,
            maxBody: importDocument.maxBody)
        static let addTool = Endpoint(
            .post, customAPI.base + "/tools", .integrationsWrite, audit: "tool.create", changesTools: true)
        static let deleteTool = Endpoint(
            .delete, customAPI.base + "/tools/{toolId}", .integrationsWrite, audit: "tool.delete", changesTools: true)
        static let test = Endpoint(.post, mcpServer.base + "/test", .integrationsWrite, audit: "integration.test")
        static let discover = Endpoint(
            .post, mcpServer.base + "/discover", .integrationsWrite, audit: "integration.discover", changesTools: true)
        static let reauthorize = Endpoint(.post, mcpServer.base + "/reauthorize", .integrationsWrite, audit: "integration.reauthorize")
    }

    enum Actions {
        static let list = Endpoint(.get, "/agents/{agentId}/actions", .actionsRead)
        static let find = Endpoint(.get, "/agents/{agentId}/actions/{actionId}", .actionsRead)
        static let enable = Endpoint(.post, "/agents/{agentId}/actions/enable", .actionsWrite, audit: "action.enable", changesTools: true)
        static let disable = Endpoint(
            .post, "/agents/{agentId}/actions/disable", .actionsWrite, audit: "action.disable", changesTools: true)
        static let execute = Endpoint(.post, "/agents/{agentId}/actions/{actionId}/execute", .actionsExecute, audit: "action.execute")
        static let approve = Endpoint(
            .post, "/agents/{agentId}/executions/{executionId}/approve", .approvalsWrite, audit: "execution.approve")
        static let reject = Endpoint(.post, "/agents/{agentId}/executions/{executionId}/reject", .approvalsWrite, audit: "execution.reject")
        static let executions = Endpoint(.get, "/agents/{agentId}/executions", .actionsRead)
        static let execution = Endpoint(.get, "/agents/{agentId}/executions/{executionId}", .actionsRead)
        static let all = [list, find, enable, disable, execute, approve, reject, executions, execution]
    }

    /// The agent's MCP server, and each of its toolsets'; a tool call is audited as
    /// the run it is, not as a protocol message.
    enum Gateway {
        static let post = Endpoint(.post, "/agents/{agentId}/mcp", .actionsExecute, auditedByRoute: true)
        static let stream = Endpoint(.get, "/agents/{agentId}/mcp", .actionsExecute)
        static let end = Endpoint(.delete, "/agents/{agentId}/mcp", .actionsExecute, auditedByRoute: true)
        static let toolsetPost = Endpoint(.post, Toolsets.collection.item + "/mcp", .actionsExecute, auditedByRoute: true)
        static let toolsetStream = Endpoint(.get, Toolsets.collection.item + "/mcp", .actionsExecute)
        static let toolsetEnd = Endpoint(.delete, Toolsets.collection.item + "/mcp", .actionsExecute, auditedByRoute: true)
        static let all = [post, stream, end, toolsetPost, toolsetStream, toolsetEnd]
    }

    enum Toolsets {
        static let collection = Collection(
            "/agents/{agentId}/toolsets", id: "toolsetId", read: .actionsRead, write: .actionsWrite, audit: "toolset",
            changesTools: true)
        static let all = collection.all
    }

    static let auditEvents = Endpoint(.get, "/audit-events", .auditRead)

    enum Webhooks {
        static let collection = Collection("/webhooks", id: "webhookId", read: .webhooksRead, write: .webhooksWrite, audit: "webhook")
        static let rotateSecret = Endpoint(.post, collection.item + "/rotate-secret", .webhooksWrite, audit: "webhook.rotate_secret")
        static let deliveries = Endpoint(.get, collection.item + "/deliveries", .webhooksRead)
        static let retry = Endpoint(
            .post, collection.item + "/deliveries/{deliveryId}/retry", .webhooksWrite, audit: "webhook.retry")
        static let all = collection.all + [rotateSecret, deliveries, retry]
    }

    /// Operations of the contract this server has not built: each answers 501 naming
    /// its feature, after the key and scope checks. `METHOD path` by feature and scope.
    static let unbuilt: [Endpoint] = {
        func rows(_ feature: String, _ scope: Scope, _ operations: [String]) -> [Endpoint] {
            operations.map { operation in
                let parts = operation.split(separator: " ", maxSplits: 1).map(String.init)
                return Endpoint(HTTPRequest.Method(parts[0])!, parts[1], scope, unbuilt: feature)
            }
        }
        let (bases, base) = ("/agents/{agentId}/knowledge_bases", "/agents/{agentId}/knowledge_bases/{knowledgeBaseId}")
        let conversation = "/agents/{agentId}/conversations/{conversationId}"
        let (calls, phones) = ("/agents/{agentId}/calls", "/phone-numbers")
        return rows("Knowledge bases", .knowledgeBasesRead, ["GET \(bases)"])
            + rows("Knowledge bases", .knowledgeBasesWrite, ["POST \(bases)", "PATCH \(base)", "DELETE \(base)"])
            + rows(
                "Conversations", .conversationsRead,
                [
                    "GET /agents/{agentId}/conversations", "GET \(conversation)", "GET \(conversation)/messages",
                    "GET \(conversation)/messages/{messageId}", "POST \(conversation)/stream-ticket", "GET \(conversation)/stream",
                ])
            + rows(
                "Conversations", .conversationsWrite,
                ["POST /agents/{agentId}/conversations/messages", "POST \(conversation)/messages", "PATCH \(conversation)/ai-status"])
            + rows("Calls", .callsRead, ["GET \(calls)", "GET \(calls)/{callId}"]) + rows("Calls", .callsWrite, ["POST \(calls)"])
            + rows("Phone numbers", .phoneNumbersRead, ["GET \(phones)", "GET \(phones)/request", "GET \(phones)/{phoneNumberId}"])
            + rows("Phone numbers", .phoneNumbersWrite, ["POST \(phones)/request", "PATCH \(phones)/{phoneNumberId}"])
    }()
}
