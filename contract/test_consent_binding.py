"""A consent belongs to the browser that opened its link: the account-injection attack
(an attacker's link finished by a victim signed in at the authorization server) is
refused and stores nothing, while the browser that opened the link still finishes.
Also: the authorization endpoint must be the issuer's own, registration says what
kind of client Switchboard is, and the pages and the log keep their credentials."""

from __future__ import annotations

import html
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from standins.authorization import AuthorizationServer
from test_connectors import STRIPE_KEY
from test_mcp_oauth import configure, listed, start


@pytest.fixture
def authorization():
    server = AuthorizationServer()
    yield server
    server.stop()


def browser() -> httpx.Client:
    """A browser of its own: its own cookie jar."""
    return httpx.Client(timeout=60)


def test_a_callback_from_another_browser_is_refused_and_the_opener_still_finishes(switchboard, mcp_servers, authorization):
    server, console, agent = start(switchboard)
    created = configure(console, agent, mcp_servers.start("--oauth", authorization.base))
    attacker, victim = browser(), browser()

    opened = attacker.get(created["onboarding_url"])
    assert opened.status_code == 302
    cookie = opened.headers["set-cookie"]
    assert cookie.startswith("sb_consent_") and "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/oauth" in cookie
    assert "Secure" not in cookie  # the public URL is plain http here
    consent_screen = opened.headers["location"]

    # The victim, signed in at the authorization server, consents; the redirect back carries no cookie of theirs.
    back = victim.get(consent_screen)
    assert back.status_code == 302
    refused = victim.get(back.headers["location"])
    assert refused.status_code == 400 and "started in another browser" in refused.text
    assert authorization.sent("token") == []  # nothing was exchanged
    row = listed(console, agent, created["id"])
    assert row["status"] == "pending" and console("GET", f"/agents/{agent}/actions").json()["data"] == []
    # A denial forged the same way does not mark the integration failed either.
    state = parse_qs(urlparse(consent_screen).query)["state"][0]
    denied = victim.get(f"{server.base_url}/oauth/callback", params={"state": state, "error": "access_denied"})
    assert denied.status_code == 400 and listed(console, agent, created["id"])["status"] == "pending"

    # The browser that opened the link still finishes with the same state.
    finished = attacker.get(consent_screen, follow_redirects=True)
    assert finished.status_code == 200 and "Guild is connected" in finished.text
    assert len(authorization.sent("token")) == 1 and listed(console, agent, created["id"])["status"] == "active"
    assert finished.headers["set-cookie"].startswith("sb_consent_") and "Max-Age=0" in finished.headers["set-cookie"]


def test_two_consents_opened_in_one_browser_both_finish(sqlite_switchboard, mcp_servers, authorization):
    server, console, agent = start(sqlite_switchboard)
    first = configure(console, agent, mcp_servers.start("--oauth", authorization.base))
    second = configure(console, agent, mcp_servers.start("--oauth", authorization.base))
    person = browser()
    to_first = person.get(first["onboarding_url"]).headers["location"]
    to_second = person.get(second["onboarding_url"]).headers["location"]
    assert person.get(to_second, follow_redirects=True).status_code == 200
    assert person.get(to_first, follow_redirects=True).status_code == 200
    assert {listed(console, agent, i["id"])["status"] for i in (first, second)} == {"active"}


def test_an_authorization_endpoint_off_the_issuers_host_is_refused_at_discovery(sqlite_switchboard, mcp_servers, authorization):
    server, console, agent = start(sqlite_switchboard)
    authorization.authorization_endpoint = "https://elsewhere.example/authorize"
    created = configure(console, agent, mcp_servers.start("--oauth", authorization.base))
    page = browser().get(created["onboarding_url"], follow_redirects=True)
    assert page.status_code == 502 and not page.history  # Switchboard's origin redirects nowhere
    assert "must be on the issuer's host 127.0.0.1, not elsewhere.example" in html.unescape(page.text)
    assert authorization.sent("register") == [] and authorization.sent("authorize") == []
    assert listed(console, agent, created["id"])["status"] == "failed"


def test_registration_says_the_application_type_and_tries_the_other_once(sqlite_switchboard, mcp_servers, authorization):
    server, console, agent = start(sqlite_switchboard)
    authorization.refused_application_types = {"native"}
    created = configure(console, agent, mcp_servers.start("--oauth", authorization.base))
    assert browser().get(created["onboarding_url"], follow_redirects=True).status_code == 200
    # The public URL is a loopback address: native first, then web.
    assert [r["application_type"] for r in authorization.sent("register")] == ["native", "web"]

    other = AuthorizationServer()
    other.refused_application_types = {"native", "web"}
    try:
        refused = configure(console, agent, mcp_servers.start("--oauth", other.base))
        page = browser().get(refused["onboarding_url"], follow_redirects=True)
        assert page.status_code == 502
        assert "refused the registration (HTTP 400, then HTTP 400, as application_type native and as web)" in page.text
        assert other.sent("authorize") == []
    finally:
        other.stop()


def test_pages_send_their_security_headers_and_the_log_keeps_the_links_tokens(switchboard, mcp_servers, authorization, providers):
    server, console, agent = start(switchboard, SWITCHBOARD_LOG_LEVEL="info", **providers.settings())
    created = configure(console, agent, mcp_servers.start("--oauth", authorization.base))
    link = created["onboarding_url"]
    providers.state.stripe_keys.add(STRIPE_KEY)
    status_link = console("POST", f"/agents/{agent}/integrations/bimpeai/configure",
                          json={"type": "stripe", "secret_key": STRIPE_KEY}).json()["data"]["onboarding_url"]
    person = browser()
    pages = [person.get(link, follow_redirects=True), person.get(link), person.get(status_link),
             person.get(f"{server.base_url}/oauth/callback", params={"state": "made-up", "code": "x"}),
             person.get(f"{server.base_url}/connect/nothing-here"), person.get(f"{server.base_url}/console")]
    assert [p.status_code for p in pages] == [200, 410, 200, 404, 404, 200]
    for page in pages:
        policy = page.headers["content-security-policy"]
        assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy, policy
        assert page.headers["x-frame-options"] == "DENY" and page.headers["x-content-type-options"] == "nosniff"
    log = server.stop()
    tokens = [link.rsplit("/", 1)[1], status_link.rsplit("/", 1)[1]]
    assert "/oauth/start/{token}" in log and "/connect/{token}" in log
    assert all(token not in log for token in tokens)
