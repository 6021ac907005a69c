"""Hostile upstreams and sharp edges: one tenant's server or a narrow key must not
stall the server, grow its memory, outlast a timeout, read a secret back, run what
was disabled, replay another key's answer, poison an integration or alter a number."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import httpx
import pytest
from helpers import Console, add_api, add_tool, new_agent



def start(switchboard, **settings: str):
    switchboard.env["SWITCHBOARD_ALLOWED_PRIVATE_RANGES"] = "127.0.0.0/8"
    switchboard.env.update(settings)
    server = switchboard.start()
    console = Console(server)
    agent = new_agent(console)
    return server, console, agent


def add_mcp(console, agent, url: str, transport: str = "streamable_http", token: str | None = None) -> str:
    body = {"name": f"MCP {len(url)}", "server_url": url, "transport": transport}
    if token:
        body |= {"auth_type": "bearer", "auth_config": {"token": token}}
    response = console("POST", f"/agents/{agent}/integrations/mcp_server/configure", json=body)
    assert response.status_code == 201, response.text
    return response.json()["data"]["id"]


def resident_mib(server) -> float:
    for line in Path(f"/proc/{server.process.pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


@pytest.mark.parametrize("path", ["/endless", "/chatter"])
def test_two_endless_streams_neither_stall_the_server_nor_grow_its_memory(sqlite_switchboard, hostile, path):
    # Generous timeouts: what must stop the streams is the byte caps, not the clock.
    server, console, agent = start(sqlite_switchboard, SWITCHBOARD_MCP_REQUEST_TIMEOUT_SECONDS="40",
                                   SWITCHBOARD_MCP_OPERATION_TIMEOUT_SECONDS="60")
    streamable = add_mcp(console, agent, hostile.base + path)
    legacy = add_mcp(console, agent, hostile.base + path + "-sse", transport="http_sse")
    assert httpx.get(f"{server.base_url}/health").status_code == 200
    baseline = resident_mib(server)
    results: dict[str, dict] = {}

    def run_test(name: str, integration: str) -> None:
        path = f"{console.base}/agents/{agent}/integrations/mcp_server/{integration}/test"
        results[name] = httpx.post(path, headers=console.headers, timeout=90).json()["data"]

    threads = [threading.Thread(target=run_test, args=args) for args in [("streamable", streamable), ("legacy", legacy)]]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    slowest_health, peak = 0.0, baseline
    while any(thread.is_alive() for thread in threads):
        before = time.monotonic()
        assert httpx.get(f"{server.base_url}/health", timeout=10).status_code == 200
        slowest_health = max(slowest_health, time.monotonic() - before)
        peak = max(peak, resident_mib(server))
        time.sleep(0.05)
    for thread in threads:
        thread.join()
    # The byte caps ended both, long before the 40 s request timeout.
    assert time.monotonic() - started < 30, "a stream was not cut by the byte caps"
    assert set(results) == {"streamable", "legacy"}
    assert slowest_health < 1.0, f"/health took {slowest_health:.2f} s while the streams were open"
    assert peak - baseline < 100, f"resident memory grew by {peak - baseline:.0f} MiB"
    for name, result in results.items():
        assert result["success"] is False, name
        assert "too large" in result["error"] or "larger than" in result["error"], (name, result["error"])
    assert httpx.get(f"{server.base_url}/health").status_code == 200


def test_an_event_larger_than_the_body_cap_is_refused(switchboard, hostile):
    server, console, agent = start(switchboard)
    huge = add_mcp(console, agent, hostile.base + "/mcp/huge")
    result = console("POST", f"/agents/{agent}/integrations/mcp_server/{huge}/test").json()["data"]
    assert result["success"] is False and result["error"] in ("response too large", "event stream: an event is larger than 5242880 bytes")
    refused = console("POST", f"/agents/{agent}/integrations/mcp_server/{huge}/discover")
    assert refused.status_code == 400 and refused.json()["code"] == "integration_connection_failed"
    assert console("GET", f"/agents/{agent}/integrations/mcp_server/{huge}/tools").json()["data"] == []


def test_a_trickling_upstream_is_cut_at_the_tools_timeout(switchboard, hostile):
    server, console, agent = start(switchboard, SWITCHBOARD_MCP_REQUEST_TIMEOUT_SECONDS="2",
                                   SWITCHBOARD_MCP_OPERATION_TIMEOUT_SECONDS="4")
    api = add_api(console, agent, hostile.base)
    slow = add_tool(console, agent, api, name="Slow", http_method="GET", url_template="/trickle", timeout=2)
    started = time.monotonic()
    late = console("POST", f"/agents/{agent}/actions/{slow}/execute", json={}).json()["data"]
    assert time.monotonic() - started < 6
    assert (late["status"], late["message"]) == ("failed", "timed out")
    record = console("GET", f"/agents/{agent}/executions/{late['execution_id']}").json()["data"]
    assert record["status"] == "failed" and record["duration_ms"] < 4000

    mcp = add_mcp(console, agent, hostile.base + "/trickle-mcp")
    started = time.monotonic()
    result = console("POST", f"/agents/{agent}/integrations/mcp_server/{mcp}/test").json()["data"]
    assert time.monotonic() - started < 8
    assert result["success"] is False and result["error"] == "timed out"


def test_a_legacy_server_that_pings_but_never_answers_is_cut_at_the_request_limit(switchboard, hostile):
    server, console, agent = start(switchboard, SWITCHBOARD_MCP_REQUEST_TIMEOUT_SECONDS="1",
                                   SWITCHBOARD_MCP_OPERATION_TIMEOUT_SECONDS="20")
    mcp = add_mcp(console, agent, hostile.base + "/pinging", transport="http_sse")
    started = time.monotonic()
    result = console("POST", f"/agents/{agent}/integrations/mcp_server/{mcp}/test").json()["data"]
    assert result["success"] is False and result["error"] == "timed out"
    assert time.monotonic() - started < 10  # the request limit, not the 20 s operation deadline


def test_a_trickling_provider_is_cut_at_the_provider_timeout(switchboard, hostile):
    server, console, agent = start(switchboard, SWITCHBOARD_STRIPE_API_BASE=hostile.base + "/trickle",
                                   SWITCHBOARD_PROVIDER_TIMEOUT_SECONDS="2")
    started = time.monotonic()
    refused = console("POST", f"/agents/{agent}/integrations/bimpeai/configure",
                      json={"type": "stripe", "secret_key": "sk_test_trickle0123456789"})
    assert time.monotonic() - started < 6
    assert refused.status_code == 400 and "timed out" in refused.json()["message"]
    assert console("GET", f"/agents/{agent}/integrations").json()["data"] == []


def test_echoed_credentials_come_back_redacted_in_every_form(switchboard, standin_api, hostile):
    server, console, agent = start(switchboard)
    api = add_api(console, agent, standin_api.base, "basic", {"username": "ada", "password": "echoed-password-1"})
    echo = add_tool(console, agent, api, name="Echo", http_method="GET", url_template="/echo-auth")
    ran = console("POST", f"/agents/{agent}/actions/{echo}/execute", json={}).json()["data"]
    assert ran["output"] == {"you_sent": "Basic [redacted]"}
    record = console("GET", f"/agents/{agent}/executions/{ran['execution_id']}").json()["data"]
    assert record["output"] == {"you_sent": "Basic [redacted]"}

    token = "bare-mcp-token-0123456789"
    mcp = add_mcp(console, agent, hostile.base + "/mcp/echo", token=token)
    assert console("POST", f"/agents/{agent}/integrations/mcp_server/{mcp}/discover").status_code == 200
    actions = {a["action_name"].rsplit("_", 1)[-1]: a["id"]
               for a in console("GET", f"/agents/{agent}/actions").json()["data"] if a["integration_id"] == mcp}
    said = console("POST", f"/agents/{agent}/actions/{actions['echo']}/execute", json={}).json()["data"]
    assert said["output"] == {"token": "[redacted]", "note": "sent [redacted]"}
    failed = console("POST", f"/agents/{agent}/actions/{actions['fail']}/execute", json={}).json()["data"]
    assert (failed["status"], failed["message"]) == ("failed", "you are [redacted]")
    hostile.list_error = True
    tested = console("POST", f"/agents/{agent}/integrations/mcp_server/{mcp}/test").json()["data"]
    assert tested["error"] == "the server answered error -32001: token [redacted] is not welcome"
    refused = console("POST", f"/agents/{agent}/integrations/mcp_server/{mcp}/discover").json()
    assert refused["message"] == "Could not discover tools: the server answered error -32001: token [redacted] is not welcome"
    everything = json.dumps(console("GET", f"/agents/{agent}/executions").json())
    assert token not in everything and "echoed-password-1" not in everything and "YWRhOmVjaG9lZC1wYXNzd29yZC0x" not in everything


def test_a_session_the_server_forgot_is_started_again_once(switchboard, hostile):
    server, console, agent = start(switchboard)
    forgetful = add_mcp(console, agent, hostile.base + "/mcp/forgetful")
    result = console("POST", f"/agents/{agent}/integrations/mcp_server/{forgetful}/test").json()["data"]
    assert result["success"] is True and result["tools_count"] == 1, result
    assert hostile.initializes["/mcp/forgetful"] == 2
    amnesiac = add_mcp(console, agent, hostile.base + "/mcp/amnesiac")
    result = console("POST", f"/agents/{agent}/integrations/mcp_server/{amnesiac}/test").json()["data"]
    assert (result["success"], result["error"]) == (False, "HTTP 404: the server ended the session")
    assert hostile.initializes["/mcp/amnesiac"] == 2


def test_a_stream_kept_open_after_its_answer_does_not_hold_the_call(switchboard, hostile):
    server, console, agent = start(switchboard)
    lingering = add_mcp(console, agent, hostile.base + "/mcp/lingering")
    console("POST", f"/agents/{agent}/integrations/mcp_server/{lingering}/discover")
    action = console("GET", f"/agents/{agent}/integrations/mcp_server/{lingering}/tools").json()["data"][0]["id"]
    for _ in range(3):
        started = time.monotonic()
        call = console("POST", f"/agents/{agent}/actions/{action}/execute", json={"arguments": {}}).json()["data"]
        assert call["status"] == "succeeded" and call["output"] == "done"
        assert time.monotonic() - started < 2  # the stream is cut a moment after the answer, not at the 30 s limit


def test_an_approval_runs_only_what_execute_would_run_now(switchboard, standin_api):
    server, console, agent = start(switchboard)
    api = add_api(console, agent, standin_api.base)
    refund = add_tool(console, agent, api, name="Refund", http_method="POST", url_template="/tool/refunds", require_human_approval=True)
    execution = console("POST", f"/agents/{agent}/actions/{refund}/execute", json={}).json()["data"]["execution_id"]
    console("POST", f"/agents/{agent}/actions/disable", json={"action_ids": [refund]})
    before = len(standin_api.calls)
    refused = console("POST", f"/agents/{agent}/executions/{execution}/approve")
    assert refused.status_code == 409 and refused.json()["message"] == "Action is disabled"
    assert len(standin_api.calls) == before
    assert console("GET", f"/agents/{agent}/executions/{execution}").json()["data"]["status"] == "pending_approval"
    console("POST", f"/agents/{agent}/actions/enable", json={"action_ids": [refund]})
    assert console("POST", f"/agents/{agent}/executions/{execution}/approve").json()["data"]["status"] == "succeeded"
    assert len(standin_api.calls) == before + 1

    later = console("POST", f"/agents/{agent}/actions/{refund}/execute", json={}).json()["data"]["execution_id"]
    assert console("DELETE", f"/agents/{agent}/integrations/custom_api/{api}").status_code == 200
    # Disconnecting removed the action: the approval ends the execution and sends nothing.
    gone = console("POST", f"/agents/{agent}/executions/{later}/approve").json()["data"]
    assert (gone["status"], gone["message"]) == ("failed", "The action no longer exists")
    assert len(standin_api.calls) == before + 1


def test_an_idempotent_answer_belongs_to_the_key_that_made_it(switchboard, standin_api):
    server, console, agent = start(switchboard)
    api = add_api(console, agent, standin_api.base)
    tool = add_tool(console, agent, api, name="Pay", http_method="POST", url_template="/tool/pay")
    team = switchboard.cli("teams", "list").stdout.split("\t")[0]
    narrow = {"Authorization": f"Bearer {switchboard.make_key(team, 'agents:read')}"}
    other = {"Authorization": f"Bearer {switchboard.make_key(team)}"}
    path = f"{console.base}/agents/{agent}/actions/{tool}/execute"
    before = len(standin_api.calls)

    first = console("POST", f"/agents/{agent}/actions/{tool}/execute", json={}, headers={"Idempotency-Key": "pay-1"})
    assert first.status_code == 200 and len(standin_api.calls) == before + 1
    replay = httpx.post(path, json={}, headers={**narrow, "Idempotency-Key": "pay-1"})
    assert replay.status_code == 403 and replay.headers.get("idempotent-replayed") is None
    assert "actions:execute" in replay.json()["message"] and "execution_id" not in replay.text
    stranger = httpx.post(path, json={}, headers={**other, "Idempotency-Key": "pay-1"})
    assert stranger.status_code == 409 and stranger.json()["message"] == "Idempotency-Key was already used by another API key."

    # The other way round: a refusal is not kept, so the full key's request runs.
    assert httpx.post(path, json={}, headers={**narrow, "Idempotency-Key": "pay-2"}).status_code == 403
    second = httpx.post(path, json={}, headers={**other, "Idempotency-Key": "pay-2"})
    assert second.status_code == 200 and second.headers.get("idempotent-replayed") is None
    assert second.json()["data"]["status"] == "succeeded" and len(standin_api.calls) == before + 2


def test_a_schema_too_deep_is_refused_at_discover_and_poisons_nothing(switchboard, hostile):
    server, console, agent = start(switchboard)
    mcp = add_mcp(console, agent, hostile.base + "/mcp/deep")
    found = console("POST", f"/agents/{agent}/integrations/mcp_server/{mcp}/discover")
    assert found.status_code == 200, found.text
    assert found.json()["data"]["skipped"] == ["deep: the input schema is nested deeper than 64 levels"]
    assert (found.json()["data"]["discovered"], found.json()["data"]["created"]) == (1, 1)
    [plain] = console("GET", f"/agents/{agent}/actions").json()["data"]
    # Output nested deeper than a record keeps is stored as a preview; every read still works.
    nested: list = []
    for _ in range(200):
        nested = [nested]
    ran = console("POST", f"/agents/{agent}/actions/{plain['id']}/execute", json={"arguments": {"q": "x", "n": nested}})
    assert ran.status_code == 200 and ran.json()["data"]["status"] == "succeeded"
    record = console("GET", f"/agents/{agent}/executions/{ran.json()['data']['execution_id']}")
    assert record.status_code == 200 and record.json()["data"]["output"]["truncated"] is True
    assert console("GET", f"/agents/{agent}/executions").status_code == 200
    assert console("POST", f"/agents/{agent}/integrations/mcp_server/{mcp}/discover").status_code == 200
    assert console("GET", f"/agents/{agent}/integrations/mcp_server/{mcp}/tools").status_code == 200


@pytest.mark.parametrize("value", [".", ".."])
def test_a_path_parameter_cannot_step_out_of_the_tools_path(switchboard, standin_api, value):
    server, console, agent = start(switchboard)
    api = add_api(console, agent, standin_api.base)
    tool = add_tool(console, agent, api, name="File", http_method="GET", url_template="/tool/files/{name}/raw",
                    url_params=[{"name": "name", "type": "string", "description": "", "required": True}])
    before = len(standin_api.calls)
    refused = console("POST", f"/agents/{agent}/actions/{tool}/execute", json={"arguments": {"name": value}})
    assert refused.status_code == 400
    assert refused.json()["message"] == ["arguments.name: must not be . or .., which would leave the tool's path"]
    assert len(standin_api.calls) == before
    fine = console("POST", f"/agents/{agent}/actions/{tool}/execute", json={"arguments": {"name": "a..b/c"}}).json()["data"]
    assert fine["status"] == "succeeded" and standin_api.calls[-1]["path"] == "/tool/files/a..b%2Fc/raw"


def test_hop_by_hop_and_proxy_headers_cannot_be_templated(switchboard, standin_api):
    server, console, agent = start(switchboard)
    api = add_api(console, agent, standin_api.base)
    refused = console("POST", f"/agents/{agent}/integrations/custom_api/{api}/tools", json={
        "name": "Smuggle", "http_method": "GET", "url_template": "/tool/x",
        "headers_template": {"Connection": "close", "Upgrade": "h2c", "Proxy-Authorization": "Basic x", "X-Fine": "ok"}})
    assert refused.status_code == 400
    assert refused.json()["message"] == [
        f"headers_template.{name}: {name} is a hop-by-hop, framing or proxy header, which only the server sets"
        for name in ["Connection", "Proxy-Authorization", "Upgrade"]]
    configured = console("POST", f"/agents/{agent}/integrations/custom_api/configure", json={
        "name": "Proxy", "base_url": standin_api.base, "auth_type": "custom",
        "auth_config": {"header_name": "Proxy-Authorization", "token": "x-token"}})
    assert configured.status_code == 400
    assert configured.json()["message"] == ["auth_config.header_name: Proxy-Authorization cannot be set"]


def test_large_integers_pass_through_exactly(switchboard, standin_api, mcp_servers):
    server, console, agent = start(switchboard)
    api = add_api(console, agent, standin_api.base)
    tool = add_tool(console, agent, api, name="Count", http_method="POST", url_template="/tool/count",
                    body_params=[{"name": "n", "type": "integer", "description": "", "required": True}])
    for number in [9007199254740993, 2**63 - 1, -(2**63), 2**64 - 1, 123456789012345678901234567890]:
        ran = console("POST", f"/agents/{agent}/actions/{tool}/execute", content=f'{{"arguments": {{"n": {number}}}}}',
                      headers={"Content-Type": "application/json"})
        assert ran.status_code == 200, ran.text
        assert json.loads(standin_api.calls[-1]["body"]) == {"n": number}
        assert str(number) in standin_api.calls[-1]["body"]
        record = console("GET", f"/agents/{agent}/executions/{ran.json()['data']['execution_id']}").json()["data"]
        assert record["arguments"] == {"n": number}

    url = mcp_servers.start("--tools", "1")
    mcp = add_mcp(console, agent, url)
    console("POST", f"/agents/{agent}/integrations/mcp_server/{mcp}/discover")
    action = next(a["id"] for a in console("GET", f"/agents/{agent}/actions").json()["data"] if a["action_name"] == "tool_0")
    ran = console("POST", f"/agents/{agent}/actions/{action}/execute", json={"arguments": {"q": "x", "n": 2**63 + 7}}).json()["data"]
    assert ran["output"] == {"tool": "tool_0", "arguments": {"q": "x", "n": 2**63 + 7}}
