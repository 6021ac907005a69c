"""First-party connectors against provider stand-ins, through the official SDK."""

from __future__ import annotations

import sqlite3
import threading
import time

import httpx
import pytest
from bimpeai._exceptions import BadRequestError, NotFoundError, ValidationError
from helpers import PUBLIC_SUPPORT, consent, sdk, shop_with_providers

STRIPE_KEY = "sk_test_51StandinStripeSecretKey0000000000"
STRIPE_PUBLIC = "pk_test_51StandinStripePublishableKey000000"
PAYSTACK_KEY = "sk_live_standinpaystacksecret00000000000000"
BUMPA_TOKEN = "bumpa-standin-token-000000000000000000000"


@pytest.fixture
def connected(switchboard, providers):
    """A server wired to the stand-ins, an SDK client with a full key, and an agent."""
    # The slow stand-in takes twice the time limit.
    return shop_with_providers(switchboard, providers, SWITCHBOARD_PROVIDER_TIMEOUT_SECONDS="4")


def test_stripe_keys_are_checked_then_stored_and_listed(connected, providers):
    server, client, agent = connected
    providers.state.stripe_keys.add(STRIPE_KEY)
    answer = client.agents.integrations.bimpeai.configure(agent, type="stripe", secret_key=STRIPE_KEY, public_key=STRIPE_PUBLIC)
    assert answer.onboarding_url.startswith(server.base_url + "/connect/") and answer.channel_id not in answer.onboarding_url
    rows = {row.type: row for row in client.agents.integrations.bimpeai.list(agent)}
    assert list(rows) == ["bumpa", "google_calendar", "google_sheets", "paystack", "stripe"]
    assert rows["stripe"].status == "active" and rows["stripe"].is_connected and rows["stripe"].id.startswith("ch_")
    assert rows["paystack"].id is None and rows["paystack"].status == "not_connected"

    listed = client.agents.integrations.list(agent)
    assert [(i.type, i.name, i.status) for i in listed] == [("stripe", "Stripe", "active")]
    assert [f.key for f in listed[0].config_fields] == ["secret_key", "public_key", "currency"]
    assert httpx.get(answer.onboarding_url).status_code == 200
    assert client.agents.retrieve(agent).integrations[0].id == rows["stripe"].id


def test_reconfiguring_replaces_keys_and_a_failed_one_changes_nothing(connected, providers, switchboard):
    server, client, agent = connected
    path = f"{server.base_url}/api/v1/console/agents/{agent}/integrations/bimpeai/configure"
    headers = {"Authorization": f"Bearer {server.bootstrap_key}"}
    providers.state.paystack_keys.add(PAYSTACK_KEY)
    first = httpx.post(path, headers=headers, json={"type": "paystack", "secret_key": PAYSTACK_KEY, "currency": "GHS"})
    assert first.status_code == 201
    channel = first.json()["data"]["channel_id"]
    before = switchboard.database_dump()

    rejected = httpx.post(path, headers=headers, json={"type": "paystack", "secret_key": "sk_live_wrongwrongwrong"})
    assert rejected.status_code == 400
    assert rejected.json()["code"] == "integration_connection_failed"
    assert rejected.json()["message"] == "Invalid Paystack API keys"
    assert switchboard.database_dump().count(b"wrongwrong") == 0
    assert [i.status for i in client.agents.integrations.list(agent)] == ["active"]

    second_key = "sk_live_secondpaystackkey0000000000000000"
    providers.state.paystack_keys.add(second_key)
    again = httpx.post(path, headers=headers, json={"type": "paystack", "secret_key": second_key})
    assert again.status_code == 200 and again.json()["data"]["channel_id"] == channel
    assert len(client.agents.integrations.list(agent)) == 1
    assert before != switchboard.database_dump()


@pytest.mark.parametrize("kind,body,message", [
    ("stripe", {"secret_key": "sk_test_not_known"}, "Invalid Stripe API keys"),
    ("paystack", {"secret_key": "sk_test_not_known"}, "Invalid Paystack API keys"),
    ("bumpa", {"token": "not-known"}, "Invalid Bumpa token"),
])
def test_rejected_keys_are_named_by_provider_and_not_stored(connected, kind, body, message):
    server, client, agent = connected
    with pytest.raises(BadRequestError) as caught:
        client.agents.integrations.bimpeai.configure(agent, type=kind, **body)
    assert caught.value.code == "integration_connection_failed" and str(caught.value) == message
    assert client.agents.integrations.list(agent) == []


def test_an_unreachable_slow_or_failing_provider_says_so(connected, providers, switchboard):
    server, client, agent = connected
    providers.state.delay = 8
    with pytest.raises(BadRequestError) as slow:
        client.agents.integrations.bimpeai.configure(agent, type="bumpa", token=BUMPA_TOKEN)
    assert str(slow.value) == "Could not reach Bumpa: timed out"
    providers.state.delay = 0
    providers.state.fail_with = 503
    with pytest.raises(BadRequestError) as failing:
        client.agents.integrations.bimpeai.configure(agent, type="bumpa", token=BUMPA_TOKEN)
    assert str(failing.value) == "Could not reach Bumpa: HTTP 503"
    assert client.agents.integrations.list(agent) == []


def test_a_provider_that_is_not_there_is_unreachable(switchboard):
    from conftest import free_port

    switchboard.env["SWITCHBOARD_STRIPE_API_BASE"] = f"http://127.0.0.1:{free_port()}"
    server = switchboard.start()
    client = sdk(server, server.bootstrap_key)
    agent = client.agents.create(workflow_id=PUBLIC_SUPPORT, name="a", description="b")
    with pytest.raises(BadRequestError) as caught:
        client.agents.integrations.bimpeai.configure(agent.id, type="stripe", secret_key=STRIPE_KEY)
    assert str(caught.value) == "Could not reach Stripe: connection refused"


def test_bad_configure_bodies_name_every_field(connected):
    server, client, agent = connected
    with pytest.raises(ValidationError) as caught:
        client.agents.integrations.bimpeai.configure(agent, type="stripe", secret_key="pk_live_oops", currency="dollars", token="x")
    assert {e["path"] for e in caught.value.field_errors} == {"secret_key", "currency", "token"}
    assert "pk_live_oops" not in str(caught.value)
    with pytest.raises(ValidationError) as wrong_type:
        client.agents.integrations.bimpeai.configure(agent, type="shopify")
    assert wrong_type.value.field_errors == [{"path": "type", "message": "must be one of bumpa, google_calendar, google_sheets, paystack, stripe"}]


def test_disconnecting_stops_counting_and_destroys_the_secret(connected, providers, switchboard):
    server, client, agent = connected
    providers.state.bumpa_tokens.add(BUMPA_TOKEN)
    client.agents.integrations.bimpeai.configure(agent, type="bumpa", token=BUMPA_TOKEN)
    channel = client.agents.integrations.list(agent)[0].id
    client.agents.integrations.bimpeai.disconnect(agent, channel)
    assert client.agents.integrations.list(agent) == []
    assert [r.status for r in client.agents.integrations.bimpeai.list(agent) if r.type == "bumpa"] == ["not_connected"]
    with pytest.raises(NotFoundError) as caught:
        client.agents.integrations.bimpeai.disconnect(agent, channel)
    assert str(caught.value) == "Integration not found"
    if switchboard.database_url.startswith("sqlite://"):
        db = sqlite3.connect(switchboard.database_url[len("sqlite://"):])
        assert db.execute("SELECT sealed_secret FROM integrations WHERE id = ?", (channel,)).fetchone() == (None,)


def test_the_cap_holds_under_parallel_configures(switchboard, providers):
    switchboard.env.update(providers.settings())
    providers.state.stripe_keys.add(STRIPE_KEY)
    providers.state.paystack_keys.add(PAYSTACK_KEY)
    providers.state.bumpa_tokens.add(BUMPA_TOKEN)
    server = switchboard.start("--no-bootstrap")
    key = switchboard.make_key(switchboard.make_team("free"))  # 3 integrations per agent
    client = sdk(server, key)
    agent = client.agents.create(workflow_id=PUBLIC_SUPPORT, name="a", description="b").id
    bodies = [{"type": "stripe", "secret_key": STRIPE_KEY}, {"type": "paystack", "secret_key": PAYSTACK_KEY},
              {"type": "bumpa", "token": BUMPA_TOKEN}, {"type": "google_calendar"}, {"type": "google_sheets"}]
    # The free plan allows 3 requests a minute per key: give each request a key of its own.
    keys = [switchboard.make_key(switchboard.cli("keys", "list").stdout.split("\t")[1]) for _ in bodies]
    statuses: list[int] = []
    barrier = threading.Barrier(len(bodies))

    def configure(body, key):
        barrier.wait()
        response = httpx.post(f"{server.base_url}/api/v1/console/agents/{agent}/integrations/bimpeai/configure",
                              headers={"X-Api-Key": key}, json=body, timeout=30)
        statuses.append(response.status_code if response.status_code != 409 else (409, response.json()["code"]))

    threads = [threading.Thread(target=configure, args=pair) for pair in zip(bodies, keys)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses.count(201) == 3
    assert statuses.count((409, "integration_limit_reached")) == 2
    assert len(client.agents.integrations.list(agent)) == 3


def test_google_needs_client_settings(switchboard):
    server = switchboard.start()
    client = sdk(server, server.bootstrap_key)
    agent = client.agents.create(workflow_id=PUBLIC_SUPPORT, name="a", description="b")
    with pytest.raises(BadRequestError) as caught:
        client.agents.integrations.bimpeai.configure(agent.id, type="google_calendar")
    assert caught.value.code == "bad_request"
    assert str(caught.value) == "Google OAuth is not configured on this server: set SWITCHBOARD_GOOGLE_CLIENT_ID."


def test_google_calendar_connects_through_consent(connected, providers):
    server, client, agent = connected
    link = client.agents.integrations.bimpeai.configure(agent, type="google_calendar").onboarding_url
    assert link.startswith(server.base_url + "/oauth/start/")
    pending = client.agents.integrations.list(agent)
    assert [(i.type, i.status, i.is_connected) for i in pending] == [("google_calendar", "pending", False)]

    page = consent(link)
    assert page.status_code == 200 and "Google Calendar is connected" in page.text
    sent = providers.state.auth_requests[-1]
    assert sent["code_challenge_method"] == "S256" and sent["access_type"] == "offline" and sent["prompt"] == "consent"
    assert sent["scope"] == "https://www.googleapis.com/auth/calendar"
    assert sent["redirect_uri"] == server.base_url + "/oauth/callback"
    assert [(i.status, i.is_connected) for i in client.agents.integrations.list(agent)] == [("active", True)]

    used = consent(link)
    assert used.status_code == 410 and "already been used" in used.text


def test_a_callback_state_works_once_and_only_in_the_browser_that_opened_the_link(connected, providers):
    server, client, agent = connected
    link = client.agents.integrations.bimpeai.configure(agent, type="google_sheets").onboarding_url
    person = httpx.Client(timeout=30)
    to_google = person.get(link)
    assert to_google.status_code == 302
    back = person.get(to_google.headers["location"])
    assert back.status_code == 302
    callback = back.headers["location"]
    elsewhere = httpx.get(callback)  # another browser: no consent cookie
    assert elsewhere.status_code == 400 and "started in another browser" in elsewhere.text
    assert client.agents.integrations.list(agent)[0].status == "pending"
    assert person.get(callback).status_code == 200
    replay = person.get(callback)
    assert replay.status_code == 410 and "already been used" in replay.text
    forged = person.get(f"{server.base_url}/oauth/callback", params={"state": "made-up", "code": "x"})
    assert forged.status_code == 404 and "not valid" in forged.text


def test_the_status_page_needs_its_link_and_only_direct_connectors_have_one(connected, providers):
    server, client, agent = connected
    providers.state.stripe_keys.add(STRIPE_KEY)
    answer = client.agents.integrations.bimpeai.configure(agent, type="stripe", secret_key=STRIPE_KEY)
    page = httpx.get(answer.onboarding_url)
    assert page.status_code == 200 and "Stripe is connected" in page.text
    assert httpx.get(f"{server.base_url}/connect/{answer.channel_id}").status_code == 404
    google = client.agents.integrations.bimpeai.configure(agent, type="google_calendar").onboarding_url
    assert httpx.get(google.replace("/oauth/start/", "/connect/")).status_code == 404
    assert httpx.get(google, follow_redirects=True).status_code == 200  # the link was not spent by the look


def test_a_pkce_mismatch_or_a_denied_consent_does_not_connect(connected, providers):
    server, client, agent = connected
    providers.state.tamper_challenge = True
    link = client.agents.integrations.bimpeai.configure(agent, type="google_calendar").onboarding_url
    page = consent(link)
    assert page.status_code == 400 and "invalid_grant" in page.text
    assert client.agents.integrations.list(agent)[0].status == "pending"

    providers.state.tamper_challenge = False
    providers.state.deny_consent = True
    again = client.agents.integrations.bimpeai.configure(agent, type="google_calendar").onboarding_url
    denied = consent(again)
    assert denied.status_code == 400 and "access_denied" in denied.text
    assert client.agents.integrations.list(agent)[0].status == "failed"


def test_tokens_are_refreshed_and_a_revoked_grant_needs_consent_again(switchboard, providers):
    switchboard.env.update(providers.settings())
    switchboard.env.update({"SWITCHBOARD_OAUTH_REFRESH_INTERVAL_SECONDS": "0.2", "SWITCHBOARD_OAUTH_REFRESH_MARGIN_SECONDS": "0.5"})
    providers.state.token_lifetime = 1
    server = switchboard.start()
    client = sdk(server, server.bootstrap_key)
    agent = client.agents.create(workflow_id=PUBLIC_SUPPORT, name="a", description="b").id
    configured = client.agents.integrations.bimpeai.configure(agent, type="google_calendar")
    assert consent(configured.onboarding_url).status_code == 200
    deadline = time.monotonic() + 15
    while providers.state.refreshes < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert providers.state.refreshes >= 2 and providers.state.stale_refreshes == 0
    assert client.agents.integrations.list(agent)[0].status == "active"

    providers.state.revoke_refresh_tokens()
    deadline = time.monotonic() + 15
    while client.agents.integrations.list(agent)[0].status != "needs_reauth" and time.monotonic() < deadline:
        time.sleep(0.1)
    channel = client.agents.integrations.list(agent)[0]
    assert channel.status == "needs_reauth"
    relink = httpx.post(f"{server.base_url}/api/v1/console/agents/{agent}/integrations/bimpeai/configure",
                        headers={"X-Api-Key": server.bootstrap_key}, json={"type": "google_calendar"})
    assert relink.status_code == 200 and relink.json()["data"]["channel_id"] == channel.id
    assert consent(relink.json()["data"]["onboarding_url"]).status_code == 200
    assert client.agents.integrations.list(agent)[0].status == "active"


def test_two_processes_refresh_one_at_a_time(postgres_switchboard, providers):
    board = postgres_switchboard
    board.env.update(providers.settings())
    board.env.update({"SWITCHBOARD_OAUTH_REFRESH_INTERVAL_SECONDS": "0.05", "SWITCHBOARD_OAUTH_REFRESH_MARGIN_SECONDS": "0.8"})
    providers.state.token_lifetime = 1
    first = board.start()
    second = board.start()
    client = sdk(first, first.bootstrap_key)
    agent = client.agents.create(workflow_id=PUBLIC_SUPPORT, name="a", description="b").id
    assert consent(client.agents.integrations.bimpeai.configure(agent, type="google_sheets").onboarding_url).status_code == 200
    time.sleep(4)
    # Each refresh token is single-use at the stand-in: a second refresh with it would be stale.
    assert providers.state.refreshes >= 3
    assert providers.state.stale_refreshes == 0
    assert sdk(second, first.bootstrap_key).agents.integrations.list(agent)[0].status == "active"
