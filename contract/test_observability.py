"""Observability: OpenTelemetry traces exported over OTLP/HTTP to a collector stand-in
(decoded with `opentelemetry-proto`), continuing the caller's `traceparent` and
carried to every upstream; log lines that name their trace; and `/metrics` read
with `prometheus_client`'s own parser."""

from __future__ import annotations

import json
import secrets
import time

import httpx
import pytest
from helpers import Console, add_api, add_tool, modern, post
from prometheus_client.parser import text_string_to_metric_families
from standins.collector import Collector
from standins.receiver import Receiver

BEARER = "TRACE-SECRET-BEARER-5521"
ARGUMENT = "ARGVALUE-8813"
ROUTE = "/api/v1/console/agents/{agentId}/actions/{actionId}/execute"


@pytest.fixture
def collector():
    server = Collector()
    yield server
    server.stop()


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.stop()


def traced_server(board, collector, **env):
    board.env.update({
        "SWITCHBOARD_ALLOWED_PRIVATE_RANGES": "127.0.0.0/8", "SWITCHBOARD_WEBHOOK_POLL_SECONDS": "0.1",
        "OTEL_EXPORTER_OTLP_ENDPOINT": collector.base, "OTEL_EXPORTER_OTLP_PROTOCOL": "http/protobuf",
        "OTEL_SERVICE_NAME": "switchboard-contract", "OTEL_RESOURCE_ATTRIBUTES": "deployment.environment=contract",
        "OTEL_BSP_SCHEDULE_DELAY": "100", **env})
    server = board.start()
    return server, Console(server)


def new_parent() -> tuple[str, str, dict[str, str]]:
    """A caller's trace: its id, its span's id, and the `traceparent` header naming them."""
    trace, span = secrets.token_hex(16), secrets.token_hex(8)
    return trace, span, {"traceparent": f"00-{trace}-{span}-01"}


def one(spans, **where):
    found = [s for s in spans if all((getattr(s, k) if k != "name_prefix" else s.name[:len(v)]) == v for k, v in where.items())]
    assert len(found) == 1, (where, [(s.name, s.kind) for s in spans])
    return found[0]


def sent_traceparent(headers: dict) -> str:
    return {k.lower(): v for k, v in headers.items()}["traceparent"]


def test_a_tool_call_is_one_trace_from_the_callers_span_to_the_upstream(switchboard, collector, standin_api, mcp_servers, tmp_path):
    server, console = traced_server(switchboard, collector)
    agent = console("POST", "/agents", json={"workflow_id": "wf_PublicCustomerSupport001", "name": "Ada", "description": "x"}).json()["data"]["id"]
    api = add_api(console, agent, standin_api.base, "bearer", {"token": BEARER})
    lookup = add_tool(console, agent, api, name="Lookup order", http_method="GET", url_template="/tool/orders/{id}",
                      url_params=[{"name": "id", "type": "string", "description": "Order id", "required": True}])

    # REST execute of a custom API tool, continuing the caller's trace.
    trace, parent, header = new_parent()
    ran = console("POST", f"/agents/{agent}/actions/{lookup}/execute", headers=header, json={"arguments": {"id": ARGUMENT}})
    assert ran.status_code == 200 and ran.json()["data"]["status"] == "succeeded", ran.text
    collector.wait_for(lambda: len(collector.trace(trace)) >= 3)
    spans = collector.trace(trace)
    request = one(spans, kind="server")
    assert request.name == f"POST {ROUTE}" and request.parent_id == parent
    assert request.service == "switchboard-contract" and request.resource["deployment.environment"] == "contract"
    attributes = request.attributes
    assert attributes["http.request.method"] == "POST" and attributes["http.route"] == ROUTE
    assert attributes["http.response.status_code"] == 200 and attributes["url.scheme"] == "http"
    assert attributes["server.address"] == "127.0.0.1" and attributes["client.address"] == "127.0.0.1"
    assert attributes["switchboard.agent_id"] == agent and attributes["switchboard.team_id"].startswith("team_")
    assert attributes["switchboard.request_id"] == ran.headers["x-request-id"] and "user_agent.original" in attributes
    run = one(spans, kind="internal")
    assert run.name == "execute lookup_order" and run.parent_id == request.span_id
    assert run.attributes["switchboard.action.id"] == lookup and run.attributes["switchboard.integration.id"] == api
    assert run.attributes["switchboard.integration.type"] == "custom_api" and run.attributes["switchboard.execution.source"] == "api"
    assert run.attributes["switchboard.execution.status"] == "succeeded" and run.status == "unset"
    call = one(spans, kind="client")
    assert call.name == "GET" and call.parent_id == run.span_id
    assert call.attributes["http.response.status_code"] == 200 and call.attributes["server.port"] == standin_api.port
    assert call.attributes["url.full"] == f"{standin_api.base}/tool/orders/{{id}}"  # the template: the path held the argument
    [(path, headers)] = [r for r in standin_api.requests if ARGUMENT in r[0]]
    assert sent_traceparent(headers).split("-")[1:3] == [trace, call.span_id]

    # An MCP tool, run through the MCP client: the upstream's request carries the trace too.
    log = tmp_path / "requests.log"
    mcp = console("POST", f"/agents/{agent}/integrations/mcp_server/configure",
                  json={"name": "Guild", "server_url": mcp_servers.start("--requests-log", str(log))}).json()["data"]
    assert console("POST", f"/agents/{agent}/integrations/mcp_server/{mcp['id']}/discover").status_code == 200
    tool = {a["action_name"]: a["id"] for a in console("GET", f"/agents/{agent}/actions").json()["data"]}["tool_1"]
    trace, parent, header = new_parent()
    ran = console("POST", f"/agents/{agent}/actions/{tool}/execute", headers=header, json={"arguments": {"q": ARGUMENT}})
    assert ran.json()["data"]["status"] == "succeeded", ran.text
    collector.wait_for(lambda: {"client", "internal", "server"} <= {s.kind for s in collector.trace(trace)}
                       and any(s.attributes.get("mcp.method.name") == "tools/call" for s in collector.trace(trace)))
    spans = collector.trace(trace)
    run = one(spans, name="execute tool_1")
    assert run.attributes["switchboard.integration.type"] == "mcp_server" and run.parent_id == one(spans, kind="server").span_id
    mcp_call = one(spans, kind="client", name_prefix="tools/call")
    assert mcp_call.parent_id == run.span_id and mcp_call.attributes["http.request.method"] == "POST"
    upstream = [json.loads(line) for line in log.read_text().splitlines()]
    assert any(r["headers"].get("mcp-method") == "tools/call" and r["headers"]["traceparent"].split("-")[1] == trace for r in upstream)

    # The gateway's tools/call: the MCP span wraps the same run.
    trace, parent, header = new_parent()
    body, extra = modern("tools/call", {"name": "lookup_order", "arguments": {"id": ARGUMENT}})
    answer = post(f"{server.base_url}/api/v1/console/agents/{agent}/mcp", server.bootstrap_key, body, headers={**extra, **header})
    assert answer.status_code == 200 and answer.json()["result"]["isError"] is False, answer.text
    collector.wait_for(lambda: len(collector.trace(trace)) >= 4)
    spans = collector.trace(trace)
    request = one(spans, kind="server")
    assert request.name == "POST /api/v1/console/agents/{agentId}/mcp" and request.parent_id == parent
    gateway = one(spans, name="tools/call lookup_order")
    assert gateway.parent_id == request.span_id and gateway.attributes["mcp.method.name"] == "tools/call"
    run = one(spans, name="execute lookup_order")
    assert run.parent_id == gateway.span_id and run.attributes["switchboard.execution.source"] == "mcp"
    assert one(spans, kind="client").parent_id == run.span_id

    # Nothing secret, no argument and no output in any exported byte.
    exported = collector.everything
    for planted in (BEARER, ARGUMENT, "ord_1", server.bootstrap_key):
        assert planted.encode() not in exported, planted


def test_an_approval_and_the_webhook_it_causes_join_the_approvers_trace(switchboard, collector, standin_api, receiver):
    server, console = traced_server(switchboard, collector)
    agent = console("POST", "/agents", json={"workflow_id": "wf_PublicCustomerSupport001", "name": "Ada", "description": "x"}).json()["data"]["id"]
    hook = console("POST", "/webhooks", json={"url": receiver.url, "events": ["execution.succeeded", "execution.failed"]})
    assert hook.status_code == 201, hook.text
    api = add_api(console, agent, standin_api.base)
    refund = add_tool(console, agent, api, name="Refund", http_method="POST", url_template="/status/500",
                      body_params=[{"name": "note", "type": "string", "description": ""}], body_template={"note": "{{note}}"},
                      require_human_approval=True)
    waiting = console("POST", f"/agents/{agent}/actions/{refund}/execute", json={"arguments": {"note": ARGUMENT}}).json()["data"]
    assert waiting["status"] == "pending_approval"

    trace, parent, header = new_parent()
    decided = console("POST", f"/agents/{agent}/executions/{waiting['execution_id']}/approve", headers=header)
    assert decided.status_code == 200 and decided.json()["data"]["status"] == "failed", decided.text
    receiver.wait_for(lambda: receiver.events("execution.failed"))
    # The delivery may be sent before the approval's own spans are exported: wait for both.
    collector.wait_for(lambda: {"deliver execution.failed", "approve"} <= {s.name for s in collector.trace(trace)}
                       and any(s.kind == "server" for s in collector.trace(trace)))
    spans = collector.trace(trace)
    request = one(spans, kind="server")
    assert request.parent_id == parent and request.attributes["http.route"].endswith("/executions/{executionId}/approve")
    approval = one(spans, name="approve")
    assert approval.parent_id == request.span_id and approval.status == "error"
    assert approval.attributes["switchboard.execution.status"] == "failed" and approval.attributes["switchboard.action.id"] == refund
    upstream = [s for s in spans if s.kind == "client" and s.parent_id == approval.span_id]
    assert len(upstream) == 1 and upstream[0].attributes["http.response.status_code"] == 500 and upstream[0].status == "error"

    # The delivery, sent later by the webhook sender, continues the trace of the approval that caused it.
    delivery = one(spans, name="deliver execution.failed")
    assert delivery.kind == "producer" and delivery.attributes["switchboard.webhook.attempt"] == 1
    posted = one(spans, kind="client", parent_id=delivery.span_id)
    assert posted.attributes["http.response.status_code"] == 204
    [arrived] = [r for r in receiver.received if json.loads(r["body"])["type"] == "execution.failed"]
    assert sent_traceparent(arrived["headers"]).split("-")[1:3] == [trace, posted.span_id]
    assert ARGUMENT.encode() not in collector.everything and b"whsec_" not in collector.everything


def test_the_callers_own_opentelemetry_span_is_the_parent_of_the_server_span(sqlite_switchboard, collector):
    from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    server, console = traced_server(sqlite_switchboard, collector)
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    with httpx.Client() as client:
        HTTPXClientInstrumentor.instrument_client(client, tracer_provider=provider)
        listed = client.get(f"{console.base}/agents", headers=console.headers)
    assert listed.status_code == 200
    [mine] = exporter.get_finished_spans()
    trace = format(mine.context.trace_id, "032x")
    collector.wait_for(lambda: collector.trace(trace))
    [theirs] = collector.trace(trace)
    assert theirs.kind == "server" and theirs.name == "GET /api/v1/console/agents"
    assert theirs.parent_id == format(mine.context.span_id, "016x")


def test_log_lines_of_a_traced_request_name_their_trace(sqlite_switchboard, collector):
    server, console = traced_server(sqlite_switchboard, collector, SWITCHBOARD_LOG_FORMAT="json")
    trace, parent, header = new_parent()
    assert console("GET", "/agents", headers=header).status_code == 200
    collector.wait_for(lambda: collector.trace(trace))
    [span] = collector.trace(trace)

    def access_line():
        for line in (server.cwd / "stderr.log").read_text().splitlines():
            entry = json.loads(line) if line.startswith("{") else {}
            if entry.get("message") == "request" and entry.get("trace_id") == trace:
                return entry
        return None

    deadline = time.monotonic() + 15
    while access_line() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    entry = access_line()
    assert entry is not None and entry["span_id"] == span.span_id and entry["path"] == "/api/v1/console/agents"
    # Without a caller's trace a request starts one of its own; the log still names it.
    untraced = console("GET", "/agents")
    server.stop()
    lines = [json.loads(line) for line in (server.cwd / "stderr.log").read_text().splitlines() if line.startswith("{")]
    [own] = [e for e in lines if e.get("request_id") == untraced.headers["x-request-id"]]
    assert len(own["trace_id"]) == 32 and own["trace_id"] != trace


def test_an_unsupported_export_protocol_is_a_configuration_error(sqlite_switchboard):
    sqlite_switchboard.env.update({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4317", "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc"})
    failed = sqlite_switchboard.cli("serve", check=False)
    assert failed.returncode == 78 and "OTEL_EXPORTER_OTLP_PROTOCOL" in failed.stderr


def metrics(server) -> dict:
    text = httpx.get(f"{server.base_url}/metrics", timeout=30).text
    families = {f.name: f for f in text_string_to_metric_families(text)}
    for name in families:
        assert f"# HELP {name if families[name].type != 'counter' else name + '_total'} " in text, name
    return families


def value(families, name, sample=None, **labels) -> float:
    family = families[name]
    sample = sample or (name + "_total" if family.type == "counter" else name)
    found = [s.value for s in family.samples if s.name == sample and all(s.labels.get(k) == v for k, v in labels.items())]
    assert len(found) == 1, (name, labels, [s for s in family.samples if s.name == sample])
    return found[0]


def test_metrics_count_runs_upstreams_deliveries_and_refusals_with_bounded_labels(switchboard, standin_api, receiver):
    switchboard.env.update({"SWITCHBOARD_ALLOWED_PRIVATE_RANGES": "127.0.0.0/8", "SWITCHBOARD_WEBHOOK_POLL_SECONDS": "0.1"})
    server = switchboard.start()
    console = Console(server)
    agent = console("POST", "/agents", json={"workflow_id": "wf_PublicCustomerSupport001", "name": "Ada", "description": "x"}).json()["data"]["id"]
    assert console("POST", "/webhooks", json={"url": receiver.url, "events": ["execution.succeeded"]}).status_code == 201
    api = add_api(console, agent, standin_api.base)
    ok = add_tool(console, agent, api, name="Ok", http_method="GET", url_template="/tool/ok")
    broken = add_tool(console, agent, api, name="Broken", http_method="POST", url_template="/status/502")
    gated = add_tool(console, agent, api, name="Gated", http_method="POST", url_template="/tool/gated", require_human_approval=True)
    for _ in range(3):
        assert console("POST", f"/agents/{agent}/actions/{ok}/execute", json={}).json()["data"]["status"] == "succeeded"
    assert console("POST", f"/agents/{agent}/actions/{broken}/execute", json={}).json()["data"]["status"] == "failed"
    body, extra = modern("tools/call", {"name": "ok", "arguments": {}})
    assert post(f"{server.base_url}/api/v1/console/agents/{agent}/mcp", server.bootstrap_key, body, headers=extra).status_code == 200
    pending = [console("POST", f"/agents/{agent}/actions/{gated}/execute", json={}).json()["data"] for _ in range(2)]
    # The guard refuses the cloud metadata address (link-local) even though loopback is allowed.
    refused = console("POST", f"/agents/{agent}/integrations/custom_api/configure",
                      json={"name": "Metadata", "base_url": "http://169.254.169.254", "auth_type": "none",
                            "test_endpoint": "/latest/meta-data"})
    assert refused.status_code == 400, refused.text
    receiver.wait_for(lambda: len(receiver.events("execution.succeeded")) == 4)
    deadline = time.monotonic() + 15
    while value(metrics(server), "switchboard_webhook_deliveries", outcome="success") < 4 and time.monotonic() < deadline:
        time.sleep(0.1)

    families = metrics(server)
    runs = "switchboard_action_executions"
    assert value(families, runs, integration_type="custom_api", source="api", status="succeeded") == 3
    assert value(families, runs, integration_type="custom_api", source="api", status="failed") == 1
    assert value(families, runs, integration_type="custom_api", source="mcp", status="succeeded") == 1
    assert value(families, runs, integration_type="custom_api", source="api", status="pending_approval") == 2
    assert value(families, "switchboard_action_duration_seconds", "switchboard_action_duration_seconds_count",
                 integration_type="custom_api") == 5
    assert value(families, "switchboard_upstream_requests", integration_type="custom_api", outcome="success") == 4
    assert value(families, "switchboard_upstream_requests", integration_type="custom_api", outcome="http_error") == 1
    assert value(families, "switchboard_upstream_request_duration_seconds", "switchboard_upstream_request_duration_seconds_count",
                 integration_type="custom_api") == 5
    assert value(families, "switchboard_webhook_deliveries", outcome="success") == 4
    assert value(families, "switchboard_approvals_pending") == 2
    assert value(families, "switchboard_gateway_streams") == 0
    assert value(families, "switchboard_outbound_refusals", reason="link-local") == 1
    assert value(families, "switchboard_log_lines_dropped") == 0
    assert value(families, "process_cpu_seconds") > 0 and value(families, "process_resident_memory_bytes") > 1 << 20
    assert value(families, "process_open_fds") > 0 and value(families, "process_start_time_seconds") > 1.7e9
    # No label holds an id.
    for family in families.values():
        for sample in family.samples:
            assert not any(v.startswith(("agt_", "act_", "int_", "exe_", "team_", "key_")) for v in sample.labels.values()), sample

    console("POST", f"/agents/{agent}/executions/{pending[0]['execution_id']}/reject")
    assert value(metrics(server), "switchboard_approvals_pending") == 1


def test_hostile_trace_headers_start_a_trace_of_our_own(sqlite_switchboard, collector):
    server, console = traced_server(sqlite_switchboard, collector)
    hostile = {
        "malformed": {"traceparent": "00-not-a-trace-01", "tracestate": "=,=,="},
        "all zero": {"traceparent": f"00-{'0' * 32}-{'0' * 16}-01"},
        "huge": {"traceparent": "00-" + "a" * 8000, "tracestate": ",".join(f"k{i}=v{i}" for i in range(2000))},
        "unknown version": {"traceparent": f"ff-{secrets.token_hex(16)}-{secrets.token_hex(8)}-01"},
    }
    ids = {}
    for name, headers in hostile.items():
        answer = console("GET", "/agents", headers=headers)
        assert answer.status_code == 200, (name, answer.text)
        ids[answer.headers["x-request-id"]] = name
    collector.wait_for(lambda: {s.attributes.get("switchboard.request_id") for s in collector.spans} >= set(ids))
    for span in collector.spans:
        if span.attributes.get("switchboard.request_id") in ids:
            assert span.parent_id == "" and span.trace_id != "0" * 32, ids[span.attributes["switchboard.request_id"]]
    assert httpx.get(f"{server.base_url}/health").status_code == 200


def test_a_collector_that_never_answers_costs_spans_not_requests(sqlite_switchboard, hostile):
    sqlite_switchboard.env.update({"OTEL_EXPORTER_OTLP_ENDPOINT": f"{hostile.base}/trickle", "OTEL_BSP_SCHEDULE_DELAY": "100",
                                   "OTEL_EXPORTER_OTLP_TIMEOUT": "2000", "OTEL_BSP_EXPORT_TIMEOUT": "3000"})
    server = sqlite_switchboard.start()
    console = Console(server)
    for _ in range(50):
        assert console("GET", "/agents").status_code == 200
    time.sleep(1)
    assert console("GET", "/agents").status_code == 200
    started = time.monotonic()
    log = server.stop()
    assert server.process.returncode == 0 and time.monotonic() - started < 15, log[-2000:]
    assert server.bootstrap_key not in log


def test_a_stalled_log_reader_costs_lines_not_requests(sqlite_switchboard):
    """Standard error is a pipe nobody reads: once it is full, the log writer blocks, its
    queue fills, and further lines are dropped and counted while requests are served."""
    import subprocess
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from conftest import BIN, free_port

    env = {**sqlite_switchboard.env, "SWITCHBOARD_PORT": str(free_port())}
    process = subprocess.Popen([BIN, "serve"], cwd=sqlite_switchboard.cwd, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        listening = process.stdout.readline()
        while "listening on http://" not in listening:
            assert listening, "the server did not start"
            listening = process.stdout.readline()
        threading.Thread(target=lambda: process.stdout.read(), daemon=True).start()
        base = listening.split("listening on ")[1].split()[0]

        def hammer(_):
            with httpx.Client(timeout=30) as client:
                return [client.get(f"{base}/health").status_code for _ in range(2500)]

        with ThreadPoolExecutor(8) as pool:
            statuses = [s for batch in pool.map(hammer, range(8)) for s in batch]
        assert statuses == [200] * 20000
        families = {f.name: f for f in text_string_to_metric_families(httpx.get(f"{base}/metrics").text)}
        dropped = families["switchboard_log_lines_dropped"].samples[0].value
        assert dropped > 0
        process.terminate()
        # What is still queued is written once the reader reads again; the process then ends.
        written = process.stderr.read()
        assert process.wait(timeout=30) == 0
        assert written.count(" request ") + dropped >= 20000
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_an_upstream_that_echoes_a_secret_puts_it_in_no_span(sqlite_switchboard, collector, hostile):
    """Errors are in spans as a status, never as their text: an upstream's error may quote the key it was sent."""
    from test_hostile import add_mcp

    server, console = traced_server(sqlite_switchboard, collector)
    agent = console("POST", "/agents", json={"workflow_id": "wf_PublicCustomerSupport001", "name": "Ada", "description": "x"}).json()["data"]["id"]
    token = "traced-echo-token-0123456789"
    mcp = add_mcp(console, agent, hostile.base + "/mcp/echo", token=token)
    assert console("POST", f"/agents/{agent}/integrations/mcp_server/{mcp}/discover").status_code == 200
    actions = {a["action_name"].rsplit("_", 1)[-1]: a["id"]
               for a in console("GET", f"/agents/{agent}/actions").json()["data"] if a["integration_id"] == mcp}
    assert console("POST", f"/agents/{agent}/actions/{actions['echo']}/execute", json={}).json()["data"]["status"] == "succeeded"
    assert console("POST", f"/agents/{agent}/actions/{actions['fail']}/execute", json={}).json()["data"]["status"] == "failed"
    hostile.list_error = True
    trace, parent, header = new_parent()
    refused = console("POST", f"/agents/{agent}/integrations/mcp_server/{mcp}/discover", headers=header)
    assert refused.status_code == 400 and "[redacted]" in refused.json()["message"]
    collector.wait_for(lambda: any(s.kind == "client" and s.status == "error" for s in collector.trace(trace))
                       and any(s.kind == "server" for s in collector.trace(trace)))
    assert token.encode() not in collector.everything
