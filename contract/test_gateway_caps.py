"""The gateway's bounds: who may read an execution through `get_execution`, and the
caps on open streams (per key and per process) and live sessions (per key), with
expired sessions swept away."""

from __future__ import annotations

import contextlib
import json
import time

import httpx
from helpers import Console, modern, new_agent, post

INITIALIZE = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
              "params": {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}}


def get_execution(url, key, execution_id):
    body, headers = modern("tools/call", {"name": "get_execution", "arguments": {"execution_id": execution_id}})
    answer = post(url, key, body, headers)
    assert answer.status_code == 200, answer.text
    return answer.json()["result"]


def run_lookup(url, key):
    body, headers = modern("tools/call", {"name": "lookup_order", "arguments": {"id": "7"}})
    result = post(url, key, body, headers).json()["result"]
    assert result["isError"] is False, result
    return result


def test_get_execution_shows_a_key_its_own_runs_and_others_only_with_actions_read(switchboard, gateway):
    server, console, agent, url, actions = gateway
    team = switchboard.cli("teams", "list").stdout.split()[0]
    first = console("POST", f"/agents/{agent}/actions/{actions['lookup']}/execute", json={"arguments": {"id": "1"}}).json()["data"]
    runner = switchboard.make_key(team, "actions:execute")
    reader = switchboard.make_key(team, "actions:execute", "actions:read")

    hidden = get_execution(url, runner, first["execution_id"])
    assert hidden["isError"] is True and "Execution not found" in hidden["content"][0]["text"]
    assert "requested_by" not in str(hidden) and "A1" not in str(hidden)
    # The REST route says the same thing with a 403; the gateway answers as for another agent's id.
    refused = httpx.get(f"{console.base}/agents/{agent}/executions/{first['execution_id']}", headers={"X-Api-Key": runner})
    assert refused.status_code == 403
    assert get_execution(url, runner, "exe_doesnotexist")["content"] == hidden["content"]

    run_lookup(url, runner)
    own = [e for e in console("GET", f"/agents/{agent}/executions").json()["data"] if e["id"] != first["execution_id"]]
    [mine] = own
    seen = get_execution(url, runner, mine["id"])
    assert seen["isError"] is False and seen["structuredContent"]["status"] == "succeeded"

    shown = get_execution(url, reader, first["execution_id"])
    assert shown["isError"] is False and shown["structuredContent"]["id"] == first["execution_id"]


def initialize(url, key):
    return post(url, key, INITIALIZE)


def open_stream(stack, url, key, session=None):
    """Opens an event stream (the session era's GET, or subscriptions/listen) and keeps it open in `stack`."""
    if session:
        request = ("GET", url, {"Authorization": f"Bearer {key}", "Accept": "text/event-stream", "Mcp-Session-Id": session}, None)
    else:
        body, headers = modern("subscriptions/listen", {"notifications": {"toolsListChanged": True}})
        request = ("POST", url, {"Authorization": f"Bearer {key}", "Accept": "application/json, text/event-stream", **headers},
                   httpx.Request("POST", url, json=body).content)
    method, target, headers, content = request
    client = stack.enter_context(httpx.Client(timeout=30))
    response = stack.enter_context(client.stream(method, target, headers=headers, content=content))
    if response.status_code != 200:
        response.read()  # a refusal: its JSON-RPC body; an open stream is left as it is
    return response


def assert_busy(response, says):
    assert response.status_code == 429, response.status_code
    assert int(response.headers["retry-after"]) > 0
    text = response.text  # JSON, or one event for a client that takes only event streams
    error = json.loads(text.split("data: ", 1)[1] if text.startswith("event:") else text)["error"]
    assert error["code"] == -32000 and says in error["message"], error


def test_stream_and_session_caps_answer_429_and_free_up_when_closed(switchboard, standin_api):
    switchboard.env.update({"SWITCHBOARD_GATEWAY_MAX_STREAMS_PER_KEY": "3", "SWITCHBOARD_GATEWAY_MAX_STREAMS": "5",
                            "SWITCHBOARD_GATEWAY_MAX_SESSIONS_PER_KEY": "4"})
    server = switchboard.start()
    key = server.bootstrap_key
    team = switchboard.cli("teams", "list").stdout.split()[0]
    other = switchboard.make_key(team)
    url = f"{server.base_url}/api/v1/console/agents/{new_agent(Console(server))}/mcp"

    sessions = [initialize(url, key).headers["mcp-session-id"] for _ in range(4)]
    assert_busy(initialize(url, key), "live sessions")
    assert initialize(url, other).status_code == 200  # the cap is the key's
    assert httpx.delete(url, headers={"X-Api-Key": key, "Mcp-Session-Id": sessions.pop()}).status_code == 200
    sessions.append(initialize(url, key).headers["mcp-session-id"])

    with contextlib.ExitStack() as streams:
        held = [open_stream(streams, url, key, sessions[0]), open_stream(streams, url, key, sessions[1]),
                open_stream(streams, url, key)]
        assert all(s.status_code == 200 for s in held)
        assert_busy(open_stream(streams, url, key, sessions[2]), "this API key has 3 open")
        assert_busy(open_stream(streams, url, key), "this API key has 3 open")  # subscriptions/listen counts too
        other_session = initialize(url, other).headers["mcp-session-id"]
        assert open_stream(streams, url, other, other_session).status_code == 200
        assert open_stream(streams, url, other).status_code == 200
        assert_busy(open_stream(streams, url, other, other_session), "on this server")
        # Refused streams hold nothing, and the server keeps answering.
        assert httpx.get(f"{server.base_url}/health", timeout=10).status_code == 200
        listed = post(url, key, {"jsonrpc": "2.0", "id": 5, "method": "tools/list"}, {"Mcp-Session-Id": sessions[3]})
        assert listed.status_code == 200 and listed.json()["result"]["tools"]
    # Once closed, the slots come back (the server notices a gone client at its next write or its end).
    deadline = time.monotonic() + 60
    while True:
        with contextlib.ExitStack() as streams:
            again = open_stream(streams, url, key, sessions[2])
            if again.status_code == 200 or time.monotonic() > deadline:
                break
        time.sleep(0.5)
    assert again.status_code == 200


def test_expired_sessions_are_swept_from_the_database(switchboard):
    switchboard.env.update({"SWITCHBOARD_GATEWAY_SESSION_IDLE_SECONDS": "2", "SWITCHBOARD_GATEWAY_SESSION_SWEEP_SECONDS": "0.2"})
    server = switchboard.start()
    key = server.bootstrap_key
    url = f"{server.base_url}/api/v1/console/agents/{new_agent(Console(server))}/mcp"
    session = initialize(url, key).headers["mcp-session-id"]
    rows = f"SELECT COUNT(*) FROM mcp_sessions WHERE id = '{session}'"
    assert switchboard.scalar(rows) == "1"
    deadline = time.monotonic() + 60
    while switchboard.scalar(rows) != "0" and time.monotonic() < deadline:
        time.sleep(0.5)
    assert switchboard.scalar(rows) == "0"
    answer = post(url, key, {"jsonrpc": "2.0", "id": 2, "method": "tools/list"}, {"Mcp-Session-Id": session})
    assert answer.status_code == 404
