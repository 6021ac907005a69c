"""Signed webhooks: endpoints and their one-time secrets, events written with the
change that caused them, Standard Webhooks signatures checked by the
`standardwebhooks` package, backoff, retries, and delivery that survives SIGKILL."""

from __future__ import annotations

import signal
import threading
import time

import pytest
from helpers import Console, add_api, add_tool, start_with_agent
from standardwebhooks import Webhook, WebhookVerificationError
from standins.receiver import Receiver

EVENTS = ["execution.pending_approval", "execution.succeeded", "execution.failed", "execution.rejected",
          "integration.connected", "integration.tools_changed", "integration.disconnected"]


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.stop()


def start(board, **env):
    return start_with_agent(board, SWITCHBOARD_WEBHOOK_POLL_SECONDS="0.1", **env)


def subscribe(console, url, events=EVENTS):
    created = console("POST", "/webhooks", json={"url": url, "events": events, "description": "ops"})
    assert created.status_code == 201, created.text
    return created.json()["data"]


def approval_tool(console, agent, standin_api):
    api = add_api(console, agent, standin_api.base)
    return add_tool(console, agent, api, name="Refund", http_method="POST", url_template="/tool/refunds",
                    body_params=[{"name": "note", "type": "string", "description": ""}], body_template={"note": "{{note}}"},
                    require_human_approval=True)


def test_events_arrive_signed_and_say_only_what_happened(switchboard, standin_api, receiver, mcp_servers):
    server, console, agent = start(switchboard)
    hook = subscribe(console, receiver.url)
    secret = hook["secret"]
    assert secret.startswith("whsec_") and len(secret) > 40
    listed = console("GET", "/webhooks").json()["data"]
    assert [h["id"] for h in listed] == [hook["id"]] and "secret" not in listed[0]

    refund = approval_tool(console, agent, standin_api)
    waiting = console("POST", f"/agents/{agent}/actions/{refund}/execute", json={"arguments": {"note": "ARG-SECRET-123"}}).json()["data"]
    receiver.wait_for(lambda: receiver.events("execution.pending_approval"))
    first = receiver.received[0]
    verified = Webhook(secret).verify(first["body"], first["headers"])
    assert verified["type"] == "execution.pending_approval"
    assert verified["data"]["execution_id"] == waiting["execution_id"] and verified["data"]["action_name"] == "refund"
    assert first["headers"]["webhook-id"].startswith("msg_") and b"ARG-SECRET-123" not in first["body"]
    with pytest.raises(WebhookVerificationError):
        Webhook("whsec_" + "A" * 43 + "=").verify(first["body"], first["headers"])  # a receiver with the wrong secret
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(first["body"].replace(b"refund", b"refunx"), first["headers"])  # a body changed on the way

    console("POST", f"/agents/{agent}/executions/{waiting['execution_id']}/approve")
    second = console("POST", f"/agents/{agent}/actions/{refund}/execute", json={"arguments": {}}).json()["data"]
    console("POST", f"/agents/{agent}/executions/{second['execution_id']}/reject")
    receiver.wait_for(lambda: receiver.events("execution.succeeded") and receiver.events("execution.rejected"))

    mcp = console("POST", f"/agents/{agent}/integrations/mcp_server/configure",
                  json={"name": "Guild", "server_url": mcp_servers.start()}).json()["data"]
    console("POST", f"/agents/{agent}/integrations/mcp_server/{mcp['id']}/discover")
    console("DELETE", f"/agents/{agent}/integrations/mcp_server/{mcp['id']}")
    # Deliveries go out concurrently, so the events may arrive in any order: wait for each one asserted on.
    receiver.wait_for(lambda: receiver.events("integration.disconnected") and receiver.events("integration.tools_changed")
                      and receiver.events("integration.connected"))
    [changed] = receiver.events("integration.tools_changed")
    assert changed["data"]["integration_id"] == mcp["id"] and changed["data"]["created"] == 3
    assert [e["data"]["integration_id"] for e in receiver.events("integration.connected")] == [mcp["id"]]
    for received in receiver.received:
        Webhook(secret).verify(received["body"], received["headers"])

    deliveries = console("GET", f"/webhooks/{hook['id']}/deliveries").json()["data"]
    assert len(deliveries) == len(receiver.received) and all(d["status"] == "succeeded" for d in deliveries)
    assert {d["id"] for d in deliveries} == {r["headers"]["webhook-id"] for r in receiver.received}
    assert all(d["history"][0]["status"] == 204 for d in deliveries)

    # A rotated secret signs what comes next; the old one no longer verifies it.
    rotated = console("POST", f"/webhooks/{hook['id']}/rotate-secret").json()["data"]["secret"]
    assert rotated != secret
    console("POST", f"/agents/{agent}/actions/{refund}/execute", json={"arguments": {}})
    receiver.wait_for(lambda: len(receiver.events("execution.pending_approval")) == 3)
    latest = receiver.received[-1]
    Webhook(rotated).verify(latest["body"], latest["headers"])
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(latest["body"], latest["headers"])


def test_a_failing_endpoint_is_retried_with_backoff_and_can_be_retried_by_hand(sqlite_switchboard, standin_api, receiver):
    server, console, agent = start(sqlite_switchboard, SWITCHBOARD_WEBHOOK_RETRY_SECONDS="1,2")
    receiver.mode = "fail"
    hook = subscribe(console, receiver.url, ["execution.pending_approval"])
    refund = approval_tool(console, agent, standin_api)
    console("POST", f"/agents/{agent}/actions/{refund}/execute", json={"arguments": {}})
    receiver.wait_for(lambda: len(receiver.received) == 3, timeout=20)
    times = [r["at"] for r in receiver.received]
    assert times[1] - times[0] >= 0.9 and times[2] - times[1] >= 1.9  # waited 1 s, then 2 s
    assert len({r["headers"]["webhook-id"] for r in receiver.received}) == 1  # one message, the same id every time

    def delivery():
        return console("GET", f"/webhooks/{hook['id']}/deliveries").json()["data"][0]

    deadline = time.monotonic() + 5
    while delivery()["status"] != "failed" and time.monotonic() < deadline:
        time.sleep(0.1)
    failed = delivery()
    assert failed["status"] == "failed" and failed["attempts"] == 3 and failed["last_status"] == 500
    assert [a["status"] for a in failed["history"]] == [500, 500, 500] and "HTTP 500" in failed["last_error"]
    time.sleep(1.5)
    assert len(receiver.received) == 3  # failed is final

    receiver.mode = "ok"
    retried = console("POST", f"/webhooks/{hook['id']}/deliveries/{failed['id']}/retry")
    assert retried.status_code == 200 and retried.json()["data"] == {"id": failed["id"], "status": "pending"}
    receiver.wait_for(lambda: len(receiver.received) == 4)
    assert receiver.received[-1]["headers"]["webhook-id"] == failed["id"]
    deadline = time.monotonic() + 5
    while delivery()["status"] != "succeeded" and time.monotonic() < deadline:
        time.sleep(0.1)
    assert delivery()["status"] == "succeeded"


def test_endpoints_are_validated_and_private_addresses_refused(sqlite_switchboard):
    server, console, _ = start(sqlite_switchboard)  # loopback allowed; other private ranges are not
    private = console("POST", "/webhooks", json={"url": "http://10.1.2.3/hooks", "events": ["execution.failed"]})
    assert private.status_code == 400
    assert private.json()["message"] == ["url: 10.1.2.3 is not allowed (it resolves to an address in the private range)"]
    bad = console("POST", "/webhooks", json={"url": "ftp://x", "events": ["execution.nope"], "enabled": "yes"})
    assert bad.status_code == 400 and len(bad.json()["message"]) == 3
    assert console("POST", "/webhooks", json={"url": "http://127.0.0.1:9/h"}).json()["message"] == ["events: is required"]
    nulls = console("POST", "/webhooks", json={"url": "http://127.0.0.1:9/h", "events": None, "enabled": None})
    assert nulls.status_code == 400 and nulls.json()["message"] == ["events: is required"]  # was a 500
    assert console("GET", "/webhooks/wh_nope").status_code == 404
    with_credentials = console("POST", "/webhooks", json={"url": "https://user:pw@hooks.example.com/in", "events": ["execution.failed"]})
    assert with_credentials.json()["message"] == ["url: must not carry a user name or password"]
    endpoint = console("POST", "/webhooks", json={"url": "http://127.0.0.1:9/plain", "events": ["execution.failed"]}).json()["data"]
    changed = console("PATCH", f"/webhooks/{endpoint['id']}", json={"url": "http://user@127.0.0.1:9/plain"})
    assert changed.status_code == 400 and changed.json()["message"] == ["url: must not carry a user name or password"]
    assert "pw@" not in str(console("GET", "/webhooks").json())
    key = sqlite_switchboard.make_key(sqlite_switchboard.make_team(), "webhooks:read")
    reader = Console(server)
    reader.headers = {"Authorization": f"Bearer {key}"}
    assert reader("GET", "/webhooks").json()["data"] == []  # another team's endpoints are not its own

    # The secret is shown once; a retried create (Idempotency-Key) answers the same, stored sealed.
    body = {"url": "http://127.0.0.1:9/h", "events": ["execution.failed"]}
    created = console("POST", "/webhooks", json=body, headers={"Idempotency-Key": "create-1"})
    replayed = console("POST", "/webhooks", json=body, headers={"Idempotency-Key": "create-1"})
    assert replayed.headers.get("idempotent-replayed") == "true" and replayed.json() == created.json()
    secret = created.json()["data"]["secret"]
    rotated = console("POST", f"/webhooks/{created.json()['data']['id']}/rotate-secret", headers={"Idempotency-Key": "rotate-1"})
    for shown in [secret, rotated.json()["data"]["secret"]]:
        assert shown.encode() not in sqlite_switchboard.database_dump()
        assert shown[6:].encode() not in sqlite_switchboard.database_dump()
    assert reader("POST", "/webhooks", json={"url": "http://127.0.0.1:9/h", "events": ["execution.failed"]}).status_code == 403


def test_committed_events_survive_sigkill_and_are_delivered_with_the_same_id(postgres_switchboard, standin_api, receiver):
    server, console, agent = start(postgres_switchboard)
    subscribe(console, receiver.url, ["execution.pending_approval"])
    refund = approval_tool(console, agent, standin_api)
    receiver.mode = "hang"  # the first delivery is on its way when the process dies
    first = console("POST", f"/agents/{agent}/actions/{refund}/execute", json={"arguments": {}}).json()["data"]
    receiver.wait_for(lambda: len(receiver.received) == 1)
    more = [console("POST", f"/agents/{agent}/actions/{refund}/execute", json={"arguments": {}}).json()["data"] for _ in range(3)]
    server.process.send_signal(signal.SIGKILL)
    server.process.wait()
    hung_id = receiver.received[0]["headers"]["webhook-id"]

    receiver.mode = "ok"
    postgres_switchboard.start()  # the same database and settings
    committed = {e["execution_id"] for e in [first, *more]}
    receiver.wait_for(lambda: {e["data"]["execution_id"] for e in receiver.events()} >= committed
                      and hung_id in [r["headers"]["webhook-id"] for r in receiver.received if r["mode"] == "ok"], timeout=60)
    delivered = [r for r in receiver.received if r["mode"] == "ok"]
    pending_events = [e for e in receiver.events() if e["data"]["execution_id"] in committed]
    assert {e["data"]["execution_id"] for e in pending_events} == committed
    ids = [r["headers"]["webhook-id"] for r in delivered]
    assert len(ids) == len(set(ids))  # once each after the restart
    assert hung_id in ids  # the one cut off is sent again with its id


def test_two_processes_on_one_database_never_send_a_delivery_twice(postgres_switchboard, standin_api, receiver):
    first, console, agent = start(postgres_switchboard)
    second = postgres_switchboard.start()
    subscribe(console, receiver.url, ["execution.pending_approval"])
    refund = approval_tool(console, agent, standin_api)
    threads = [threading.Thread(target=lambda: [console("POST", f"/agents/{agent}/actions/{refund}/execute", json={"arguments": {}})
                                                for _ in range(10)]) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    receiver.wait_for(lambda: len(receiver.received) >= 30, timeout=30)
    time.sleep(1)
    ids = [r["headers"]["webhook-id"] for r in receiver.received]
    assert len(ids) == 30 and len(set(ids)) == 30
    assert second.process.poll() is None


def test_a_slow_endpoint_does_not_hold_up_the_others(sqlite_switchboard, standin_api, receiver):
    server, console, agent = start(sqlite_switchboard)
    stuck = Receiver("hang")
    try:
        subscribe(console, stuck.url, ["execution.pending_approval"])
        subscribe(console, receiver.url, ["execution.pending_approval"])
        refund = approval_tool(console, agent, standin_api)
        for _ in range(3):
            console("POST", f"/agents/{agent}/actions/{refund}/execute", json={"arguments": {}})
        started = time.monotonic()
        receiver.wait_for(lambda: len(receiver.received) == 3, timeout=8)
        assert time.monotonic() - started < 5  # well within the 10 s the stuck endpoint may take
        assert len(stuck.received) == 3
    finally:
        stuck.stop()
