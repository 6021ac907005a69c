"""Toolsets: named subsets of an agent's actions, each its own MCP gateway, driven by
the `mcp` client in both eras and by fastmcp."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from helpers import MODERN, add_api, add_tool
from mcp.shared.exceptions import MCPError
from test_gateway import hear_a_change, mcp_client, toggler


def make(console, agent, **body):
    answer = console("POST", f"/agents/{agent}/toolsets", json=body)
    assert answer.status_code == 201, answer.text
    return answer.json()["data"]


def names(url, key, mode):
    async def session():
        async with mcp_client(url, key, mode) as client:
            return [tool.name for tool in (await client.list_tools()).tools]
    return asyncio.run(session())


@pytest.fixture
def world(gateway, standin_api):
    """The gateway fixture's agent (lookup_order, refund; hidden disabled) with a second API of one read-only tool."""
    server, console, agent, url, actions = gateway
    other = add_api(console, agent, standin_api.base)
    actions["search"] = add_tool(console, agent, other, name="Search orders", http_method="GET", url_template="/tool/search")
    api = console("GET", f"/agents/{agent}/integrations/custom_api").json()["data"][0]["id"]
    return server, console, agent, actions, api, other


def test_toolsets_are_made_listed_changed_and_deleted_with_their_rules(world):
    server, console, agent, actions, api, other = world
    made = make(console, agent, name="Support", description="For the help desk", action_ids=[actions["refund"]],
                integration_ids=[other])
    assert made["id"].startswith("ts_") and made["read_only"] is False
    assert made["mcp_url"] == f"{server.base_url}/api/v1/console/agents/{agent}/toolsets/{made['id']}/mcp"
    assert [t["id"] for t in console("GET", f"/agents/{agent}/toolsets").json()["data"]] == [made["id"]]

    twice = console("POST", f"/agents/{agent}/toolsets", json={"name": "Support"})
    assert twice.status_code == 409 and twice.json()["message"] == "This agent already has a toolset named Support"
    bad = console("POST", f"/agents/{agent}/toolsets", json={"name": "x", "action_ids": ["act_nope"], "integration_ids": ["ch_x"],
                                                              "read_only": "yes"})
    assert bad.status_code == 400 and bad.json()["message"] == [
        "read_only: must be a boolean", "integration_ids[0]: is not a live integration of this agent",
        "action_ids[0]: is not an action of this agent"]

    changed = console("PATCH", f"/agents/{agent}/toolsets/{made['id']}", json={"read_only": True, "name": "Readers"}).json()["data"]
    assert changed["read_only"] is True and changed["name"] == "Readers" and changed["action_ids"] == [actions["refund"]]
    audit = [e["action"] for e in console("GET", f"/audit-events?agent_id={agent}").json()["data"]]
    assert "toolset.create" in audit and "toolset.update" in audit
    assert console("DELETE", f"/agents/{agent}/toolsets/{made['id']}").status_code == 200
    assert console("GET", f"/agents/{agent}/toolsets/{made['id']}").status_code == 404
    assert httpx.post(made["mcp_url"], headers={"Authorization": f"Bearer {server.bootstrap_key}"}, json={}).status_code == 404


@pytest.mark.parametrize("mode", ["legacy", MODERN])
def test_a_toolset_lists_and_calls_only_its_actions(world, standin_api, mode):
    server, console, agent, actions, api, other = world
    toolset = make(console, agent, name="Orders", action_ids=[actions["lookup"], actions["hidden"]], integration_ids=[other])
    key = server.bootstrap_key
    assert names(toolset["mcp_url"], key, mode) == ["lookup_order", "search_orders", "get_execution"], "hidden is disabled"

    async def session():
        async with mcp_client(toolset["mcp_url"], key, mode) as client:
            found = await client.call_tool("lookup_order", {"id": "9"})
            before = len(standin_api.calls)
            try:
                await client.call_tool("refund", {"amount": 5})
                refused = "ran"
            except MCPError as error:
                refused = str(error)
            return found, refused, len(standin_api.calls) - before

    found, refused, sent = asyncio.run(session())
    assert not found.is_error and standin_api.calls[-1]["path"] == "/tool/orders/9"
    assert refused == "Unknown tool: refund" and sent == 0
    executions = console("GET", f"/agents/{agent}/executions").json()["data"]
    assert [e["action_name"] for e in executions] == ["lookup_order"] and executions[0]["source"] == "mcp"

    console("PATCH", f"/agents/{agent}/toolsets/{toolset['id']}", json={"read_only": True})
    assert names(toolset["mcp_url"], key, mode) == ["lookup_order", "search_orders", "get_execution"], "both are GET tools"
    console("PATCH", f"/agents/{agent}/toolsets/{toolset['id']}", json={"action_ids": [actions["refund"]], "integration_ids": []})
    assert names(toolset["mcp_url"], key, mode) == ["get_execution"], "refund is a POST: not read-only"


def test_fastmcp_lists_a_toolset(world):
    from fastmcp import Client as FastMCPClient
    from fastmcp.client.transports import StreamableHttpTransport

    server, console, agent, actions, api, other = world
    toolset = make(console, agent, name="Refunds", action_ids=[actions["refund"]])

    async def session():
        transport = StreamableHttpTransport(toolset["mcp_url"], headers={"X-Api-Key": server.bootstrap_key})
        async with FastMCPClient(transport) as client:
            return [tool.name for tool in await client.list_tools()]

    assert asyncio.run(session()) == ["refund", "get_execution"]


@pytest.mark.parametrize("mode", ["legacy", MODERN])
def test_a_toolset_hears_its_own_changes_and_not_the_others(world, mode):
    import anyio

    server, console, agent, actions, api, other = world
    mine = make(console, agent, name="Mine", action_ids=[actions["lookup"]])
    elsewhere = make(console, agent, name="Elsewhere", integration_ids=[other])
    key = server.bootstrap_key
    assert asyncio.run(hear_a_change(mine["mcp_url"], key, mode, toggler(console, agent, actions["lookup"]))) is True

    async def quiet():
        """Listens on the other toolset while lookup_order is toggled: nothing may arrive."""
        heard = anyio.Event()

        async def handler(message):
            if getattr(getattr(message, "root", message), "method", None) == "notifications/tools/list_changed":
                heard.set()

        change = toggler(console, agent, actions["lookup"])
        if mode == MODERN:
            async with mcp_client(elsewhere["mcp_url"], key, mode) as client:
                async with client.listen(tools_list_changed=True) as subscription:
                    async def read():
                        async for _ in subscription:
                            heard.set()
                            return
                    async with anyio.create_task_group() as group:
                        group.start_soon(read)
                        for _ in range(6):
                            await anyio.to_thread.run_sync(change)
                            await anyio.sleep(0.5)
                        group.cancel_scope.cancel()
        else:
            http_client = __import__("httpx2").AsyncClient(headers={"Authorization": f"Bearer {key}"}, timeout=30)
            from mcp import Client
            from mcp.client.streamable_http import streamable_http_client
            async with Client(streamable_http_client(elsewhere["mcp_url"], http_client=http_client), mode=mode,
                              message_handler=handler):
                for _ in range(6):
                    await anyio.to_thread.run_sync(change)
                    await anyio.sleep(0.5)
        return heard.is_set()

    assert asyncio.run(quiet()) is False


def test_deleting_a_toolset_ends_its_streams(world):
    import threading
    import time

    server, console, agent, actions, api, other = world
    toolset = make(console, agent, name="Short-lived", action_ids=[actions["lookup"]])
    headers = {"Authorization": f"Bearer {server.bootstrap_key}", "Accept": "application/json, text/event-stream",
               "MCP-Protocol-Version": MODERN, "Mcp-Method": "subscriptions/listen"}
    body = {"jsonrpc": "2.0", "id": 1, "method": "subscriptions/listen",
            "params": {"notifications": {"toolsListChanged": True},
                       "_meta": {"io.modelcontextprotocol/protocolVersion": MODERN, "io.modelcontextprotocol/clientCapabilities": {}}}}
    ended = threading.Event()

    def listen():
        with httpx.stream("POST", toolset["mcp_url"], headers=headers, json=body, timeout=60) as response:
            for _ in response.iter_lines():
                pass
        ended.set()

    threading.Thread(target=listen, daemon=True).start()
    time.sleep(1)
    assert not ended.is_set()
    assert console("DELETE", f"/agents/{agent}/toolsets/{toolset['id']}").status_code == 200
    assert ended.wait(10), "the stream is still open after its toolset was deleted"
