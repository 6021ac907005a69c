"""Running actions: custom API tools and MCP tools, approvals, the record, the audit log."""

from __future__ import annotations

import json
import threading
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from helpers import Console, add_api, add_tool, new_agent, sdk



@pytest.fixture
def world(switchboard, standin_api):
    switchboard.env["SWITCHBOARD_ALLOWED_PRIVATE_RANGES"] = "127.0.0.0/8"
    switchboard.env["SWITCHBOARD_MCP_REQUEST_TIMEOUT_SECONDS"] = "5"
    server = switchboard.start()
    console = Console(server)
    agent = new_agent(console)
    return server, console, agent


@pytest.mark.parametrize("auth_type,config,header,value", [
    ("none", None, "Authorization", None),
    ("bearer", {"token": "tok-1"}, "Authorization", "Bearer tok-1"),
    ("basic", {"username": "ada", "password": "pw"}, "Authorization", "Basic YWRhOnB3"),
    ("api_key", {"api_key": "k-1"}, "X-API-Key", "k-1"),
    ("custom", {"header_name": "X-Token", "token": "Token t-2"}, "X-Token", "Token t-2"),
])
@pytest.mark.parametrize("method", ["GET", "POST", "PUT", "PATCH", "DELETE"])
def test_a_tool_sends_exactly_what_its_templates_say(world, standin_api, auth_type, config, header, value, method):
    server, console, agent = world
    api = add_api(console, agent, standin_api.base, auth_type, config)
    writes = method in ("POST", "PUT", "PATCH")
    tool = {"name": "Order", "http_method": method, "url_template": "/tool/stores/{store}/orders",
            "url_params": [{"name": "store", "type": "string", "description": "", "required": True},
                           {"name": "limit", "type": "integer", "description": ""}],
            "headers_template": {"X-Store": "store-{{store}}"}, "response_mapping": {"path": "data.items[0].sku"}}
    if writes:
        tool["body_params"] = [{"name": "qty", "type": "integer", "description": "", "required": True},
                               {"name": "note", "type": "string", "description": ""}]
        tool["body_template"] = {"order": {"qty": "{{qty}}", "note": "for {{store}}: {{note}}"}}
    action = add_tool(console, agent, api, **tool)
    arguments = {"store": "a b/c", "limit": 5}
    if writes:
        arguments.update({"qty": 3, "note": "fast"})
    result = console("POST", f"/agents/{agent}/actions/{action}/execute", json={"arguments": arguments})
    assert result.status_code == 200, result.text
    data = result.json()["data"]
    assert data["status"] == "succeeded" and data["output"] == "A1" and data["upstream_status"] == 200
    assert data["execution_id"].startswith("exe_") and isinstance(data["duration_ms"], int)
    call = standin_api.calls[-1]
    url = urlparse(call["path"])
    assert call["method"] == method and url.path == "/tool/stores/a%20b%2Fc/orders"
    assert parse_qs(url.query) == {"limit": ["5"]}
    assert call["headers"].get("X-Store") == "store-a b/c"
    assert call["headers"].get(header) == value
    if writes:
        assert json.loads(call["body"]) == {"order": {"qty": 3, "note": "for a b/c: fast"}}
    else:
        assert call["body"] == ""


def test_remote_failures_are_results_and_arguments_are_checked(world, standin_api):
    server, console, agent = world
    api = add_api(console, agent, standin_api.base)
    failing = add_tool(console, agent, api, name="Fail", http_method="POST", url_template="/status/503",
                       response_mapping={"error_message": "The shop is down"})
    slow = add_tool(console, agent, api, name="Slow", http_method="POST", url_template="/slow", timeout=1)
    picky = add_tool(console, agent, api, name="Picky", http_method="POST", url_template="/tool/x",
                     body_params=[{"name": "qty", "type": "integer", "description": "", "required": True},
                                  {"name": "tags", "type": "array", "description": "", "items": {"type": "string"}}])
    down = console("POST", f"/agents/{agent}/actions/{failing}/execute", json={"arguments": {}}).json()["data"]
    assert (down["status"], down["upstream_status"], down["message"]) == ("failed", 503, "The shop is down")
    late = console("POST", f"/agents/{agent}/actions/{slow}/execute", json={}).json()["data"]
    assert late["status"] == "failed" and late["message"] == "timed out" and late["upstream_status"] is None
    bad = console("POST", f"/agents/{agent}/actions/{picky}/execute", json={"arguments": {"qty": "three", "tags": [1], "extra": True}})
    assert bad.status_code == 400 and bad.json()["message"] == [
        "arguments.extra: is not allowed", "arguments.qty: must be an integer", "arguments.tags[0]: must be a string"]
    missing = console("POST", f"/agents/{agent}/actions/{picky}/execute", json={"arguments": {}})
    assert missing.json()["message"] == ["arguments.qty: is required"]

    console("POST", f"/agents/{agent}/actions/disable", json={"action_ids": [picky]})
    disabled = console("POST", f"/agents/{agent}/actions/{picky}/execute", json={"arguments": {"qty": 1}})
    assert disabled.status_code == 409 and disabled.json()["message"] == "Action is disabled"


def test_a_custom_tool_may_send_a_form_and_name_the_upstreams_error(world, standin_api):
    server, console, agent = world
    api = add_api(console, agent, standin_api.base)
    form = add_tool(console, agent, api, name="Form order", http_method="POST", url_template="/tool/orders", body_format="form",
                    body_params=[{"name": "items", "type": "array", "description": "", "required": True,
                                  "items": {"type": "object", "description": "", "required": ["sku"],
                                            "properties": {"sku": {"type": "string"}, "qty": {"type": "integer", "minimum": 1}}}},
                                 {"name": "note", "type": "string", "description": "", "pattern": "^[a-z &]+$"}])
    ran = console("POST", f"/agents/{agent}/actions/{form}/execute",
                  json={"arguments": {"items": [{"sku": "A1", "qty": 2}, {"sku": "B 2"}], "note": "gift & wrap"}}).json()["data"]
    assert ran["status"] == "succeeded", ran
    call = standin_api.calls[-1]
    assert call["headers"]["Content-Type"] == "application/x-www-form-urlencoded"
    assert parse_qs(call["body"]) == {"items[0][sku]": ["A1"], "items[0][qty]": ["2"], "items[1][sku]": ["B 2"], "note": ["gift & wrap"]}
    bad = console("POST", f"/agents/{agent}/actions/{form}/execute", json={"arguments": {"items": [{"qty": 0}], "note": "Loud"}})
    assert bad.status_code == 400 and bad.json()["message"] == [
        "arguments.items[0].sku: is required", "arguments.items[0].qty: must be at least 1", "arguments.note: must match ^[a-z &]+$"]

    named = add_tool(console, agent, api, name="Refuse", http_method="POST", url_template="/status/422",
                     response_mapping={"error_path": "error.message", "error_message": "Refused"})
    said = console("POST", f"/agents/{agent}/actions/{named}/execute", json={}).json()["data"]
    assert (said["status"], said["message"]) == ("failed", "upstream said no (HTTP 422)")
    wrong = console("POST", f"/agents/{agent}/integrations/custom_api/{api}/tools", json={
        "name": "Bad", "http_method": "GET", "url_template": "/x", "body_format": "xml", "response_mapping": {"error_path": "a..b"},
        "annotations": {"readOnlyHint": "yes", "safeHint": True}})
    assert wrong.status_code == 400 and wrong.json()["message"] == [
        "body_format: must be one of json, form", "response_mapping.error_path: must be dotted names with [index] parts, such as error.message",
        "annotations.readOnlyHint: must be a boolean", "annotations.safeHint: is not allowed"]


def test_secrets_echoed_by_an_api_are_redacted(world, standin_api):
    server, console, agent = world
    api = add_api(console, agent, standin_api.base, "bearer", {"token": "very-secret-token"})
    echo = add_tool(console, agent, api, name="Echo", http_method="GET", url_template="/echo-auth")
    data = console("POST", f"/agents/{agent}/actions/{echo}/execute", json={}).json()["data"]
    assert data["output"] == {"you_sent": "Bearer [redacted]"}
    record = console("GET", f"/agents/{agent}/executions/{data['execution_id']}").json()["data"]
    assert "very-secret-token" not in json.dumps(record)
    assert record["request_line"] == f"GET {standin_api.base}/echo-auth"


def test_mcp_tools_run_and_is_error_is_a_failure(world, mcp_servers):
    server, console, agent = world
    url = mcp_servers.start("--tools", "2")
    mcp = console("POST", f"/agents/{agent}/integrations/mcp_server/configure", json={"name": "Tools", "server_url": url}).json()["data"]["id"]
    console("POST", f"/agents/{agent}/integrations/mcp_server/{mcp}/discover")
    actions = {a["action_name"]: a["id"] for a in console("GET", f"/agents/{agent}/actions").json()["data"]}
    ran = console("POST", f"/agents/{agent}/actions/{actions['tool_1']}/execute", json={"arguments": {"q": "hello"}}).json()["data"]
    assert ran["status"] == "succeeded" and ran["output"] == {"tool": "tool_1", "arguments": {"q": "hello"}}
    refused = console("POST", f"/agents/{agent}/actions/{actions['tool_1']}/execute", json={"arguments": {}})
    assert refused.json()["message"] == ["arguments.q: is required"]


def test_mcp_is_error_results_fail_with_the_servers_text(world, mcp_servers, tmp_path):
    server, console, agent = world
    tools = tmp_path / "tools.json"
    tools.write_text(json.dumps([{"name": "fail", "description": "Always fails", "inputSchema": {"type": "object"}}]))
    url = mcp_servers.start("--tools-file", str(tools))
    mcp = console("POST", f"/agents/{agent}/integrations/mcp_server/configure", json={"name": "Broken", "server_url": url}).json()["data"]["id"]
    console("POST", f"/agents/{agent}/integrations/mcp_server/{mcp}/discover")
    action = console("GET", f"/agents/{agent}/actions").json()["data"][0]["id"]
    failed = console("POST", f"/agents/{agent}/actions/{action}/execute", json={}).json()["data"]
    assert failed["status"] == "failed" and failed["message"] == "the thing broke"


def test_approval_runs_once_and_a_second_decision_conflicts(world, standin_api):
    server, console, agent = world
    api = add_api(console, agent, standin_api.base)
    action = add_tool(console, agent, api, name="Refund", http_method="POST", url_template="/tool/refunds", require_human_approval=True)
    before = len(standin_api.calls)
    waiting = console("POST", f"/agents/{agent}/actions/{action}/execute", json={})
    assert waiting.status_code == 202 and waiting.json()["data"]["status"] == "pending_approval"
    execution = waiting.json()["data"]["execution_id"]
    assert len(standin_api.calls) == before
    pending = console("GET", f"/agents/{agent}/executions?status=pending_approval").json()
    assert [e["id"] for e in pending["data"]] == [execution]

    approved = console("POST", f"/agents/{agent}/executions/{execution}/approve").json()["data"]
    assert approved["status"] == "succeeded" and len(standin_api.calls) == before + 1
    again = console("POST", f"/agents/{agent}/executions/{execution}/reject")
    assert again.status_code == 409 and again.json()["message"] == "Execution has already been decided"

    second = console("POST", f"/agents/{agent}/actions/{action}/execute", json={}).json()["data"]["execution_id"]
    rejected = console("POST", f"/agents/{agent}/executions/{second}/reject").json()["data"]
    assert rejected == {"execution_id": second, "status": "rejected"}
    assert len(standin_api.calls) == before + 1
    record = console("GET", f"/agents/{agent}/executions/{second}").json()["data"]
    assert record["status"] == "rejected" and record["decided_by"].startswith("key_")


def test_parallel_decisions_have_exactly_one_winner(world, standin_api):
    server, console, agent = world
    api = add_api(console, agent, standin_api.base)
    action = add_tool(console, agent, api, name="Pay", http_method="POST", url_template="/tool/pay", require_human_approval=True)
    execution = console("POST", f"/agents/{agent}/actions/{action}/execute", json={}).json()["data"]["execution_id"]
    before = len(standin_api.calls)
    results: list[int] = []
    barrier = threading.Barrier(6)

    def decide(verb: str) -> None:
        barrier.wait()
        results.append(console("POST", f"/agents/{agent}/executions/{execution}/{verb}").status_code)

    threads = [threading.Thread(target=decide, args=(v,)) for v in ["approve", "reject"] * 3]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [200, 409, 409, 409, 409, 409]
    assert len(standin_api.calls) - before in (0, 1)
    final = console("GET", f"/agents/{agent}/executions/{execution}").json()["data"]["status"]
    assert final in ("succeeded", "rejected") and (final == "succeeded") == (len(standin_api.calls) - before == 1)


def test_actions_are_listed_enabled_and_disabled_through_the_sdk(world, standin_api, switchboard):
    server, console, agent = world
    client = sdk(server, server.bootstrap_key)
    api = add_api(console, agent, standin_api.base)
    first = add_tool(console, agent, api, name="One", http_method="GET", url_template="/tool/1")
    second = add_tool(console, agent, api, name="Two", http_method="GET", url_template="/tool/2")
    listed = client.agents.actions.list(agent)
    assert [(a.action_name, a.integration_type, a.is_enabled) for a in listed] == [("one", "custom_api", True), ("two", "custom_api", True)]
    other = new_agent(console, "Bo")
    other_api = add_api(console, other, standin_api.base)
    theirs = add_tool(console, other, other_api, name="Theirs", http_method="GET", url_template="/tool/3")
    assert client.agents.actions.disable(agent, action_ids=[first, second, theirs, "act_nope"]).updated_count == 2
    assert [a.is_enabled for a in client.agents.actions.list(agent)] == [False, False]
    assert client.agents.actions.list(other)[0].is_enabled
    assert client.agents.actions.enable(agent, action_ids=[second]).updated_count == 1
    assert [a.is_enabled for a in client.agents.actions.list(agent)] == [False, True]
    bad = console("POST", f"/agents/{agent}/actions/enable", json={"action_ids": []})
    assert bad.json()["message"] == ["action_ids: must be a list of 1 to 100 action ids"]


def test_the_audit_log_records_every_change_without_secrets(world, standin_api, switchboard):
    server, console, agent = world
    api = add_api(console, agent, standin_api.base, "bearer", {"token": "audit-secret-token"})
    tool = add_tool(console, agent, api, name="Lookup", http_method="GET", url_template="/tool/lookup")
    console("POST", f"/agents/{agent}/actions/{tool}/execute", json={})
    console("PATCH", f"/agents/{agent}", json={"name": "Ada 2"})
    console("POST", f"/agents/{agent}/integrations/custom_api/configure", json={"name": "bad", "base_url": "http://10.0.0.1"})
    switchboard.make_key(switchboard.cli("teams", "list").stdout.split("\t")[0])
    events = console("GET", "/audit-events?limit=100").json()
    actions = [e["action"] for e in events["data"]]
    assert actions[:6] == ["key.create", "integration.configure", "agent.update", "action.execute", "tool.create", "integration.configure"]
    assert events["data"][1]["outcome"] == "failed" and events["data"][1]["status"] == 400
    assert events["data"][4]["target_id"] == tool and events["data"][5]["target_id"] == api
    assert all(e["key_id"].startswith("key_") for e in events["data"][1:6])
    only = console("GET", f"/audit-events?agent_id={agent}&action=tool.create").json()["data"]
    assert [e["target_id"] for e in only] == [tool]
    assert "audit-secret-token" not in json.dumps(events)
    narrow = switchboard.make_key(switchboard.cli("teams", "list").stdout.split("\t")[0], "agents:read")
    refused = httpx.get(f"{console.base}/audit-events", headers={"X-Api-Key": narrow})
    assert refused.status_code == 403 and "audit:read" in refused.json()["message"]
