"""The MCP client in every era: found out once and remembered, sessions kept for the
next call and ended, the stateless era's headers, and what a tool call cannot answer."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from helpers import Console, MODERN, PUBLIC_SUPPORT, sdk


@pytest.fixture
def setup(switchboard):
    switchboard.env["SWITCHBOARD_ALLOWED_PRIVATE_RANGES"] = "127.0.0.0/8"
    switchboard.env["SWITCHBOARD_MCP_REQUEST_TIMEOUT_SECONDS"] = "5"
    server = switchboard.start()
    client = sdk(server, server.bootstrap_key)
    agent = client.agents.create(workflow_id=PUBLIC_SUPPORT, name="Ada", description="x").id
    return server, client, agent


def requests(log) -> list[dict]:
    return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


def execute(server, agent, action_name, arguments):
    console = Console(server)
    actions = {a["action_name"]: a["id"] for a in console("GET", f"/agents/{agent}/actions").json()["data"]}
    return console("POST", f"/agents/{agent}/actions/{actions[action_name]}/execute", json={"arguments": arguments}).json()["data"]


@pytest.mark.parametrize("era,transport,version,told", [
    ("stateless", "streamable-http", MODERN, "stateless era"),
    ("both", "streamable-http", MODERN, "stateless era"),
    ("session", "streamable-http", "2025-11-25", "session era"),
    ("both", "sse", "2025-11-25", "legacy HTTP+SSE era"),
])
def test_each_era_is_found_once_remembered_and_spoken(setup, mcp_servers, tmp_path, era, transport, version, told):
    server, client, agent = setup
    log = tmp_path / "requests.log"
    url = mcp_servers.start("--era", era, "--requests-log", str(log), transport=transport)
    mcp = client.agents.integrations.mcp_server
    created = mcp.configure(agent, name="Guild", server_url=url, transport="http_sse" if transport == "sse" else "streamable_http")
    assert mcp.list(agent)[0].config.model_dump().get("protocol_version") is None

    result = mcp.test(agent, created.id)
    assert result.success, result
    assert result.message == f"Connected to contract-mcp 1.2.3 (MCP {version}, {told})"
    assert mcp.list(agent)[0].config.model_dump()["protocol_version"] == version
    assert mcp.discover(agent, created.id).created == 3
    call = execute(server, agent, "tool_1", {"q": "hello"})
    assert call["status"] == "succeeded" and call["output"] == {"tool": "tool_1", "arguments": {"q": "hello"}}

    sent = requests(log)
    posts = [r for r in sent if r["method"] == "POST"]
    if version == MODERN:
        # Asked once (by the test), remembered after: every request carries the revision and its method.
        assert [r["headers"].get("mcp-method") for r in posts] == ["server/discover", "tools/list", "tools/list", "tools/call"]
        assert all(r["headers"]["mcp-protocol-version"] == MODERN and r["session"] is None for r in posts)
        assert posts[-1]["headers"]["mcp-name"] == "tool_1"
    elif transport == "streamable-http":
        # The stateless question is refused once; then one session serves the test, the discovery and the call.
        assert posts[0]["headers"]["mcp-protocol-version"] == MODERN and posts[0]["headers"]["mcp-method"] == "server/discover"
        sessions = {r["session"] for r in posts[1:] if r["session"]}
        assert len(sessions) == 1
        assert all(r["headers"].get("mcp-protocol-version") != MODERN for r in posts[1:])


def test_a_kept_session_serves_the_next_calls_and_is_ended_when_the_server_stops(setup, mcp_servers, tmp_path):
    server, client, agent = setup
    log = tmp_path / "requests.log"
    url = mcp_servers.start("--era", "session", "--requests-log", str(log), "--slow-stream-end")
    mcp = client.agents.integrations.mcp_server
    created = mcp.configure(agent, name="Guild", server_url=url)
    assert mcp.test(agent, created.id).success
    mcp.discover(agent, created.id)
    for i in range(8):
        assert execute(server, agent, "tool_0", {"q": str(i)})["status"] == "succeeded"
    opened = {r["session"] for r in requests(log) if r["session"]}
    assert len(opened) == 1 and not [r for r in requests(log) if r["method"] == "DELETE"]
    # The answers are event streams that end a moment after the answer; each is read to its end, so the
    # connection is used again (a second one may open while the first is on its way back to the pool).
    assert len({r["port"] for r in requests(log)}) <= 2

    # Calls at once get sessions of their own; no more than four are kept, the others are ended.
    with ThreadPoolExecutor(8) as pool:
        outcomes = list(pool.map(lambda i: execute(server, agent, "tool_2", {"q": str(i)})["status"], range(8)))
    assert outcomes == ["succeeded"] * 8
    sent = requests(log)
    opened = {r["session"] for r in sent if r["session"]}
    ended = [r["session"] for r in sent if r["method"] == "DELETE"]
    assert len(opened) - len(ended) <= 4 and len(ended) == len(set(ended))

    server.stop()
    sent = requests(log)
    assert sorted(r["session"] for r in sent if r["method"] == "DELETE") == sorted(opened)


def test_a_server_that_changed_era_is_found_out_again(setup, mcp_servers, tmp_path):
    from conftest import free_port

    server, client, agent = setup
    port = free_port()
    url = mcp_servers.start("--era", "session", port=port)
    mcp = client.agents.integrations.mcp_server
    created = mcp.configure(agent, name="Guild", server_url=url)
    assert mcp.test(agent, created.id).message.endswith("(MCP 2025-11-25, session era)")
    mcp.discover(agent, created.id)
    assert execute(server, agent, "tool_0", {"q": "before"})["status"] == "succeeded"

    mcp_servers.stop()
    mcp_servers.start("--era", "stateless", port=port)
    call = execute(server, agent, "tool_0", {"q": "after"})
    assert call["status"] == "succeeded" and call["output"]["arguments"] == {"q": "after"}
    assert mcp.list(agent)[0].config.model_dump()["protocol_version"] == MODERN


def test_x_mcp_header_arguments_are_mirrored_and_bad_annotations_left_out(setup, mcp_servers, tmp_path):
    server, client, agent = setup
    tools = tmp_path / "tools.json"
    tools.write_text(json.dumps([
        {"name": "route", "inputSchema": {"type": "object", "required": ["region"], "properties": {
            "region": {"type": "string", "x-mcp-header": "Region"},
            "shard": {"type": "integer", "x-mcp-header": "Shard"},
            "target": {"type": "object", "properties": {"dry": {"type": "boolean", "x-mcp-header": "Dry-Run"}}},
            "note": {"type": "string"}}}},
        {"name": "bad_number", "inputSchema": {"type": "object", "properties": {"n": {"type": "number", "x-mcp-header": "N"}}}},
        {"name": "bad_twice", "inputSchema": {"type": "object", "properties": {
            "a": {"type": "string", "x-mcp-header": "Same"}, "b": {"type": "string", "x-mcp-header": "same"}}}},
    ]))
    log = tmp_path / "requests.log"
    url = mcp_servers.start("--era", "stateless", "--tools-file", str(tools), "--requests-log", str(log))
    mcp = client.agents.integrations.mcp_server
    created = mcp.configure(agent, name="Router", server_url=url)
    found = mcp.discover(agent, created.id)
    assert (found.discovered, found.created) == (1, 1)
    assert sorted(found.skipped) == [
        "bad_number: property n: x-mcp-header is only allowed on string, integer and boolean properties",
        "bad_twice: property b: x-mcp-header same repeats property a's",
    ] or sorted(found.skipped) == [
        "bad_number: property n: x-mcp-header is only allowed on string, integer and boolean properties",
        "bad_twice: property a: x-mcp-header Same repeats property b's",
    ]

    arguments = {"region": "eu-west", "shard": 7, "target": {"dry": True}, "note": "x"}
    call = execute(server, agent, "route", arguments)
    assert call["status"] == "succeeded" and call["output"]["arguments"] == arguments
    headers = requests(log)[-1]["headers"]
    assert (headers["mcp-param-region"], headers["mcp-param-shard"], headers["mcp-param-dry-run"]) == ("eu-west", "7", "true")

    # A value that is not plain ASCII travels base64-wrapped; the server checks it against the body.
    call = execute(server, agent, "route", {"region": " Zürich"})
    assert call["status"] == "succeeded", call
    assert requests(log)[-1]["headers"]["mcp-param-region"] == "=?base64?IFrDvHJpY2g=?="
    assert "mcp-param-shard" not in requests(log)[-1]["headers"]


def test_a_server_that_asks_for_input_fails_the_call_saying_what_it_asked(setup, mcp_servers, tmp_path):
    server, client, agent = setup
    tools = tmp_path / "tools.json"
    tools.write_text(json.dumps([{"name": "confirm", "inputSchema": {"type": "object", "properties": {"amount": {"type": "integer"}}}}]))
    url = mcp_servers.start("--era", "stateless", "--tools-file", str(tools))
    mcp = client.agents.integrations.mcp_server
    created = mcp.configure(agent, name="Bank", server_url=url)
    mcp.discover(agent, created.id)
    call = execute(server, agent, "confirm", {"amount": 500})
    assert call["status"] == "failed"
    assert call["message"] == ("The server needs more input before it can finish (elicitation/create: Transfer 500 EUR?), "
                               "which a tool call through Switchboard cannot give.")


def test_a_fastmcp_server_is_connected_and_called(setup, mcp_servers):
    server, client, agent = setup
    url = mcp_servers.start(script="fastmcp_server.py")
    mcp = client.agents.integrations.mcp_server
    created = mcp.configure(agent, name="Fast", server_url=url)
    result = mcp.test(agent, created.id)
    assert result.success and result.tools_count == 2
    assert result.message.startswith("Connected to fast-contract ") and result.message.endswith(f"(MCP {MODERN}, stateless era)")
    assert mcp.discover(agent, created.id).created == 2
    call = execute(server, agent, "add", {"a": 2, "b": 40})
    assert call["status"] == "succeeded" and call["output"] == {"result": 42}
    assert execute(server, agent, "greet", {"name": "Ada"})["output"] == {"result": "Hello, Ada!"}
