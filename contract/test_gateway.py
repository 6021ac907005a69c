"""The agent's MCP gateway: the Python `mcp` client in both protocol eras lists and
calls the agent's enabled actions; raw HTTP checks the protocol's edges."""

from __future__ import annotations

import asyncio
import json

import httpx
import httpx2
import pytest
from helpers import Console, MODERN, add_api, add_tool, modern, new_agent, post
from mcp import Client
from mcp.client.streamable_http import streamable_http_client



def mcp_client(url: str, key: str, mode: str) -> Client:
    http = httpx2.AsyncClient(headers={"Authorization": f"Bearer {key}"}, timeout=30)
    return Client(streamable_http_client(url, http_client=http), mode=mode)


@pytest.mark.parametrize("mode", ["legacy", MODERN, "auto"])
def test_an_mcp_client_lists_and_calls_the_agents_enabled_actions(gateway, standin_api, mode):
    server, console, agent, url, actions = gateway

    async def session():
        async with mcp_client(url, server.bootstrap_key, mode) as client:
            listed = await client.list_tools()
            found = await client.call_tool("lookup_order", {"id": "42"})
            calls = len(standin_api.calls)
            invalid = await client.call_tool("lookup_order", {"id": 42, "extra": True})
            sent_for_invalid = len(standin_api.calls) - calls
            pending = await client.call_tool("refund", {"amount": 1250})
            return client.protocol_version, listed, found, invalid, sent_for_invalid, pending

    version, listed, found, invalid, sent_for_invalid, pending = asyncio.run(session())
    assert version == ("2025-11-25" if mode == "legacy" else MODERN)
    tools = {tool.name: tool for tool in listed.tools}
    assert [tool.name for tool in listed.tools] == ["lookup_order", "refund", "get_execution"]
    assert tools["lookup_order"].title == "Lookup order" and tools["lookup_order"].description == "Finds an order"
    assert tools["lookup_order"].input_schema["required"] == ["id"]
    assert tools["lookup_order"].annotations.read_only_hint is True
    assert tools["refund"].annotations is None

    assert not found.is_error and found.content[0].text == "A1"
    assert standin_api.calls[0]["method"] == "GET" and standin_api.calls[0]["path"] == "/tool/orders/42"
    assert invalid.is_error and sent_for_invalid == 0
    assert "arguments.id: must be a string" in invalid.content[0].text
    assert "arguments.extra: is not allowed" in invalid.content[0].text
    assert not pending.is_error and pending.structured_content["status"] == "pending_approval"
    execution = pending.structured_content["execution_id"]

    approved = console("POST", f"/agents/{agent}/executions/{execution}/approve")
    assert approved.status_code == 200 and approved.json()["data"]["status"] == "succeeded", approved.text

    async def check_back():
        async with mcp_client(url, server.bootstrap_key, mode) as client:
            return await client.call_tool("get_execution", {"execution_id": execution})

    record = asyncio.run(check_back())
    assert not record.is_error and record.structured_content["status"] == "succeeded"
    assert record.structured_content["source"] == "mcp" and record.structured_content["arguments"] == {"amount": 1250}
    executions = console("GET", f"/agents/{agent}/executions").json()["data"]
    assert {e["source"] for e in executions} == {"mcp"} and len(executions) == 2
    audit = console("GET", f"/audit-events?agent_id={agent}&action=action.execute").json()["data"]
    assert len(audit) == 2 and {e["route"] for e in audit} == {"/api/v1/console/agents/{agentId}/mcp"}


def test_an_unknown_or_disabled_tool_is_an_error_and_runs_nothing(gateway, standin_api):
    server, console, agent, url, actions = gateway

    async def session():
        async with mcp_client(url, server.bootstrap_key, "legacy") as client:
            with pytest.raises(Exception) as unknown:
                await client.call_tool("hidden", {})
            return unknown.value

    error = asyncio.run(session())
    assert "Unknown tool: hidden" in str(error)
    assert standin_api.calls == []


def test_stateless_requests_are_checked_header_against_body(gateway):
    server, console, agent, url, actions = gateway
    key = server.bootstrap_key
    body, headers = modern("server/discover")
    discover = post(url, key, body, headers)
    assert discover.status_code == 200, discover.text
    result = discover.json()["result"]
    assert result["supportedVersions"] == [MODERN] and result["resultType"] == "complete"
    assert result["capabilities"]["tools"] == {"listChanged": True} and result["cacheScope"] == "private"

    body, headers = modern("tools/list", headers={"Mcp-Method": "tools/call"})
    mismatch = post(url, key, body, headers)
    assert mismatch.status_code == 400 and mismatch.json()["error"]["code"] == -32020

    body, headers = modern("tools/call", {"name": "lookup_order", "arguments": {"id": "1"}}, headers={"Mcp-Name": "refund"})
    assert post(url, key, body, headers).json()["error"]["code"] == -32020

    body, headers = modern("tools/list", version="2099-01-01")
    unsupported = post(url, key, body, headers)
    assert unsupported.status_code == 400
    error = unsupported.json()["error"]
    assert error["code"] == -32022 and MODERN in error["data"]["supported"] and error["data"]["requested"] == "2099-01-01"

    body, headers = modern("resources/list")
    unknown = post(url, key, body, headers)
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == -32601

    body, headers = modern("tools/list")
    del body["params"]["_meta"]
    missing = post(url, key, body, headers)
    assert missing.status_code == 400 and missing.json()["error"]["code"] == -32602

    body, headers = modern("tools/list")
    listed = post(url, key, body, headers)
    assert listed.status_code == 200 and listed.json()["id"] == 1
    assert [t["name"] for t in listed.json()["result"]["tools"]] == ["lookup_order", "refund", "get_execution"]
    assert listed.json()["result"]["ttlMs"] == 0


def test_bad_messages_get_json_rpc_errors_never_a_5xx(gateway):
    server, console, agent, url, actions = gateway
    key = server.bootstrap_key
    parse = post(url, key, b"{not json")
    assert parse.status_code == 400 and parse.json()["error"]["code"] == -32700 and parse.json()["id"] is None
    batch = post(url, key, [{"jsonrpc": "2.0", "id": 1, "method": "tools/list"}])
    assert batch.status_code == 400 and batch.json()["error"]["code"] == -32600
    for bad in ({"id": 1, "method": "tools/list"}, {"jsonrpc": "2.0", "id": {"x": 1}, "method": "ping"}, [], "null"):
        answer = post(url, key, bad)
        assert answer.status_code == 400 and answer.json()["error"]["code"] in (-32600, -32700), answer.text
    huge = post(url, key, b'{"jsonrpc": "2.0", "id": 1, "method": "ping", "params": {"x": "' + b"a" * (1 << 20) + b'"}}')
    assert huge.status_code == 413


def test_sessions_are_started_checked_and_ended(switchboard, gateway):
    server, console, agent, url, actions = gateway
    key = server.bootstrap_key
    started = post(url, key, {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                              "params": {"protocolVersion": "2025-06-18", "capabilities": {},
                                         "clientInfo": {"name": "t", "version": "1"}}})
    assert started.status_code == 200 and started.json()["result"]["protocolVersion"] == "2025-06-18"
    session = started.headers["mcp-session-id"]
    listing = {"jsonrpc": "2.0", "id": 2, "method": "tools/list"}
    assert post(url, key, listing).status_code == 400
    assert post(url, key, listing, {"Mcp-Session-Id": "mcps_unknown"}).status_code == 404
    assert post(url, key, listing, {"Mcp-Session-Id": session}).status_code == 200
    notified = post(url, key, {"jsonrpc": "2.0", "method": "notifications/initialized"}, {"Mcp-Session-Id": session})
    assert notified.status_code == 202
    with httpx.stream("GET", url, headers={"Authorization": f"Bearer {key}", "Accept": "text/event-stream",
                                           "Mcp-Session-Id": session}) as stream:
        assert stream.status_code == 200 and stream.headers["content-type"] == "text/event-stream"
    assert httpx.get(url, headers={"Authorization": f"Bearer {key}", "Mcp-Session-Id": "mcps_unknown"}).status_code == 404
    assert httpx.get(url, headers={"Authorization": f"Bearer {key}"}).status_code == 400
    # Another key of the same team cannot use the session.
    other = switchboard.make_key(switchboard.cli("teams", "list").stdout.split()[0])
    assert post(url, other, listing, {"Mcp-Session-Id": session}).status_code == 404
    ended = httpx.delete(url, headers={"Authorization": f"Bearer {key}", "Mcp-Session-Id": session})
    assert ended.status_code == 200
    assert post(url, key, listing, {"Mcp-Session-Id": session}).status_code == 404
    assert httpx.delete(url, headers={"Authorization": f"Bearer {key}", "Mcp-Session-Id": session}).status_code == 404


def test_keys_scopes_tenancy_and_origins_are_checked(switchboard, gateway):
    server, console, agent, url, actions = gateway
    listing = {"jsonrpc": "2.0", "id": 1, "method": "tools/list"}
    anonymous = httpx.post(url, json=listing)
    assert anonymous.status_code == 401 and anonymous.headers["www-authenticate"] == "Bearer"
    assert anonymous.json()["code"] == "unauthorized"
    team = switchboard.make_team()
    stranger = switchboard.make_key(team)
    assert post(url, stranger, listing).status_code == 404
    narrow = switchboard.make_key(team, "actions:read")
    assert post(url, narrow, listing).status_code == 403
    body, headers = modern("tools/list")
    assert post(url, server.bootstrap_key, body, {**headers, "Origin": "https://evil.example"}).status_code == 403
    allowed = post(url, server.bootstrap_key, body, {**headers, "Origin": "https://console.example.com"})
    assert allowed.status_code == 200 and allowed.headers["x-request-id"]
    streamed = post(url, server.bootstrap_key, body, {**headers, "Accept": "text/event-stream"})
    assert streamed.status_code == 200 and streamed.headers["content-type"] == "text/event-stream"
    event = streamed.text.split("\n")
    assert event[0] == "event: message" and json.loads(event[1].removeprefix("data: "))["result"]["tools"]
    by_header = post(url, "", body, {**headers, "Authorization": "", "X-Api-Key": server.bootstrap_key})
    assert by_header.status_code == 200


@pytest.mark.parametrize("mode", ["legacy", MODERN])
def test_tools_of_a_connected_mcp_server_page_and_run_through_the_gateway(gateway, mcp_servers, mode):
    server, console, agent, url, actions = gateway
    upstream = mcp_servers.start("--tools", "120")
    configured = console("POST", f"/agents/{agent}/integrations/mcp_server/configure", json={"name": "Guild", "server_url": upstream})
    integration = configured.json()["data"]["id"]
    assert console("POST", f"/agents/{agent}/integrations/mcp_server/{integration}/discover").json()["data"]["created"] == 120
    ids = [t["id"] for t in console("GET", f"/agents/{agent}/integrations/mcp_server/{integration}/tools").json()["data"]]
    assert console("POST", f"/agents/{agent}/actions/enable", json={"action_ids": ids[:100]}).status_code == 200
    assert console("POST", f"/agents/{agent}/actions/enable", json={"action_ids": ids[100:]}).status_code == 200

    async def session():
        # 123 tools: the whole list only when asked for (auto would offer the search pair).
        async with mcp_client(url + "?tools=all", server.bootstrap_key, mode) as client:
            first = await client.list_tools(cache_mode="bypass")
            second = await client.list_tools(cursor=first.next_cursor, cache_mode="bypass")
            called = await client.call_tool("tool_7", {"q": "find me"})
            return first, second, called

    first, second, called = asyncio.run(session())
    names = [t.name for t in first.tools] + [t.name for t in second.tools]
    assert len(first.tools) == 100 and first.next_cursor and second.next_cursor is None
    assert names == sorted(names[:-1]) + ["get_execution"] and len(names) == 123
    assert not called.is_error
    assert called.structured_content == {"tool": "tool_7", "arguments": {"q": "find me"}}


@pytest.mark.parametrize("mode", ["legacy", "auto"])
def test_fastmcp_client_lists_and_calls_through_the_gateway(gateway, standin_api, mode):
    from fastmcp import Client as FastMCPClient
    from fastmcp.client.transports import StreamableHttpTransport

    server, console, agent, url, actions = gateway

    async def session():
        transport = StreamableHttpTransport(url, headers={"X-Api-Key": server.bootstrap_key})
        async with FastMCPClient(transport, mode=mode) as client:
            tools = await client.list_tools()
            result = await client.call_tool("lookup_order", {"id": "7"})
            refused = await client.call_tool("lookup_order", {}, raise_on_error=False)
            return tools, result, refused

    tools, result, refused = asyncio.run(session())
    assert [tool.name for tool in tools] == ["lookup_order", "refund", "get_execution"]
    assert not result.is_error and result.content[0].text == "A1"
    assert standin_api.calls[-1]["path"] == "/tool/orders/7" and len(standin_api.calls) == 1
    assert refused.is_error and "arguments.id: is required" in refused.content[0].text


async def until_heard(heard, change, seconds: float = 15) -> None:
    """Makes `change` every half second until `heard` is set: the listening stream
    may open a moment after the client connected, and a change is a level trigger."""
    import anyio

    with anyio.fail_after(seconds):
        while not heard.is_set():
            await anyio.to_thread.run_sync(change)
            with anyio.move_on_after(0.5):
                await heard.wait()


def toggler(console, agent, action):
    state = {"enabled": True}

    def change():
        state["enabled"] = not state["enabled"]
        path = "enable" if state["enabled"] else "disable"
        assert console("POST", f"/agents/{agent}/actions/{path}", json={"action_ids": [action]}).status_code == 200

    return change


async def hear_a_change(url, key, mode, change):
    """Connects in `mode`, waits for notifications/tools/list_changed while `change` runs."""
    import anyio

    heard = anyio.Event()
    if mode == MODERN:
        async with mcp_client(url, key, mode) as client:
            async with client.listen(tools_list_changed=True) as subscription:
                async def read():
                    async for _ in subscription:
                        heard.set()
                        return
                async with anyio.create_task_group() as group:
                    group.start_soon(read)
                    await until_heard(heard, change)
                return subscription.honored.tools_list_changed

    async def handler(message):
        method = getattr(getattr(message, "root", message), "method", None)
        if method == "notifications/tools/list_changed":
            heard.set()

    http = httpx2.AsyncClient(headers={"Authorization": f"Bearer {key}"}, timeout=30)
    async with Client(streamable_http_client(url, http_client=http), mode=mode, message_handler=handler):
        await until_heard(heard, change)
    return True


@pytest.mark.parametrize("mode", ["legacy", MODERN])
def test_a_listening_client_hears_when_the_agents_tools_change(gateway, mode):
    server, console, agent, url, actions = gateway
    assert asyncio.run(hear_a_change(url, server.bootstrap_key, mode, toggler(console, agent, actions["lookup"]))) is True


@pytest.mark.parametrize("mode", ["legacy", MODERN])
def test_a_change_made_through_another_process_reaches_the_listener(postgres_switchboard, standin_api, mode):
    postgres_switchboard.env["SWITCHBOARD_ALLOWED_PRIVATE_RANGES"] = "127.0.0.0/8"
    first = postgres_switchboard.start()
    second = postgres_switchboard.start()
    key = first.bootstrap_key
    console = Console(second)
    console.headers = {"Authorization": f"Bearer {key}"}
    agent = new_agent(console)
    api = add_api(console, agent, standin_api.base)
    action = add_tool(console, agent, api, name="Lookup", http_method="GET", url_template="/tool/x")
    url = f"{first.base_url}/api/v1/console/agents/{agent}/mcp"
    assert asyncio.run(hear_a_change(url, key, mode, toggler(console, agent, action))) is True


def test_credentials_an_upstream_echoes_never_reach_the_mcp_client(gateway, standin_api):
    server, console, agent, url, actions = gateway
    secret = "gateway-secret-token-0123456789"
    api = add_api(console, agent, standin_api.base, "bearer", {"token": secret})
    add_tool(console, agent, api, name="Echo", http_method="GET", url_template="/echo-auth")

    async def session():
        async with mcp_client(url, server.bootstrap_key, MODERN) as client:
            echoed = await client.call_tool("echo", {})
            return echoed.model_dump_json()

    answer = asyncio.run(session())
    assert standin_api.calls[-1]["headers"]["Authorization"] == f"Bearer {secret}"
    assert secret not in answer and "Bearer [redacted]" in answer
    executions = console("GET", f"/agents/{agent}/executions").text
    assert secret not in executions and secret not in server.stop()


def test_an_open_stream_ends_when_the_server_stops(gateway):
    import threading
    import time

    server, console, agent, url, actions = gateway
    key = server.bootstrap_key
    started = post(url, key, {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                              "params": {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}})
    session = started.headers["mcp-session-id"]
    ended = threading.Event()

    def listen():
        with httpx.stream("GET", url, headers={"Authorization": f"Bearer {key}", "Mcp-Session-Id": session}, timeout=60) as stream:
            for _ in stream.iter_bytes():
                pass
        ended.set()

    threading.Thread(target=listen, daemon=True).start()
    time.sleep(0.5)
    began = time.monotonic()
    server.stop()
    assert server.process.returncode == 0 and time.monotonic() - began < 10
    assert ended.wait(5)
