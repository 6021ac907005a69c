"""Pipedream apps through the official SDK, against a Pipedream Connect stand-in and a remote MCP server that checks every x-pd-* header."""

from __future__ import annotations

import json
import time

import httpx
import pytest
from bimpeai._exceptions import BadRequestError, ConflictError, ValidationError
from helpers import Console, PUBLIC_SUPPORT, sdk

SLACK_TOOLS = [
    {"name": "slack-send-message", "title": "Send Message", "description": "Send a message to a channel",
     "inputSchema": {"type": "object", "properties": {"channel": {"type": "string"}, "text": {"type": "string"}},
                     "required": ["channel", "text"]}},
    {"name": "slack-list-channels", "title": "List Channels", "description": "List the workspace's channels",
     "inputSchema": {"type": "object", "properties": {}}},
]


@pytest.fixture
def remote_mcp(mcp_servers, pipedream, tmp_path):
    tools = tmp_path / "slack-tools.json"
    tools.write_text(json.dumps(SLACK_TOOLS))
    return mcp_servers.start("--tools-file", str(tools), "--pipedream-gate", pipedream.base)


@pytest.fixture
def world(switchboard, pipedream, remote_mcp):
    switchboard.env.update(pipedream.settings(remote_mcp))
    switchboard.env["SWITCHBOARD_ALLOWED_PRIVATE_RANGES"] = "127.0.0.0/8"
    switchboard.env["SWITCHBOARD_PIPEDREAM_RECONCILE_SECONDS"] = "3600"  # only list and the webhook reconcile here
    switchboard.env["SWITCHBOARD_LOG_LEVEL"] = "trace"  # the secret sweep reads every log line
    server = switchboard.start()
    client = sdk(server, server.bootstrap_key)
    agent = client.agents.create(workflow_id=PUBLIC_SUPPORT, name="Ops", description="Runs ops").id
    return server, client, Console(server), agent


def actions_of(console, agent) -> dict[str, dict]:
    return {a["action_name"]: a for a in console("GET", f"/agents/{agent}/actions").json()["data"]}


def test_an_app_is_connected_used_and_removed(world, pipedream, remote_mcp):
    server, client, console, agent = world
    link = client.agents.integrations.pipedream.configure(agent, app_slug="slack").onboarding_url
    made = pipedream.state.connect_tokens[-1]
    assert made["external_user_id"] == agent
    assert link == f"https://pipedream.com/_static/connect.html?token={made['token']}&connectLink=true&app=slack"
    listed = client.agents.integrations.pipedream.list(agent)
    assert [(i.channel_type, i.config.app_slug, i.config.app_name, i.config.server_url) for i in listed] == [
        ("mcp_server", "slack", "Slack", remote_mcp)]
    assert listed[0].config.app_icon == "https://assets.pipedream.net/s.v0/app_OkrhR1/logo/orig"
    assert [(i.type, i.name, i.status) for i in client.agents.integrations.list(agent)] == [("pipedream", "Slack", "pending")]
    assert actions_of(console, agent) == {}
    # Configuring again gives a new link for the same integration.
    client.agents.integrations.pipedream.configure(agent, app_slug="slack", app_name="Team Slack")
    assert [(i.id, i.config.app_name) for i in client.agents.integrations.pipedream.list(agent)] == [(listed[0].id, "Team Slack")]

    account = pipedream.state.connect(agent, "slack")  # the person finishes the Connect flow
    assert [i.id for i in client.agents.integrations.pipedream.list(agent)] == [listed[0].id]
    assert [i.status for i in client.agents.integrations.list(agent)] == ["active"]
    actions = actions_of(console, agent)
    assert sorted(actions) == ["slack_list_channels", "slack_send_message"]
    assert {a["integration_type"] for a in actions.values()} == {"pipedream"}

    ran = console("POST", f"/agents/{agent}/actions/{actions['slack_send_message']['id']}/execute",
                  json={"arguments": {"channel": "#ops", "text": "deploy done"}}).json()["data"]
    assert ran["status"] == "succeeded", ran
    assert ran["output"] == {"tool": "slack-send-message", "arguments": {"channel": "#ops", "text": "deploy done"}}
    # The agent's MCP gateway offers the app's tools like any other.
    gateway = httpx.post(f"{server.base_url}/api/v1/console/agents/{agent}/mcp",
                         headers={**console.headers, "Accept": "application/json, text/event-stream"},
                         json={"jsonrpc": "2.0", "id": 1, "method": "initialize",
                               "params": {"protocolVersion": "2025-06-18", "capabilities": {},
                                          "clientInfo": {"name": "t", "version": "1"}}})
    session = gateway.headers["mcp-session-id"]
    tools = httpx.post(f"{server.base_url}/api/v1/console/agents/{agent}/mcp",
                       headers={**console.headers, "Accept": "application/json, text/event-stream", "Mcp-Session-Id": session,
                                "MCP-Protocol-Version": "2025-06-18"},
                       json={"jsonrpc": "2.0", "id": 2, "method": "tools/list"}).json()["result"]["tools"]
    assert {"slack_send_message", "slack_list_channels"} <= {t["name"] for t in tools}

    client.agents.integrations.pipedream.disconnect(agent, listed[0].id)
    assert pipedream.state.deleted == [account]
    assert client.agents.integrations.pipedream.list(agent) == [] and actions_of(console, agent) == {}


def test_an_expired_token_is_replaced_once_during_use(world, pipedream):
    server, client, console, agent = world
    client.agents.integrations.pipedream.configure(agent, app_slug="slack")
    pipedream.state.connect(agent, "slack")
    client.agents.integrations.pipedream.list(agent)
    action = actions_of(console, agent)["slack_list_channels"]["id"]
    issued = len(pipedream.state.issued())
    pipedream.state.expire_tokens()  # Pipedream stops honouring the cached token early
    ran = console("POST", f"/agents/{agent}/actions/{action}/execute", json={"arguments": {}}).json()["data"]
    assert ran["status"] == "succeeded", ran
    assert len(pipedream.state.issued()) == issued + 1
    again = console("POST", f"/agents/{agent}/actions/{action}/execute", json={"arguments": {}}).json()["data"]
    assert again["status"] == "succeeded" and len(pipedream.state.issued()) == issued + 1  # the new token is kept


def test_a_webhook_is_only_a_hint_to_look_again(world, pipedream):
    server, client, console, agent = world
    client.agents.integrations.pipedream.configure(agent, app_slug="google_sheets")
    # A forged webhook claiming a connection changes nothing by itself.
    forged = httpx.post(f"{server.base_url}/webhooks/pipedream",
                        json={"event": "CONNECTION_SUCCESS", "account": {"id": "apn_forged"}, "external_user_id": agent})
    assert forged.status_code == 204
    time.sleep(0.5)
    assert [i.status for i in client.agents.integrations.list(agent)] == ["pending"]
    pipedream.state.connect(agent, "google_sheets")
    assert httpx.post(f"{server.base_url}/webhooks/pipedream", content=b"not even json").status_code == 204
    deadline = time.monotonic() + 10
    while client.agents.integrations.list(agent)[0].status != "active" and time.monotonic() < deadline:
        time.sleep(0.1)
    assert client.agents.integrations.list(agent)[0].status == "active"
    assert sorted(actions_of(console, agent)) == ["slack_list_channels", "slack_send_message"]  # the stand-in's tools


def test_bad_apps_a_missing_project_and_pipedream_down_lose_nothing(world, pipedream, switchboard):
    server, client, console, agent = world
    with pytest.raises(ValidationError) as unknown:
        client.agents.integrations.pipedream.configure(agent, app_slug="not_an_app")
    assert unknown.value.field_errors == [{"path": "app_slug", "message": "Pipedream has no app not_an_app"}]
    with pytest.raises(ValidationError) as malformed:
        client.agents.integrations.pipedream.configure(agent, app_slug="Slack App", app_icon="ftp://x", extra=1)
    assert {e["path"] for e in malformed.value.field_errors} == {"app_slug", "app_icon", "extra"}
    assert client.agents.integrations.list(agent) == []

    client.agents.integrations.pipedream.configure(agent, app_slug="slack")
    pipedream.state.connect(agent, "slack")
    client.agents.integrations.pipedream.list(agent)
    before = switchboard.database_dump()
    pipedream.state.down = True
    with pytest.raises(BadRequestError) as down:
        client.agents.integrations.pipedream.configure(agent, app_slug="google_sheets")
    assert down.value.code == "integration_connection_failed" and str(down.value) == "Could not reach Pipedream: HTTP 503"
    listed = client.agents.integrations.pipedream.list(agent)  # a list while Pipedream is down still answers
    assert [i.config.app_slug for i in listed] == ["slack"]
    assert [i.status for i in client.agents.integrations.list(agent)] == ["active"]
    assert len(actions_of(console, agent)) == 2

    # Removing while Pipedream is down removes it here and says what is left to do there.
    removed = console("DELETE", f"/agents/{agent}/integrations/pipedream/{listed[0].id}")
    assert removed.status_code == 200
    assert removed.json()["data"]["pipedream_error"] == (
        "Could not remove the account at Pipedream (HTTP 503); remove it in the Pipedream project.")
    assert client.agents.integrations.pipedream.list(agent) == [] and actions_of(console, agent) == {}
    assert before != switchboard.database_dump()


def test_caps_count_pipedream_apps(switchboard, pipedream, remote_mcp):
    switchboard.env.update(pipedream.settings(remote_mcp))
    switchboard.env["SWITCHBOARD_PLANS"] = '{"enterprise": {"integrations_per_agent": 1}}'
    server = switchboard.start()
    client = sdk(server, server.bootstrap_key)
    agent = client.agents.create(workflow_id=PUBLIC_SUPPORT, name="a", description="b").id
    client.agents.integrations.pipedream.configure(agent, app_slug="slack")
    client.agents.integrations.pipedream.configure(agent, app_slug="slack")  # the same app again: no new integration
    with pytest.raises(ConflictError) as capped:
        client.agents.integrations.pipedream.configure(agent, app_slug="google_sheets")
    assert capped.value.code == "integration_limit_reached"
    assert [i.config.app_slug for i in client.agents.integrations.pipedream.list(agent)] == ["slack"]


def test_without_a_project_pipedream_says_so(switchboard):
    server = switchboard.start()
    client = sdk(server, server.bootstrap_key)
    agent = client.agents.create(workflow_id=PUBLIC_SUPPORT, name="a", description="b").id
    with pytest.raises(BadRequestError) as caught:
        client.agents.integrations.pipedream.configure(agent, app_slug="slack")
    assert caught.value.code == "bad_request" and str(caught.value) == "Pipedream is not configured on this server."
    assert client.agents.integrations.pipedream.list(agent) == []


def test_no_pipedream_secret_reaches_a_response_a_log_or_the_database(world, pipedream, switchboard):
    server, client, console, agent = world
    bodies = []
    bodies.append(client.agents.integrations.pipedream.configure(agent, app_slug="slack").onboarding_url)
    pipedream.state.connect(agent, "slack")
    for path in [f"/agents/{agent}/integrations/pipedream", f"/agents/{agent}/integrations", f"/agents/{agent}/actions"]:
        bodies.append(console("GET", path).text)
    action = actions_of(console, agent)["slack_send_message"]["id"]
    pipedream.state.expire_tokens()
    bodies.append(console("POST", f"/agents/{agent}/actions/{action}/execute", json={"arguments": {"channel": "c", "text": "t"}}).text)
    bodies.append(console("GET", f"/agents/{agent}/executions").text)
    bodies.append(console("GET", "/audit-events?limit=100").text)
    logs = server.stop()
    secrets = [pipedream.state.client_secret, *pipedream.state.issued()]
    assert len(secrets) >= 3
    database = switchboard.database_dump()
    for secret in secrets:
        assert secret not in "\n".join(bodies) and secret not in logs
        assert secret.encode() not in database
