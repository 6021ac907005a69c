import HTTPTypes
import SwitchboardCore

/// One operation of the Console API: where it is, the scope a key needs for it, what
/// the audit log calls the change it makes, and — for operations this server has not
/// built — the feature a 501 names. The scope and audit middlewares and the 501
/// routes read this table; a test holds it against the router and the document.
struct Endpoint: Sendable {
    let method: HTTPRequest.Method
    /// The path below `/api/v1/console`, with `{name}` parameters.
    let path: String
    let scope: Scope
    /// The audit log's name for a change (`agent.create`); nil for reads.
    let audit: String?
    /// For an operation answered with 501: the feature, in plural (`Calls`).
    let unbuilt: String?
    /// The route records its own audit events (the MCP gateway audits each tool call,
    /// not each protocol message).
    let auditedByRoute: Bool

    init(
        _ method: HTTPRequest.Method, _ path: String, _ scope: Scope, audit: String? = nil, unbuilt: String? = nil,
        auditedByRoute: Bool = false
    ) {
        self.method = method
        self.path = path
        self.scope = scope
        self.audit = audit
        self.unbuilt = unbuilt
        self.auditedByRoute = auditedByRoute
    }

    static let prefix = "/api/v1/console"

    /// The changes after which an agent's tools differ: the gateway tells its listeners.
    static let toolChanges: Set<String> = [
        "action.enable", "action.disable", "tool.create", "tool.delete", "integration.configure", "integration.discover",
        "integration.disconnect",
    ]

    var changesTools: Bool { audit.map(Self.toolChanges.contains) ?? false }

    /// The route as the router names it (`/api/v1/console/agents/{agentId}`).
    var route: String { Self.prefix + path }
}

enum Endpoints {
    static let all: [Endpoint] =
        agents + workflows + integrations + actions + GatewayRoutes.endpoints + [Endpoint(.get, "/audit-events", .auditRead)]
        + WebhookRoutes.endpoints
        + unbuilt

    static let agents: [Endpoint] = [
        Endpoint(.get, "/agents", .agentsRead),
        Endpoint(.post, "/agents", .agentsWrite, audit: "agent.create"),
        Endpoint(.get, "/agents/{agentId}", .agentsRead),
        Endpoint(.patch, "/agents/{agentId}", .agentsWrite, audit: "agent.update"),
        Endpoint(.delete, "/agents/{agentId}", .agentsWrite, audit: "agent.delete"),
        Endpoint(.patch, "/agents/{agentId}/live-status", .agentsWrite, audit: "agent.live_status"),
        Endpoint(.get, "/agents/{agentId}/channels", .agentsRead),
        Endpoint(.get, "/agents/{agentId}/deployment/agent-test-code", .agentsRead),
    ]

    static let workflows: [Endpoint] = [
        Endpoint(.get, "/workflows", .workflowsRead),
        Endpoint(.post, "/workflows", .workflowsWrite, audit: "workflow.create"),
        Endpoint(.post, "/workflows/clone", .workflowsWrite, audit: "workflow.clone"),
        Endpoint(.get, "/workflows/{workflowId}", .workflowsRead),
        Endpoint(.patch, "/workflows/{workflowId}", .workflowsWrite, audit: "workflow.update"),
        Endpoint(.delete, "/workflows/{workflowId}", .workflowsWrite, audit: "workflow.delete"),
    ]

    /// The aggregate list, then each kind's operations.
    static let integrations: [Endpoint] = IntegrationRoutes.endpoints + IntegrationKinds.all.flatMap { $0.endpoints }

    static let actions: [Endpoint] = [
        Endpoint(.get, "/agents/{agentId}/actions", .actionsRead),
        Endpoint(.post, "/agents/{agentId}/actions/enable", .actionsWrite, audit: "action.enable"),
        Endpoint(.post, "/agents/{agentId}/actions/disable", .actionsWrite, audit: "action.disable"),
        Endpoint(.post, "/agents/{agentId}/actions/{actionId}/execute", .actionsExecute, audit: "action.execute"),
        Endpoint(.post, "/agents/{agentId}/executions/{executionId}/approve", .approvalsWrite, audit: "execution.approve"),
        Endpoint(.post, "/agents/{agentId}/executions/{executionId}/reject", .approvalsWrite, audit: "execution.reject"),
        Endpoint(.get, "/agents/{agentId}/executions", .actionsRead),
        Endpoint(.get, "/agents/{agentId}/executions/{executionId}", .actionsRead),
    ]

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

    private static let byRoute: [String: Endpoint] = Dictionary(
        uniqueKeysWithValues: all.map { ("\($0.method.rawValue) \($0.route)", $0) })

    /// The operation a routed request belongs to.
    static func find(method: HTTPRequest.Method, route: String) -> Endpoint? {
        byRoute["\(method.rawValue) \(route)"]
    }
}
