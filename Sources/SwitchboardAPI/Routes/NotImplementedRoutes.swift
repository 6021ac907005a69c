import HTTPTypes
import Hummingbird
import SwitchboardCore

/// Routes of the Console API that this server has not built yet: after the usual
/// key and scope checks they answer 501 `not_implemented`, so a client learns that
/// clearly instead of getting a 404.
struct NotImplementedRoutes {
    struct Entry {
        let method: HTTPRequest.Method
        let path: String
        let scope: Scope
        let feature: String
    }

    static let entries: [Entry] = {
        let kb = "Knowledge bases", conv = "Conversations", calls = "Calls", phones = "Phone numbers"
        return [
            Entry(method: .get, path: "/agents/{agentId}/knowledge_bases", scope: .knowledgeBasesRead, feature: kb),
            Entry(method: .post, path: "/agents/{agentId}/knowledge_bases", scope: .knowledgeBasesWrite, feature: kb),
            Entry(method: .patch, path: "/agents/{agentId}/knowledge_bases/{knowledgeBaseId}", scope: .knowledgeBasesWrite, feature: kb),
            Entry(method: .delete, path: "/agents/{agentId}/knowledge_bases/{knowledgeBaseId}", scope: .knowledgeBasesWrite, feature: kb),
            Entry(method: .get, path: "/agents/{agentId}/conversations", scope: .conversationsRead, feature: conv),
            Entry(method: .post, path: "/agents/{agentId}/conversations/messages", scope: .conversationsWrite, feature: conv),
            Entry(method: .get, path: "/agents/{agentId}/conversations/{conversationId}", scope: .conversationsRead, feature: conv),
            Entry(method: .get, path: "/agents/{agentId}/conversations/{conversationId}/messages", scope: .conversationsRead, feature: conv),
            Entry(method: .post, path: "/agents/{agentId}/conversations/{conversationId}/messages", scope: .conversationsWrite, feature: conv),
            Entry(method: .get, path: "/agents/{agentId}/conversations/{conversationId}/messages/{messageId}", scope: .conversationsRead, feature: conv),
            Entry(method: .patch, path: "/agents/{agentId}/conversations/{conversationId}/ai-status", scope: .conversationsWrite, feature: conv),
            Entry(method: .post, path: "/agents/{agentId}/conversations/{conversationId}/stream-ticket", scope: .conversationsRead, feature: conv),
            Entry(method: .get, path: "/agents/{agentId}/conversations/{conversationId}/stream", scope: .conversationsRead, feature: conv),
            Entry(method: .get, path: "/agents/{agentId}/calls", scope: .callsRead, feature: calls),
            Entry(method: .post, path: "/agents/{agentId}/calls", scope: .callsWrite, feature: calls),
            Entry(method: .get, path: "/agents/{agentId}/calls/{callId}", scope: .callsRead, feature: calls),
            Entry(method: .get, path: "/phone-numbers", scope: .phoneNumbersRead, feature: phones),
            Entry(method: .get, path: "/phone-numbers/request", scope: .phoneNumbersRead, feature: phones),
            Entry(method: .post, path: "/phone-numbers/request", scope: .phoneNumbersWrite, feature: phones),
            Entry(method: .get, path: "/phone-numbers/{phoneNumberId}", scope: .phoneNumbersRead, feature: phones),
            Entry(method: .patch, path: "/phone-numbers/{phoneNumberId}", scope: .phoneNumbersWrite, feature: phones),
        ]
    }()

    func register(on group: RouterGroup<ConsoleContext>) {
        for entry in Self.entries {
            group.on(RouterPath(entry.path), method: entry.method) { _, context -> Response in
                _ = try context.identity(requiring: entry.scope)
                throw ConsoleError.notImplemented("\(entry.feature) are not implemented by this server yet.")
            }
        }
    }
}
