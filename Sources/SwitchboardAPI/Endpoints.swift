import Foundation
import HTTPTypes
import SwitchboardCore

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

    init(
        _ method: HTTPRequest.Method, _ path: String, _ scope: Scope, audit: String? = nil, changesTools: Bool = false,
        unbuilt: String? = nil, auditedByRoute: Bool = false
    ) {
        self.method = method
        self.path = path
        self.scope = scope
        self.audit = audit
        self.changesTools = changesTools
        self.unbuilt = unbuilt
        self.auditedByRoute = auditedByRoute
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
        + Gateway.all + [auditEvents] + Webhooks.all + unbuilt

    /// The API's own description, served without a key.
    static let document = Endpoint.prefix + "/openapi.yaml"

    enum Agents {
        static let list = Endpoint(.get, "/agents", .agentsRead)
        static let create = Endpoint(.post, "/agents", .agentsWrite, audit: "agent.create")
        static let find = Endpoint(.get, "/agents/{agentId}", .agentsRead)
        static let update = Endpoint(.patch, "/agents/{agentId}", .agentsWrite, audit: "agent.update")
        static let delete = Endpoint(.delete, "/agents/{agentId}", .agentsWrite, audit: "agent.delete")
        static let liveStatus = Endpoint(.patch, "/agents/{agentId}/live-status", .agentsWrite, audit: "agent.live_status")
        static let channels = Endpoint(.get, "/agents/{agentId}/channels", .agentsRead)
        static let testCode = Endpoint(.get, "/agents/{agentId}/deployment/agent-test-code", .agentsRead)
        static let all = [list, create, find, update, delete, liveStatus, channels, testCode]
    }

    enum Workflows {
        static let list = Endpoint(.get, "/workflows", .workflowsRead)
        static let create = Endpoint(.post, "/workflows", .workflowsWrite, audit: "workflow.create")
        static let clone = Endpoint(.post, "/workflows/clone", .workflowsWrite, audit: "workflow.clone")
        static let find = Endpoint(.get, "/workflows/{workflowId}", .workflowsRead)
        static let update = Endpoint(.patch, "/workflows/{workflowId}", .workflowsWrite, audit: "workflow.update")
        static let delete = Endpoint(.delete, "/workflows/{workflowId}", .workflowsWrite, audit: "workflow.delete")
        static let all = [list, create, clone, find, update, delete]
    }

    enum Integrations {
        /// Every live integration of the agent, of every kind.
        static let list = Endpoint(.get, "/agents/{agentId}/integrations", .integrationsRead)

        /// The operations every kind has below `/agents/{agentId}/integrations/<family>`.
        struct Family: Sendable {
            let list: Endpoint
            let configure: Endpoint
            let disconnect: Endpoint
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
        static let enable = Endpoint(.post, "/agents/{agentId}/actions/enable", .actionsWrite, audit: "action.enable", changesTools: true)
        static let disable = Endpoint(
            .post, "/agents/{agentId}/actions/disable", .actionsWrite, audit: "action.disable", changesTools: true)
        static let execute = Endpoint(.post, "/agents/{agentId}/actions/{actionId}/execute", .actionsExecute, audit: "action.execute")
        static let approve = Endpoint(
            .post, "/agents/{agentId}/executions/{executionId}/approve", .approvalsWrite, audit: "execution.approve")
        static let reject = Endpoint(.post, "/agents/{agentId}/executions/{executionId}/reject", .approvalsWrite, audit: "execution.reject")
        static let executions = Endpoint(.get, "/agents/{agentId}/executions", .actionsRead)
        static let execution = Endpoint(.get, "/agents/{agentId}/executions/{executionId}", .actionsRead)
        static let all = [list, enable, disable, execute, approve, reject, executions, execution]
    }

    /// The agent's MCP server; a tool call is audited as the run it is, not as a protocol message.
    enum Gateway {
        static let post = Endpoint(.post, "/agents/{agentId}/mcp", .actionsExecute, auditedByRoute: true)
        static let stream = Endpoint(.get, "/agents/{agentId}/mcp", .actionsExecute)
        static let end = Endpoint(.delete, "/agents/{agentId}/mcp", .actionsExecute, auditedByRoute: true)
        static let all = [post, stream, end]
    }

    static let auditEvents = Endpoint(.get, "/audit-events", .auditRead)

    enum Webhooks {
        static let list = Endpoint(.get, "/webhooks", .webhooksRead)
        static let create = Endpoint(.post, "/webhooks", .webhooksWrite, audit: "webhook.create")
        static let find = Endpoint(.get, "/webhooks/{webhookId}", .webhooksRead)
        static let update = Endpoint(.patch, "/webhooks/{webhookId}", .webhooksWrite, audit: "webhook.update")
        static let delete = Endpoint(.delete, "/webhooks/{webhookId}", .webhooksWrite, audit: "webhook.delete")
        static let rotateSecret = Endpoint(.post, "/webhooks/{webhookId}/rotate-secret", .webhooksWrite, audit: "webhook.rotate_secret")
        static let deliveries = Endpoint(.get, "/webhooks/{webhookId}/deliveries", .webhooksRead)
        static let retry = Endpoint(
            .post, "/webhooks/{webhookId}/deliveries/{deliveryId}/retry", .webhooksWrite, audit: "webhook.retry")
        static let all = [list, create, find, update, delete, rotateSecret, deliveries, retry]
    }

    static let unbuilt: [Endpoint] = {
        let kb = "Knowledge bases"
        let conv = "Conversations"
        let calls = "Calls"
        let phones = "Phone numbers"
        let conversation = "/agents/{agentId}/conversations/{conversationId}"
        return [
            Endpoint(.get, "/agents/{agentId}/knowledge_bases", .knowledgeBasesRead, unbuilt: kb),
            Endpoint(.post, "/agents/{agentId}/knowledge_bases", .knowledgeBasesWrite, unbuilt: kb),
            Endpoint(.patch, "/agents/{agentId}/knowledge_bases/{knowledgeBaseId}", .knowledgeBasesWrite, unbuilt: kb),
            Endpoint(.delete, "/agents/{agentId}/knowledge_bases/{knowledgeBaseId}", .knowledgeBasesWrite, unbuilt: kb),
            Endpoint(.get, "/agents/{agentId}/conversations", .conversationsRead, unbuilt: conv),
            Endpoint(.post, "/agents/{agentId}/conversations/messages", .conversationsWrite, unbuilt: conv),
            Endpoint(.get, conversation, .conversationsRead, unbuilt: conv),
            Endpoint(.get, conversation + "/messages", .conversationsRead, unbuilt: conv),
            Endpoint(.post, conversation + "/messages", .conversationsWrite, unbuilt: conv),
            Endpoint(.get, conversation + "/messages/{messageId}", .conversationsRead, unbuilt: conv),
            Endpoint(.patch, conversation + "/ai-status", .conversationsWrite, unbuilt: conv),
            Endpoint(.post, conversation + "/stream-ticket", .conversationsRead, unbuilt: conv),
            Endpoint(.get, conversation + "/stream", .conversationsRead, unbuilt: conv),
            Endpoint(.get, "/agents/{agentId}/calls", .callsRead, unbuilt: calls),
            Endpoint(.post, "/agents/{agentId}/calls", .callsWrite, unbuilt: calls),
            Endpoint(.get, "/agents/{agentId}/calls/{callId}", .callsRead, unbuilt: calls),
            Endpoint(.get, "/phone-numbers", .phoneNumbersRead, unbuilt: phones),
            Endpoint(.get, "/phone-numbers/request", .phoneNumbersRead, unbuilt: phones),
            Endpoint(.post, "/phone-numbers/request", .phoneNumbersWrite, unbuilt: phones),
            Endpoint(.get, "/phone-numbers/{phoneNumberId}", .phoneNumbersRead, unbuilt: phones),
            Endpoint(.patch, "/phone-numbers/{phoneNumberId}", .phoneNumbersWrite, unbuilt: phones),
        ]
    }()
}
