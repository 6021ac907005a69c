"""First-party catalogs: connecting a provider gives the agent its actions, run in the provider's own wire format."""

from __future__ import annotations

import time

import httpx
import pytest
from helpers import Console, PUBLIC_SUPPORT, consent, sdk, shop_with_providers

STRIPE_KEY = "sk_test_51CatalogStripeSecretKey00000000000"
PAYSTACK_KEY = "sk_test_catalogpaystacksecret0000000000000"
BUMPA_TOKEN = "bumpa-catalog-token-00000000000000000000"


@pytest.fixture
def shop(switchboard, providers):
    """A server wired to the provider stand-ins, with Stripe, Paystack and Bumpa keys they accept."""
    providers.state.stripe_keys.add(STRIPE_KEY)
    providers.state.paystack_keys.add(PAYSTACK_KEY)
    providers.state.bumpa_tokens.add(BUMPA_TOKEN)
    # The refresher only calls refresh in these tests.
    server, client, agent = shop_with_providers(switchboard, providers, SWITCHBOARD_OAUTH_REFRESH_INTERVAL_SECONDS="3600")
    return server, client, Console(server), agent


def actions_of(console, agent) -> dict[str, dict]:
    response = console("GET", f"/agents/{agent}/actions")
    assert response.status_code == 200
    return {action["action_name"]: action for action in response.json()["data"]}


def execute(console, agent, action_id, **arguments) -> tuple[int, dict]:
    response = console("POST", f"/agents/{agent}/actions/{action_id}/execute", json={"arguments": arguments})
    return response.status_code, response.json().get("data") or response.json()


def problem_paths(response: httpx.Response) -> set[str]:
    assert response.status_code == 400 and response.json()["code"] == "validation_error", response.text
    return {problem.split(": ", 1)[0] for problem in response.json()["message"]}


def test_stripe_brings_its_catalog_and_speaks_form_encoding(shop, providers):
    server, client, console, agent = shop
    channel = client.agents.integrations.bimpeai.configure(agent, type="stripe", secret_key=STRIPE_KEY).channel_id
    actions = actions_of(console, agent)
    assert list(actions) == ["create_payment_link", "list_customers", "search_customers", "create_customer", "retrieve_balance",
                             "create_refund"]
    assert all(a["integration_id"] == channel and a["is_enabled"] and a["integration_type"] == "stripe" for a in actions.values())
    assert [name for name, a in actions.items() if a["require_human_approval"]] == ["create_refund"]
    listed = client.agents.integrations.list(agent)[0]
    assert [(a.action_name, a.category) for a in listed.actions] == [(name, "payments") for name in actions]

    status, run = execute(console, agent, actions["create_payment_link"]["id"],
                          line_items=[{"price": "price_1Coffee", "quantity": 2}, {"price": "price_2Mug", "quantity": 1}],
                          metadata={"order": "A-17"})
    assert status == 200 and run["status"] == "succeeded", run
    assert run["output"]["url"].startswith("https://buy.stripe.com/test_plink_")
    sent = providers.state.received("stripe")[-1]
    assert (sent.method, sent.path) == ("POST", "/v1/payment_links")
    assert sent.headers["authorization"] == f"Bearer {STRIPE_KEY}"
    assert sent.headers["content-type"] == "application/x-www-form-urlencoded"
    assert sent.form == {"line_items[0][price]": "price_1Coffee", "line_items[0][quantity]": "2",
                         "line_items[1][price]": "price_2Mug", "line_items[1][quantity]": "1", "metadata[order]": "A-17"}

    status, run = execute(console, agent, actions["search_customers"]["id"], query="email:'jenny.rosen@example.com'", limit=5)
    assert run["status"] == "succeeded" and run["output"]["data"][0]["id"] == "cus_NffrFeUfNV2Hib"
    sent = providers.state.received("stripe")[-1]
    assert (sent.method, sent.path, sent.query) == ("GET", "/v1/customers/search", {"query": "email:'jenny.rosen@example.com'", "limit": "5"})
    assert sent.body == b""

    status, run = execute(console, agent, actions["create_customer"]["id"], email="ada@example.com", name="Ada")
    assert run["status"] == "succeeded" and run["output"]["email"] == "ada@example.com"
    assert providers.state.received("stripe")[-1].form == {"email": "ada@example.com", "name": "Ada"}
    status, run = execute(console, agent, actions["list_customers"]["id"], email="jenny.rosen@example.com")
    assert run["status"] == "succeeded" and providers.state.received("stripe")[-1].query == {"email": "jenny.rosen@example.com"}
    status, run = execute(console, agent, actions["retrieve_balance"]["id"])
    assert run["status"] == "succeeded" and run["output"]["available"][0]["amount"] == 1250

    # The agent's MCP gateway shows what each action does to the account.
    gateway = f"{server.base_url}/api/v1/console/agents/{agent}/mcp"
    headers = {**console.headers, "Accept": "application/json, text/event-stream"}
    opened = httpx.post(gateway, headers=headers, json={"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}})
    headers |= {"Mcp-Session-Id": opened.headers["mcp-session-id"], "MCP-Protocol-Version": "2025-06-18"}
    tools = httpx.post(gateway, headers=headers, json={"jsonrpc": "2.0", "id": 2, "method": "tools/list"}).json()["result"]["tools"]
    hints = {tool["name"]: tool.get("annotations") for tool in tools}
    assert hints["create_refund"] == {"readOnlyHint": False, "destructiveHint": True}
    assert hints["retrieve_balance"] == {"readOnlyHint": True, "destructiveHint": False}
    assert hints["create_customer"] == {"readOnlyHint": False, "destructiveHint": False}

    # Bad arguments are named before anything is sent.
    before = len(providers.state.calls)
    bad = console("POST", f"/agents/{agent}/actions/{actions['create_payment_link']['id']}/execute",
                  json={"arguments": {"line_items": [{"price": "coffee", "quantity": 0}]}})
    assert problem_paths(bad) == {"arguments.line_items[0].price", "arguments.line_items[0].quantity"}
    # A key with brackets would read as another nesting in the form (metadata[a][b]); it is refused, named.
    bracketed = console("POST", f"/agents/{agent}/actions/{actions['create_payment_link']['id']}/execute",
                        json={"arguments": {"line_items": [{"price": "price_1Coffee", "quantity": 1}],
                                            "metadata": {"a][b": "1", "ok": "2", "c[": "3"}}})
    assert problem_paths(bracketed) == {"arguments.metadata"}
    assert sorted(bracketed.json()["message"]) == [
        'arguments.metadata: the key "a][b" holds [ or ], which a form body cannot send',
        'arguments.metadata: the key "c[" holds [ or ], which a form body cannot send']
    assert len(providers.state.calls) == before


def test_a_refund_waits_for_approval_and_stripe_errors_are_told(shop, providers):
    server, client, console, agent = shop
    client.agents.integrations.bimpeai.configure(agent, type="stripe", secret_key=STRIPE_KEY)
    refund = actions_of(console, agent)["create_refund"]["id"]
    before = len(providers.state.received("stripe"))
    response = console("POST", f"/agents/{agent}/actions/{refund}/execute",
                       json={"arguments": {"payment_intent": "pi_3MtwBw", "amount": 500, "reason": "requested_by_customer"}})
    assert response.status_code == 202 and response.json()["data"]["status"] == "pending_approval"
    assert len(providers.state.received("stripe")) == before  # nothing sent yet
    approved = console("POST", f"/agents/{agent}/executions/{response.json()['data']['execution_id']}/approve")
    assert approved.status_code == 200 and approved.json()["data"]["status"] == "succeeded", approved.text
    sent = providers.state.received("stripe")[-1]
    assert (sent.method, sent.path) == ("POST", "/v1/refunds")
    assert sent.form == {"payment_intent": "pi_3MtwBw", "amount": "500", "reason": "requested_by_customer"}
    assert approved.json()["data"]["output"]["status"] == "succeeded"

    missing = console("POST", f"/agents/{agent}/actions/{refund}/execute", json={"arguments": {"payment_intent": "pi_missing"}})
    result = console("POST", f"/agents/{agent}/executions/{missing.json()['data']['execution_id']}/approve").json()["data"]
    assert result["status"] == "failed" and result["upstream_status"] == 404
    assert result["message"] == "No such payment_intent: 'pi_missing' (HTTP 404)"
    assert result["output"]["error"]["code"] == "resource_missing"
    bad = console("POST", f"/agents/{agent}/actions/{refund}/execute", json={"arguments": {"reason": "bored"}})
    assert bad.status_code == 400 and bad.json()["message"] == ["arguments.reason: must be one of the allowed values"]


def test_reconnecting_keeps_the_actions_and_disconnecting_removes_them(shop, providers):
    server, client, console, agent = shop
    channel = client.agents.integrations.bimpeai.configure(agent, type="paystack", secret_key=PAYSTACK_KEY).channel_id
    first = actions_of(console, agent)
    disabled = first["create_payment_page"]["id"]
    assert console("POST", f"/agents/{agent}/actions/disable", json={"action_ids": [disabled]}).status_code == 200
    # Configuring again (new key) keeps the same actions, as the person left them.
    providers.state.paystack_keys.add("sk_test_secondpaystackkey000000000000000")
    client.agents.integrations.bimpeai.configure(agent, type="paystack", secret_key="sk_test_secondpaystackkey000000000000000")
    again = actions_of(console, agent)
    assert {n: a["id"] for n, a in again.items()} == {n: a["id"] for n, a in first.items()}
    assert not again["create_payment_page"]["is_enabled"] and again["verify_transaction"]["is_enabled"]
    # A failed reconfigure changes nothing either.
    rejected = console("POST", f"/agents/{agent}/integrations/bimpeai/configure", json={"type": "paystack", "secret_key": "sk_test_wrongwrong"})
    assert rejected.status_code == 400 and actions_of(console, agent) == again

    client.agents.integrations.bimpeai.disconnect(agent, channel)
    assert actions_of(console, agent) == {}
    gone = console("POST", f"/agents/{agent}/actions/{disabled}/execute", json={"arguments": {}})
    assert gone.status_code == 404
    client.agents.integrations.bimpeai.configure(agent, type="paystack", secret_key=PAYSTACK_KEY)
    back = actions_of(console, agent)
    assert list(back) == list(first) and not set(a["id"] for a in back.values()) & set(a["id"] for a in first.values())


def test_paystack_actions_send_json_and_map_its_envelope(shop, providers):
    server, client, console, agent = shop
    client.agents.integrations.bimpeai.configure(agent, type="paystack", secret_key=PAYSTACK_KEY)
    actions = actions_of(console, agent)
    assert list(actions) == ["initialize_transaction", "verify_transaction", "list_transactions", "fetch_customer", "create_payment_page"]
    assert not any(a["require_human_approval"] for a in actions.values())

    status, run = execute(console, agent, actions["initialize_transaction"]["id"], email="ada@example.com", amount=500000,
                          currency="NGN", reference="order-17", callback_url="https://shop.example.com/paid")
    assert run["status"] == "succeeded", run
    assert run["output"] == {"authorization_url": "https://checkout.paystack.com/order-17", "access_code": "0peioxfhpn", "reference": "order-17"}
    sent = providers.state.received("paystack")[-1]
    assert (sent.method, sent.path, sent.headers["content-type"]) == ("POST", "/transaction/initialize", "application/json")
    assert sent.headers["authorization"] == f"Bearer {PAYSTACK_KEY}"
    assert sent.json == {"email": "ada@example.com", "amount": 500000, "currency": "NGN", "reference": "order-17",
                         "callback_url": "https://shop.example.com/paid"}

    status, run = execute(console, agent, actions["verify_transaction"]["id"], reference="order-17")
    assert run["status"] == "succeeded" and run["output"]["status"] == "success"
    assert providers.state.received("paystack")[-1].path == "/transaction/verify/order-17"
    status, run = execute(console, agent, actions["verify_transaction"]["id"], reference="unknown-ref")
    assert run["status"] == "failed" and run["message"] == "Transaction reference not found (HTTP 400)"
    status, run = execute(console, agent, actions["list_transactions"]["id"], perPage=20, status="success",
                          **{"from": "2026-11-01T00:00:00Z"})
    assert run["status"] == "succeeded" and run["output"][0]["reference"] == "re4lyvq3s3"
    assert providers.state.received("paystack")[-1].query == {"perPage": "20", "status": "success", "from": "2026-11-01T00:00:00Z"}
    status, run = execute(console, agent, actions["fetch_customer"]["id"], email_or_code="nobody@example.com")
    assert run["status"] == "failed" and run["message"] == "Customer not found (HTTP 404)"
    status, run = execute(console, agent, actions["create_payment_page"]["id"], name="Dresses", amount=250000)
    assert run["status"] == "succeeded" and providers.state.received("paystack")[-1].json == {"name": "Dresses", "amount": 250000}

    bad = console("POST", f"/agents/{agent}/actions/{actions['initialize_transaction']['id']}/execute",
                  json={"arguments": {"email": "not-an-email", "amount": "5000", "currency": "EUR"}})
    assert problem_paths(bad) == {"arguments.email", "arguments.amount", "arguments.currency"}


def test_bumpa_actions_and_their_errors(shop, providers):
    server, client, console, agent = shop
    client.agents.integrations.bimpeai.configure(agent, type="bumpa", token=BUMPA_TOKEN)
    actions = actions_of(console, agent)
    assert list(actions) == ["list_orders", "get_order", "list_products"]
    status, run = execute(console, agent, actions["list_orders"]["id"], page=2, status="paid")
    assert run["status"] == "succeeded" and run["output"]["data"][0]["id"] == 101
    sent = providers.state.received("bumpa")[-1]
    assert (sent.path, sent.query, sent.headers["authorization"]) == ("/v1/orders", {"page": "2", "status": "paid"}, f"Bearer {BUMPA_TOKEN}")
    status, run = execute(console, agent, actions["get_order"]["id"], order_id="999")
    assert run["status"] == "failed" and run["message"] == "Order not found. (HTTP 404)"
    status, run = execute(console, agent, actions["list_products"]["id"])
    assert run["status"] == "succeeded" and run["output"]["data"][0]["name"] == "Ankara dress"


def test_a_429_is_waited_out_once_when_it_is_short(shop, providers):
    server, client, console, agent = shop
    client.agents.integrations.bimpeai.configure(agent, type="stripe", secret_key=STRIPE_KEY)
    balance = actions_of(console, agent)["retrieve_balance"]["id"]
    before = len(providers.state.received("stripe"))
    providers.state.rate_limited = ["1"]
    started = time.monotonic()
    status, run = execute(console, agent, balance)
    assert run["status"] == "succeeded" and time.monotonic() - started >= 1
    assert len(providers.state.received("stripe")) == before + 2

    providers.state.rate_limited = ["1", "1"]  # still limited after the one retry
    status, run = execute(console, agent, balance)
    assert run["status"] == "failed" and run["upstream_status"] == 429
    assert run["message"].startswith("Request rate limit exceeded.") and run["message"].endswith("(HTTP 429)")
    assert len(providers.state.received("stripe")) == before + 4

    providers.state.rate_limited = ["30"]  # too long to wait: fails at once with the provider's words
    started = time.monotonic()
    status, run = execute(console, agent, balance)
    assert run["status"] == "failed" and run["upstream_status"] == 429 and time.monotonic() - started < 5
    assert len(providers.state.received("stripe")) == before + 5


@pytest.fixture
def google(switchboard, providers):
    """A server whose Google stand-in issues tokens that are valid for an hour."""
    switchboard.env.update(providers.settings())
    switchboard.env["SWITCHBOARD_OAUTH_REFRESH_INTERVAL_SECONDS"] = "3600"
    switchboard.env["SWITCHBOARD_OAUTH_REFRESH_MARGIN_SECONDS"] = "300"
    server = switchboard.start()
    client = sdk(server, server.bootstrap_key)
    agent = client.agents.create(workflow_id=PUBLIC_SUPPORT, name="Planner", description="Plans").id
    return server, client, Console(server), agent


def test_google_calendar_actions_arrive_after_consent(google, providers):
    server, client, console, agent = google
    link = client.agents.integrations.bimpeai.configure(agent, type="google_calendar").onboarding_url
    assert actions_of(console, agent) == {}  # pending: nothing to call yet
    assert consent(link).status_code == 200
    actions = actions_of(console, agent)
    assert list(actions) == ["list_calendars", "list_events", "create_event", "update_event", "find_free_slots"]
    assert [n for n, a in actions.items() if a["require_human_approval"]] == ["update_event"]
    token = providers.state.issued_access_tokens[-1]

    status, run = execute(console, agent, actions["list_events"]["id"], calendarId="ada@example.com", timeMin="2026-03-02T00:00:00Z",
                          timeMax="2026-03-03T00:00:00+01:00", singleEvents=True, orderBy="startTime", q="standup")
    assert run["status"] == "succeeded" and run["output"]["items"][0]["summary"] == "Standup"
    sent = providers.state.received("gcal")[-1]
    assert sent.raw_path == "/calendar/v3/calendars/ada%40example.com/events"
    assert sent.query == {"timeMin": "2026-03-02T00:00:00Z", "timeMax": "2026-03-03T00:00:00+01:00", "singleEvents": "true",
                          "orderBy": "startTime", "q": "standup"}
    assert sent.headers["authorization"] == f"Bearer {token}"

    event = {"summary": "Fitting", "start": {"dateTime": "2026-03-02T10:00:00+01:00", "timeZone": "Africa/Lagos"},
             "end": {"dateTime": "2026-03-02T10:30:00+01:00"}, "attendees": [{"email": "ada@example.com"}]}
    status, run = execute(console, agent, actions["create_event"]["id"], calendarId="primary", sendUpdates="all", **event)
    assert run["status"] == "succeeded" and run["output"]["summary"] == "Fitting"
    sent = providers.state.received("gcal")[-1]
    assert (sent.method, sent.path, sent.query) == ("POST", "/calendar/v3/calendars/primary/events", {"sendUpdates": "all"})
    assert sent.json == event
    status, run = execute(console, agent, actions["find_free_slots"]["id"], timeMin="2026-03-02T08:00:00Z",
                          timeMax="2026-03-02T18:00:00Z", items=[{"id": "primary"}])
    assert run["status"] == "succeeded" and run["output"]["primary"]["busy"][0]["end"] == "2026-03-02T08:15:00Z"
    status, run = execute(console, agent, actions["list_calendars"]["id"])
    assert run["status"] == "succeeded" and run["output"][0]["id"] == "ada@example.com"
    status, run = execute(console, agent, actions["list_events"]["id"], calendarId="nobody")
    assert run["status"] == "failed" and run["message"] == "Not Found (HTTP 404)"

    pending = console("POST", f"/agents/{agent}/actions/{actions['update_event']['id']}/execute",
                      json={"arguments": {"calendarId": "primary", "eventId": "evt1", "status": "cancelled"}})
    assert pending.status_code == 202
    done = console("POST", f"/agents/{agent}/executions/{pending.json()['data']['execution_id']}/approve").json()["data"]
    assert done["status"] == "succeeded" and providers.state.received("gcal")[-1].method == "PATCH"
    assert providers.state.received("gcal")[-1].json == {"status": "cancelled"}

    bad = console("POST", f"/agents/{agent}/actions/{actions['create_event']['id']}/execute",
                  json={"arguments": {"calendarId": "primary", "summary": "x", "start": {"dateTime": "tomorrow at 9"}}})
    assert problem_paths(bad) == {"arguments.end", "arguments.start.dateTime"}
    assert providers.state.refreshes == 0


def test_google_tokens_are_refreshed_before_a_call_and_once_after_a_401(switchboard, providers):
    switchboard.env.update(providers.settings())
    switchboard.env["SWITCHBOARD_OAUTH_REFRESH_INTERVAL_SECONDS"] = "3600"
    switchboard.env["SWITCHBOARD_OAUTH_REFRESH_MARGIN_SECONDS"] = "300"
    providers.state.token_lifetime = 120  # within the margin: the next call refreshes first
    server = switchboard.start()
    client = sdk(server, server.bootstrap_key)
    console = Console(server)
    agent = client.agents.create(workflow_id=PUBLIC_SUPPORT, name="Sheets", description="x").id
    assert consent(client.agents.integrations.bimpeai.configure(agent, type="google_sheets").onboarding_url).status_code == 200
    actions = actions_of(console, agent)
    assert list(actions) == ["list_sheets", "read_range", "append_rows", "update_range"]
    first = providers.state.issued_access_tokens[-1]

    status, run = execute(console, agent, actions["read_range"]["id"], spreadsheetId="1BxiMVs0XRA5nFMd", range="Sheet1!A1:B2")
    assert run["status"] == "succeeded" and run["output"]["values"] == [["Name", "Total"], ["Ada", "12"]]
    assert providers.state.refreshes == 1
    sent = providers.state.received("gsheets")[-1]
    assert sent.headers["authorization"] == f"Bearer {providers.state.issued_access_tokens[-1]}" != f"Bearer {first}"
    assert sent.path == "/v4/spreadsheets/1BxiMVs0XRA5nFMd/values/Sheet1!A1:B2"

    providers.state.token_lifetime = 3600
    execute(console, agent, actions["list_sheets"]["id"], spreadsheetId="1BxiMVs0XRA5nFMd")  # refreshes to an hour-long token
    refreshes = providers.state.refreshes
    providers.state.revoke_access_tokens()  # Google stops honouring the current token early
    rows = [["Ada", "=2+3"], ["Grace", "7"]]
    status, run = execute(console, agent, actions["append_rows"]["id"], spreadsheetId="1BxiMVs0XRA5nFMd", range="'Q1 sales'!A:B",
                          values=rows)
    assert run["status"] == "succeeded", run
    assert run["output"]["updatedRows"] == 2 and providers.state.refreshes == refreshes + 1
    rejected, retried = providers.state.received("gsheets")[-2:]
    assert rejected.headers["authorization"] != retried.headers["authorization"]
    assert retried.path == "/v4/spreadsheets/1BxiMVs0XRA5nFMd/values/'Q1 sales'!A:B:append"
    assert retried.query == {"valueInputOption": "USER_ENTERED"} and retried.json == {"values": rows}

    bad = console("POST", f"/agents/{agent}/actions/{actions['read_range']['id']}/execute",
                  json={"arguments": {"spreadsheetId": "1Bx/../x", "range": "A1:B2:C3"}})
    assert problem_paths(bad) == {"arguments.spreadsheetId", "arguments.range"}

    # A revoked grant: the refresh fails, the integration needs consent again, the call says where to get it.
    providers.state.revoke_access_tokens()
    providers.state.revoke_refresh_tokens()
    update = console("POST", f"/agents/{agent}/actions/{actions['update_range']['id']}/execute",
                     json={"arguments": {"spreadsheetId": "1BxiMVs0XRA5nFMd", "range": "Sheet1!A1", "values": [["x"]]}})
    result = console("POST", f"/agents/{agent}/executions/{update.json()['data']['execution_id']}/approve").json()["data"]
    assert result["status"] == "failed"
    configure = f"{server.base_url}/api/v1/console/agents/{agent}/integrations/bimpeai/configure"
    assert result["message"] == (f"Google Sheets needs to be connected again: its Google authorization was revoked or has expired. "
                                 f"Reconnect with POST {configure} {{\"type\": \"google_sheets\"}} and open the onboarding_url it answers.")
    assert client.agents.integrations.list(agent)[0].status == "needs_reauth"
    status, again = execute(console, agent, actions["list_sheets"]["id"], spreadsheetId="1BxiMVs0XRA5nFMd")
    assert again["status"] == "failed" and again["message"] == result["message"]
    # Consent again: the same actions work again.
    relink = console("POST", "/agents/{}/integrations/bimpeai/configure".format(agent), json={"type": "google_sheets"}).json()["data"]
    assert consent(relink["onboarding_url"]).status_code == 200
    assert actions_of(console, agent) == actions
    status, run = execute(console, agent, actions["list_sheets"]["id"], spreadsheetId="1BxiMVs0XRA5nFMd")
    assert run["status"] == "succeeded" and run["output"][0]["properties"]["title"] == "Sheet1"


def test_a_catalog_directory_replaces_bumpa_paths(switchboard, providers, tmp_path):
    (tmp_path / "bumpa.json").write_text(
        '[{"name": "List orders", "description": "The store\'s orders, newest first.", "http_method": "GET",'
        ' "url_template": "/v1/orders", "url_params": [{"name": "status", "type": "string", "description": "Only these."}],'
        ' "response_mapping": {"path": "data", "error_path": "message"}, "category": "commerce"}]')
    switchboard.env.update(providers.settings())
    switchboard.env["SWITCHBOARD_CATALOGS_DIR"] = str(tmp_path)
    providers.state.bumpa_tokens.add(BUMPA_TOKEN)
    server = switchboard.start()
    console = Console(server)
    agent = sdk(server, server.bootstrap_key).agents.create(workflow_id=PUBLIC_SUPPORT, name="a", description="b").id
    assert console("POST", f"/agents/{agent}/integrations/bimpeai/configure", json={"type": "bumpa", "token": BUMPA_TOKEN}).status_code == 201
    actions = actions_of(console, agent)
    assert list(actions) == ["list_orders"]
    status, run = execute(console, agent, actions["list_orders"]["id"], status="paid")
    assert run["status"] == "succeeded" and run["output"] == [{"id": 101, "status": "paid", "total": 25000}]
    server.stop()

    (tmp_path / "bumpa.json").write_text('[{"name": "List orders", "http_method": "GET", "url_template": "https://elsewhere.test/x"}]')
    failed = switchboard.cli("serve", check=False)
    assert failed.returncode != 0
    assert f"SWITCHBOARD_CATALOGS_DIR: {tmp_path}/bumpa.json: [0].url_template: must be a path under the integration's base_url" in failed.stderr
