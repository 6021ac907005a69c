"""MCP server integrations against real MCP servers built with the Python `mcp` package."""

from __future__ import annotations

import base64
import json

import pytest
from bimpeai._exceptions import BadRequestError, NotFoundError, ValidationError
from helpers import PUBLIC_SUPPORT, sdk



@pytest.fixture
def setup(switchboard):
    switchboard.env["SWITCHBOARD_ALLOWED_PRIVATE_RANGES"] = "127.0.0.0/8"
    # Short enough for the hanging server's test, long enough for a busy machine's stand-ins.
    switchboard.env["SWITCHBOARD_MCP_REQUEST_TIMEOUT_SECONDS"] = "5"
    switchboard.env["SWITCHBOARD_MCP_OPERATION_TIMEOUT_SECONDS"] = "10"
    server = switchboard.start()
    client = sdk(server, server.bootstrap_key)
    agent = client.agents.create(workflow_id=PUBLIC_SUPPORT, name="Ada", description="x").id
    return client, agent


@pytest.mark.parametrize("transport,kind", [("streamable_http", "streamable-http"), ("http_sse", "sse")])
def test_each_transport_connects_discovers_and_disconnects(setup, mcp_servers, transport, kind):
    client, agent = setup
    url = mcp_servers.start("--tools", "3", transport=kind)
    mcp = client.agents.integrations.mcp_server
    created = mcp.configure(agent, name="Guild", server_url=url, transport=transport)
    assert created.config.transport == transport and created.config.server_url == url
    assert [i.id for i in mcp.list(agent)] == [created.id]
    assert client.agents.integrations.list(agent)[0].status == "pending"

    result = mcp.test(agent, created.id)
    assert result.success and result.tools_count == 3
    assert result.message.startswith("Connected to contract-mcp 1.2.3 (MCP 20")
    assert client.agents.integrations.list(agent)[0].status == "active"

    discovered = mcp.discover(agent, created.id)
    assert (discovered.discovered, discovered.created, discovered.updated, discovered.disabled) == (3, 3, 0, 0)
    tools = mcp.tools.list(agent, created.id)
    assert sorted(t.action_name for t in tools) == ["tool_0", "tool_1", "tool_2"]
    assert all(t.category == "mcp" and t.is_enabled for t in tools)

    mcp.disconnect(agent, created.id)
    assert mcp.list(agent) == []
    with pytest.raises(NotFoundError):
        mcp.tools.list(agent, created.id)


def test_a_server_that_needs_a_token_gets_it(setup, mcp_servers):
    client, agent = setup
    url = mcp_servers.start("--token", "mcp-secret-token")
    mcp = client.agents.integrations.mcp_server
    without = mcp.configure(agent, name="Locked", server_url=url)
    failed = mcp.test(agent, without.id)
    assert not failed.success and failed.message == "Connection failed" and failed.error == "HTTP 401"
    assert client.agents.integrations.list(agent)[0].status == "failed"
    with_token = mcp.configure(agent, name="Unlocked", server_url=url, auth_type="bearer", auth_config={"token": "mcp-secret-token"})
    assert mcp.test(agent, with_token.id).success
    assert "mcp-secret-token" not in json.dumps([i.model_dump() for i in mcp.list(agent)])


def test_every_page_of_tools_is_read(setup, mcp_servers):
    client, agent = setup
    url = mcp_servers.start("--tools", "120", "--page-size", "25")
    mcp = client.agents.integrations.mcp_server
    created = mcp.configure(agent, name="Big", server_url=url)
    assert mcp.test(agent, created.id).tools_count == 120
    result = mcp.discover(agent, created.id)
    assert (result.discovered, result.created) == (120, 120)
    assert len(mcp.tools.list(agent, created.id)) == 120
    again = mcp.discover(agent, created.id)
    assert (again.discovered, again.created, again.updated, again.disabled) == (120, 0, 0, 0)


def test_tools_that_change_are_created_updated_disabled_and_restored(setup, mcp_servers, tmp_path, switchboard):
    client, agent = setup
    tools_file = tmp_path / "tools.json"

    def offer(*tools):
        tools_file.write_text(json.dumps([{"name": n, "description": d, "inputSchema": {"type": "object"}} for n, d in tools]))

    offer(("search", "Search"), ("fetch", "Fetch a page"), ("delete", "Delete"))
    url = mcp_servers.start("--tools-file", str(tools_file))
    mcp = client.agents.integrations.mcp_server
    created = mcp.configure(agent, name="MrGuild", server_url=url)
    first = mcp.discover(agent, created.id)
    assert (first.discovered, first.created, first.updated, first.disabled) == (3, 3, 0, 0)

    offer(("search", "Search everything"), ("fetch", "Fetch a page"), ("summarise", "Summarise"))
    second = mcp.discover(agent, created.id)
    assert (second.discovered, second.created, second.updated, second.disabled) == (3, 1, 1, 1)
    # A changed tool waits for review, disabled; a new one arrives enabled.
    state = {t.action_name: (t.is_enabled, t.needs_review) for t in mcp.tools.list(agent, created.id)}
    assert state == {"search": (False, True), "fetch": (True, False), "delete": (False, False), "summarise": (True, False)}

    offer(("search", "Search everything"), ("fetch", "Fetch a page"), ("summarise", "Summarise"), ("delete", "Delete"))
    third = mcp.discover(agent, created.id)
    assert (third.discovered, third.created, third.updated, third.disabled) == (4, 0, 1, 0)
    state = {t.action_name: (t.is_enabled, t.needs_review) for t in mcp.tools.list(agent, created.id)}
    assert state == {"search": (False, True), "fetch": (True, False), "delete": (True, False), "summarise": (True, False)}
    search = next(a for a in client.agents.actions.list(agent) if a.action_name == "search")
    assert search.needs_review and not search.is_enabled
    from helpers import Console

    reviews = Console(switchboard.servers[-1])("GET", "/audit-events?action=action.needs_review").json()["data"]
    assert [(e["target_id"], e["agent_id"]) for e in reviews] == [(search.id, agent)]  # once, though discovered twice since
    # Enabling it accepts the new definition.
    client.agents.actions.enable(agent, action_ids=[search.id])
    assert all(t.is_enabled and not t.needs_review for t in mcp.tools.list(agent, created.id))
    assert mcp.discover(agent, created.id).updated == 0

    # A second server offering a tool of the same name gets the integration's prefix.
    other = mcp.configure(agent, name="Other Server", server_url=url)
    mcp.discover(agent, other.id)
    assert "otherserver__search" in {t.action_name for t in mcp.tools.list(agent, other.id)}


def test_a_hanging_server_times_out_and_changes_nothing(setup, mcp_servers):
    client, agent = setup
    good = mcp_servers.start("--tools", "2")
    mcp = client.agents.integrations.mcp_server
    created = mcp.configure(agent, name="Flaky", server_url=good)
    mcp.discover(agent, created.id)
    hanging = mcp_servers.start("--hang")
    stuck = mcp.configure(agent, name="Stuck", server_url=hanging)
    result = mcp.test(agent, stuck.id)
    assert not result.success and result.error == "timed out"
    with pytest.raises(BadRequestError) as caught:
        mcp.discover(agent, stuck.id)
    assert caught.value.code == "integration_connection_failed" and "timed out" in str(caught.value)
    assert mcp.tools.list(agent, stuck.id) == []
    assert len(mcp.tools.list(agent, created.id)) == 2


def test_a_server_url_must_be_public_and_fields_valid(switchboard):
    server = switchboard.start()
    client = sdk(server, server.bootstrap_key)
    agent = client.agents.create(workflow_id=PUBLIC_SUPPORT, name="Ada", description="x").id
    with pytest.raises(ValidationError) as caught:
        client.agents.integrations.mcp_server.configure(agent, name="Local", server_url="http://127.0.0.1:1/mcp", transport="websocket")
    paths = {e["path"] for e in caught.value.field_errors}
    assert paths == {"transport"}
    with pytest.raises(ValidationError) as refused:
        client.agents.integrations.mcp_server.configure(agent, name="Local", server_url="http://127.0.0.1:1/mcp")
    assert refused.value.field_errors[0]["path"] == "server_url"
    assert refused.value.field_errors[0]["message"] == "127.0.0.1 is not allowed (it resolves to an address in the loopback range)"


def test_every_content_type_of_a_result_is_kept(setup, mcp_servers, tmp_path, switchboard):
    client, agent = setup
    tools = tmp_path / "tools.json"
    tools.write_text(json.dumps([{"name": name, "inputSchema": {"type": "object"}} for name in ["image", "big_image", "mixed"]]))
    url = mcp_servers.start("--tools-file", str(tools))
    mcp = client.agents.integrations.mcp_server
    created = mcp.configure(agent, name="Media", server_url=url)
    assert mcp.test(agent, created.id).success
    mcp.discover(agent, created.id)
    from helpers import Console

    console = Console(switchboard.servers[-1])
    actions = {a["action_name"]: a["id"] for a in console("GET", f"/agents/{agent}/actions").json()["data"]}

    def run(name):
        return console("POST", f"/agents/{agent}/actions/{actions[name]}/execute", json={"arguments": {}}).json()["data"]

    image = run("image")
    assert image["status"] == "succeeded"
    png = base64.b64encode(bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000")).decode()
    assert image["output"] == [{"type": "image", "data": png, "mimeType": "image/png"}]
    big = run("big_image")
    assert big["output"] == [{"type": "image", "mimeType": "image/png", "size": 58000,
                              "omitted": "data larger than 8 KiB of base64"}]
    mixed = run("mixed")["output"]
    assert [part["type"] for part in mixed] == ["text", "audio", "resource_link", "resource", "resource"]
    assert mixed[0] == {"type": "text", "text": "Here is the report"}
    assert mixed[1] == {"type": "audio", "data": base64.b64encode(b"RIFF-audio").decode(), "mimeType": "audio/wav"}
    assert mixed[2]["uri"] == "file:///reports/q1.pdf" and mixed[2]["name"] == "report"
    assert mixed[3]["resource"] == {"uri": "file:///reports/q1.txt", "mimeType": "text/plain", "text": "Q1: up"}
    assert mixed[4]["resource"] == {"uri": "file:///reports/q1.bin", "mimeType": "application/octet-stream", "size": 30000,
                                    "omitted": "blob larger than 8 KiB of base64"}


def test_a_stopped_server_is_reported_at_once(setup, mcp_servers):
    from conftest import free_port

    client, agent = setup
    mcp = client.agents.integrations.mcp_server
    created = mcp.configure(agent, name="Gone", server_url=f"http://127.0.0.1:{free_port()}/mcp")
    result = mcp.test(agent, created.id)
    assert not result.success and result.error == "connection refused"  # told as refused, not after a time-out
