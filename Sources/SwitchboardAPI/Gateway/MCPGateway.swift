import SwitchboardConnectors
import SwitchboardCore
import SwitchboardStore
import Tracing

/// The agent's MCP server: its tools are the agent's enabled actions (plus
/// `get_execution`), and a call runs exactly as `POST .../actions/{id}/execute`
/// does, recorded with `source: mcp`. The HTTP side (eras, sessions, headers) is
/// `GatewayRoutes`; this answers one JSON-RPC request.
struct MCPGateway: Sendable {
    static let statelessVersions = ["2026-07-28"]
    static let sessionVersions = ["2025-11-25", "2025-06-18", "2025-03-26"]
    static let pageSize = 100
    static let serverInfo = JSONValue.object(["name": .string("Switchboard"), "version": .string("0.1.0")])
    static let getExecution = "get_execution"

    let actions: ActionStore
    let executions: ExecutionStore
    let running: ActionService
    let audit: AuditStore
    let clock: any TimeSource

    /// Who is asking, through which agent.
    struct Caller: Sendable {
        let agent: Agent
        let identity: Identity
        let requestID: String
        /// True for the stateless era, whose results carry `resultType` and cache hints.
        let stateless: Bool
        /// The toolset whose gateway this is, if it is one: only its actions are tools.
        var toolset: Toolset? = nil
        /// Whether the gateway offers `search_tools` and `call_tool` instead of its tools.
        var searching = false
    }

    /// What a gateway lists, as the URL's `?tools=` asks: every tool, the search pair,
    /// or (`auto`, the default) the pair once there are more than `threshold` tools.
    enum ToolsMode: String, Sendable {
        case all, search, auto
    }

    /// Whether a gateway in `mode` offers the search pair.
    func searches(_ mode: ToolsMode, agentID: String, toolset: Toolset?, threshold: Int) async throws -> Bool {
        switch mode {
        case .all: false
        case .search: true
        case .auto: try await listed(agentID: agentID, toolset: toolset, after: nil, limit: threshold + 1).count > threshold
        }
    }

    func answer(_ request: RPCRequest, caller: Caller) async throws -> Result<JSONValue, RPCError> {
        let result: Result<JSONValue, RPCError>
        switch request.method {
        case "tools/list": result = try await listTools(cursor: request.params["cursor"], caller: caller)
        case "tools/call": result = try await call(request.params, caller: caller)
        case "server/discover" where caller.stateless:
            result = .success(
                .object([
                    "supportedVersions": .array(Self.statelessVersions.map(JSONValue.string)), "capabilities": Self.capabilities,
                    "instructions": .string(Self.instructions(toolset: caller.toolset, searching: caller.searching)),
                    "ttlMs": .int(0), "cacheScope": .string("private"),
                ]))
        case "ping" where !caller.stateless: result = .success(.object([:]))
        default: return .failure(RPCError(code: RPCError.methodNotFound, "Method not found: \(request.method)", id: request.id))
        }
        guard caller.stateless, case .success(.object(var fields)) = result else { return result }
        fields["resultType"] = .string("complete")
        fields["_meta"] = .object(["io.modelcontextprotocol/serverInfo": Self.serverInfo])
        return .success(.object(fields))
    }

    static let capabilities = JSONValue.object(["tools": .object(["listChanged": .bool(true)])])

    /// The `initialize` result of the session era.
    static func initialized(version: String, toolset: Toolset?, searching: Bool) -> JSONValue {
        .object([
            "protocolVersion": .string(version), "capabilities": capabilities, "serverInfo": serverInfo,
            "instructions": .string(instructions(toolset: toolset, searching: searching)),
        ])
    }

    /// What the gateway tells a client it serves, and how to use its tools.
    static func instructions(toolset: Toolset?, searching: Bool) -> String {
        let tools =
            toolset.map { "The tools are the actions of this agent's toolset \($0.name)." } ?? "The tools are this agent's enabled actions."
        let search =
            searching
            ? " There are many: find the one you need with search_tools (say what you want to do), then run it with call_tool." : ""
        return tools + search + " A tool that needs a person's approval answers with an execution_id; "
            + "call get_execution with it later to learn the outcome."
    }

    // MARK: tools/list

    private func listTools(cursor: JSONValue?, caller: Caller) async throws -> Result<JSONValue, RPCError> {
        var after: String?
        if let cursor {
            guard let text = cursor.stringValue, text.hasPrefix("after:") else {
                return .failure(RPCError(code: RPCError.invalidParams, "Invalid params: the cursor is not one this server gave"))
            }
            after = String(text.dropFirst("after:".count))
        }
        if caller.searching {
            var fields: [String: JSONValue] = ["tools": .array(ToolSearchTools.tools + [Self.executionTool])]
            if caller.stateless {
                fields["ttlMs"] = .int(0)
                fields["cacheScope"] = .string("private")
            }
            return .success(.object(fields))
        }
        let rows = try await listed(agentID: caller.agent.id, toolset: caller.toolset, after: after, limit: Self.pageSize + 1)
        let page = rows.prefix(Self.pageSize)
        // An action named like the built-in tool is shadowed by it.
        var tools = page.filter { $0.actionName != Self.getExecution }.map(Self.tool)
        var fields: [String: JSONValue] = [:]
        if rows.count > Self.pageSize, let last = page.last {
            fields["nextCursor"] = .string("after:" + last.actionName)
        } else {
            tools.append(Self.executionTool)
        }
        fields["tools"] = .array(tools)
        if caller.stateless {
            fields["ttlMs"] = .int(0)
            fields["cacheScope"] = .string("private")
        }
        return .success(.object(fields))
    }

    /// Up to `limit` of the tools a gateway lists, by name after `after`: the agent's
    /// enabled actions, or those of them the toolset holds.
    func listed(agentID: String, toolset: Toolset?, after: String?, limit: Int) async throws -> [Action] {
        guard let toolset else { return try await actions.enabled(agentID: agentID, after: after, limit: limit) }
        var found: [Action] = []
        var cursor = after
        while found.count < limit {
            let rows = try await actions.enabled(agentID: agentID, after: cursor, limit: 500)
            found += rows.filter(toolset.holds)
            guard rows.count == 500, let last = rows.last else { break }
            cursor = last.actionName
        }
        return Array(found.prefix(limit))
    }

    static func tool(_ action: Action) -> JSONValue {
        var fields: [String: JSONValue] = [
            "name": .string(action.actionName), "title": .string(action.name),
            "description": .string(action.description ?? action.name), "inputSchema": action.inputSchema,
        ]
        let hints = action.hints
        if !hints.isEmpty { fields["annotations"] = .object(hints.mapValues(JSONValue.bool)) }
        return .object(fields)
    }

    static let executionTool = JSONValue.object([
        "name": .string(getExecution), "title": .string("Get execution"),
        "description": .string(
            "Reads the record of one of this agent's executions (those this key started; any, with actions:read): its status (pending_approval, succeeded, failed, rejected, expired), "
                + "output and message. Use it to learn the outcome of a tool call that waited for approval."),
        "inputSchema": .object([
            "type": .string("object"),
            "properties": .object(["execution_id": .object(["type": .string("string"), "description": .string("The execution's id")])]),
            "required": .array([.string("execution_id")]), "additionalProperties": .bool(false),
        ]),
        "annotations": .object(["readOnlyHint": .bool(true), "destructiveHint": .bool(false)]),
    ])

    // MARK: tools/call

    private func call(_ params: [String: JSONValue], caller: Caller) async throws -> Result<JSONValue, RPCError> {
        guard let name = params["name"]?.stringValue else {
            return .failure(RPCError(code: RPCError.invalidParams, "Invalid params: tools/call needs the tool's name"))
        }
        let arguments = params["arguments"] ?? .object([:])
        if name == Self.getExecution { return .success(try await execution(arguments, caller: caller)) }
        if caller.searching, name == ToolSearchTools.search {
            let all = try await listed(agentID: caller.agent.id, toolset: caller.toolset, after: nil, limit: .max)
            return .success(ToolSearchTools.search(arguments, among: all))
        }
        if caller.searching, name == ToolSearchTools.call {
            guard case .string(let inner)? = arguments.members["name"], ![ToolSearchTools.search, ToolSearchTools.call].contains(inner)
            else {
                return .success(Self.failure(.validation(["arguments.name: is required: the name of a tool search_tools found"])))
            }
            var direct = caller
            direct.searching = false
            return try await call(["name": .string(inner), "arguments": arguments.members["arguments"] ?? .object([:])], caller: direct)
        }
        guard let action = try await actions.enabled(agentID: caller.agent.id, actionName: name), caller.toolset?.holds(action) ?? true
        else {
            return .failure(RPCError(code: RPCError.invalidParams, "Unknown tool: \(name.prefix(200))"))
        }
        let execution: Execution
        do {
            // The MCP semantic conventions' span: the method and the tool's name.
            execution = try await withQuietSpan("tools/call \(action.actionName)") { span in
                if span.isRecording {
                    span.updateAttributes { attributes in
                        attributes["mcp.method.name"] = "tools/call"
                        attributes["gen_ai.tool.name"] = action.actionName
                        attributes["switchboard.agent_id"] = caller.agent.id
                    }
                }
                return try await running.execute(
                    action, agent: caller.agent, arguments: arguments, keyID: caller.identity.keyID, source: .mcp)
            }
        } catch let error as ConsoleError {
            return .success(Self.failure(error))
        }
        try await audit.record(
            AuditStore.Event(
                teamID: caller.identity.teamID, keyID: caller.identity.keyID, action: Endpoints.Actions.execute.audit ?? "", method: "POST",
                route: Endpoints.Gateway.post.route, agentID: caller.agent.id, targetID: execution.id,
                outcome: execution.status == .pendingApproval ? "pending" : execution.status.rawValue, status: nil,
                requestID: caller.requestID, createdAt: clock.now()))
        return .success(Self.result(execution))
    }

    /// A run as a tool result: a remote failure is `isError`, an execution waiting
    /// for approval is not (the model is told to check back).
    static func result(_ execution: Execution) -> JSONValue {
        switch execution.status {
        case .pendingApproval:
            let waiting = ExecutionView.decision(execution)
            return .object([
                "content": text(
                    "This action waits for a person's approval (execution \(execution.id)). "
                        + "Call get_execution with this execution_id later to learn the outcome."),
                "structuredContent": waiting, "isError": .bool(false),
            ])
        case .succeeded:
            var fields: [String: JSONValue] = ["content": text(execution.output?.text ?? "null"), "isError": .bool(false)]
            if case .object? = execution.output { fields["structuredContent"] = execution.output }
            return .object(fields)
        default:
            let output = execution.output.map { "\n\($0.text)" } ?? ""
            return .object(["content": text((execution.message ?? "The action failed") + output), "isError": .bool(true)])
        }
    }

    /// What execute refused (arguments that fail the schema, a disabled action) as an error result.
    static func failure(_ error: ConsoleError) -> JSONValue {
        let message =
            switch error.message {
            case .text(let text): text
            case .problems(let problems): "Invalid arguments:\n" + problems.joined(separator: "\n")
            }
        return .object(["content": text(message), "isError": .bool(true)])
    }

    private func execution(_ arguments: JSONValue, caller: Caller) async throws -> JSONValue {
        guard let id = arguments.field("execution_id") else {
            return Self.failure(.validation(["arguments.execution_id: is required and must be a string"]))
        }
        // A key sees the runs it started; anyone else's need `actions:read`, as on the
        // REST route. Otherwise the answer is the one for an id of another agent.
        guard let execution = try await executions.find(id: id, agentID: caller.agent.id),
            execution.requestedBy == caller.identity.keyID || caller.identity.scopes.grants(.actionsRead)
        else {
            return Self.failure(Execution.notFound)
        }
        let record = ExecutionView.record(execution)
        return .object(["content": Self.text(record.text), "structuredContent": record, "isError": .bool(false)])
    }

    static func text(_ text: String) -> JSONValue {
        .array([.object(["type": .string("text"), "text": .string(text)])])
    }
}
