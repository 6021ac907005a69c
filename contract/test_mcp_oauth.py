"""MCP servers that require authorization: Switchboard as the OAuth client, from the
onboarding link through discovery, client identity, PKCE and `resource`, to tokens
that are refreshed once on a 401 and a revoked grant that asks for a new link."""

from __future__ import annotations

import base64

import httpx
import pytest
from helpers import consent, start_with_agent
from standins.authorization import AuthorizationServer



@pytest.fixture
def authorization():
    server = AuthorizationServer()
    yield server
    server.stop()


def start(board, **env):
    """A server with the default time limits: the stand-ins answer at once, however busy the machine."""
    return start_with_agent(board, **env)


@pytest.fixture
def setup(switchboard):
    return start(switchboard)


def base(agent: str) -> str:
    return f"/agents/{agent}/integrations/mcp_server"


def configure(console, agent, url, **auth_config):
    body = {"name": "Guild", "server_url": url, "auth_type": "oauth"}
    if auth_config:
        body["auth_config"] = auth_config
    answer = console("POST", base(agent) + "/configure", json=body)
    assert answer.status_code == 201, answer.text
    return answer.json()["data"]


def listed(console, agent, integration_id):
    return next(row for row in console("GET", base(agent)).json()["data"] if row["id"] == integration_id)


def execute(console, agent, action_name, arguments):
    actions = {a["action_name"]: a["id"] for a in console("GET", f"/agents/{agent}/actions").json()["data"]}
    return console("POST", f"/agents/{agent}/actions/{actions[action_name]}/execute", json={"arguments": arguments}).json()["data"]


def test_a_server_is_authorized_in_the_browser_and_its_tools_called(setup, mcp_servers, authorization, tmp_path):
    server, console, agent = setup
    url = mcp_servers.start("--oauth", authorization.base)
    created = configure(console, agent, url)
    assert created["status"] == "pending" and created["config"]["auth_type"] == "oauth"
    link = created["onboarding_url"]
    assert link.startswith(server.base_url + "/oauth/start/")
    assert listed(console, agent, created["id"])["onboarding_url"] == link

    tested = console("POST", base(agent) + f"/{created['id']}/test").json()["data"]
    assert tested["success"] is False and "is not authorized (pending)" in tested["error"] and "/reauthorize" in tested["error"]
    assert listed(console, agent, created["id"])["status"] == "pending"

    page = consent(link)
    assert page.status_code == 200 and "Guild is connected" in page.text
    [authorize] = authorization.sent("authorize")
    [registered] = authorization.sent("register")
    assert registered["redirect_uris"] == [server.base_url + "/oauth/callback"]
    assert authorize["client_id"].startswith("client_") and authorize["code_challenge_method"] == "S256"
    assert authorize["resource"] == url and authorize["redirect_uri"] == server.base_url + "/oauth/callback"
    assert authorize["scope"] == "tools:call"  # the 401 challenge's scope comes before the metadata's
    [exchange] = authorization.sent("token")
    assert exchange["grant_type"] == "authorization_code" and exchange["resource"] == url and len(exchange["code_verifier"]) >= 43
    assert exchange["authorization"].startswith("Basic ")

    row = listed(console, agent, created["id"])
    assert row["status"] == "active" and "onboarding_url" not in row
    tools = console("GET", base(agent) + f"/{created['id']}/tools").json()["data"]
    assert sorted(t["action_name"] for t in tools) == ["tool_0", "tool_1", "tool_2"]
    call = execute(console, agent, "tool_1", {"q": "hi"})
    assert call["status"] == "succeeded" and call["output"] == {"tool": "tool_1", "arguments": {"q": "hi"}}
    assert console("POST", base(agent) + f"/{created['id']}/test").json()["data"]["success"] is True

    used = httpx.get(link)
    assert used.status_code == 410 and "already been used" in used.text

    # A second server of the same authorization server reuses the client registered for the first.
    second = configure(console, agent, mcp_servers.start("--oauth", authorization.base))
    assert consent(second["onboarding_url"]).status_code == 200
    assert len(authorization.sent("register")) == 1
    assert authorization.sent("authorize")[-1]["client_id"] == authorize["client_id"]


def test_a_refused_token_is_refreshed_once_and_a_revoked_grant_asks_for_a_new_link(setup, mcp_servers, authorization):
    server, console, agent = setup
    url = mcp_servers.start("--oauth", authorization.base)
    created = configure(console, agent, url)
    assert consent(created["onboarding_url"]).status_code == 200
    assert execute(console, agent, "tool_0", {"q": "a"})["status"] == "succeeded"

    authorization.expire()
    call = execute(console, agent, "tool_0", {"q": "1"})
    assert call["status"] == "succeeded", call
    refreshes = [t for t in authorization.sent("token") if t["grant_type"] == "refresh_token"]
    assert len(refreshes) == 1 and refreshes[0]["resource"] == url
    assert execute(console, agent, "tool_0", {"q": "2"})["status"] == "succeeded"
    assert len([t for t in authorization.sent("token") if t["grant_type"] == "refresh_token"]) == 1

    authorization.revoke()
    failed = execute(console, agent, "tool_0", {"q": "3"})
    assert failed["status"] == "failed"
    assert f"/integrations/mcp_server/{created['id']}/reauthorize" in failed["message"]
    assert listed(console, agent, created["id"])["status"] == "needs_reauth"

    again = console("POST", base(agent) + f"/{created['id']}/reauthorize")
    assert again.status_code == 200, again.text
    link = again.json()["data"]["onboarding_url"]
    assert listed(console, agent, created["id"])["onboarding_url"] == link
    assert consent(link).status_code == 200
    row = listed(console, agent, created["id"])
    assert row["status"] == "active" and row["id"] == created["id"]
    assert execute(console, agent, "tool_0", {"q": "4"})["status"] == "succeeded"


@pytest.mark.parametrize("variant", ["metadata_document", "preregistered", "well_known"])
def test_each_client_identity_and_the_well_known_discovery(sqlite_switchboard, mcp_servers, authorization, variant):
    server, console, agent = start(sqlite_switchboard)
    extra = ["--challenge-without-metadata"] if variant == "well_known" else []
    url = mcp_servers.start("--oauth", authorization.base, *extra)
    auth_config = {}
    if variant == "metadata_document":
        authorization.metadata_document = True
    if variant == "preregistered":
        authorization.preregistered = {"pre-client": "pre-SECRET-42"}
        auth_config = {"client_id": "pre-client", "client_secret": "pre-SECRET-42", "scopes": "tools:read"}
    created = configure(console, agent, url, **auth_config)
    page = consent(created["onboarding_url"])
    assert page.status_code == 200, page.text
    [authorize] = authorization.sent("authorize")
    assert len(authorization.sent("register")) == (1 if variant == "well_known" else 0)
    if variant == "metadata_document":
        assert authorize["client_id"] == server.base_url + "/oauth/client-metadata.json"
        documents = authorization.sent("client-metadata")  # read at the authorization and at the token request
        assert documents and all(d["redirect_uris"] == [server.base_url + "/oauth/callback"] for d in documents)
        assert authorization.sent("token")[0]["client_id"] == authorize["client_id"]
    if variant == "preregistered":
        assert authorize["client_id"] == "pre-client" and authorize["scope"] == "tools:read"
        basic = authorization.sent("token")[0]["authorization"]
        assert base64.b64decode(basic[6:]).decode() == "pre-client:pre-SECRET-42"
        assert "pre-SECRET-42" not in console("GET", base(agent)).text
    assert execute(console, agent, "tool_2", {"q": "b"})["status"] == "succeeded"


@pytest.mark.parametrize("case", ["no_pkce", "private_issuer", "private_token_endpoint", "wrong_iss"])
def test_a_server_that_cannot_be_trusted_is_refused(sqlite_switchboard, mcp_servers, authorization, case):
    server, console, agent = start(sqlite_switchboard)
    extra = ["--authorization-server", "http://10.20.30.40/tenant"] if case == "private_issuer" else []
    authorization.pkce = case != "no_pkce"
    authorization.wrong_iss = case == "wrong_iss"
    if case == "private_token_endpoint":
        authorization.token_endpoint = "http://169.254.169.254/latest/token"
    created = configure(console, agent, mcp_servers.start("--oauth", authorization.base, *extra))
    page = consent(created["onboarding_url"])
    expected = {
        "no_pkce": "does not support PKCE with S256",
        "private_issuer": "10.20.30.40 is not allowed",
        "private_token_endpoint": "169.254.169.254 is not allowed",
        "wrong_iss": "does not come from the authorization server that was asked",
    }[case]
    assert page.status_code in (400, 502) and expected in page.text, page.text
    if case == "wrong_iss":
        assert authorization.sent("token") == []
        assert listed(console, agent, created["id"])["status"] == "pending"
    else:
        assert authorization.sent("authorize") == [] and authorization.sent("register") == []
        assert listed(console, agent, created["id"])["status"] == "failed"
    assert console("GET", f"/agents/{agent}/actions").json()["data"] == []  # nothing was discovered, nothing can be called


def test_a_token_too_long_to_keep_is_refused_and_nothing_is_stored(sqlite_switchboard, mcp_servers, authorization):
    server, console, agent = start(sqlite_switchboard)
    authorization.token_size = 3 << 20  # 3 MiB of access token, within the 5 MiB any answer may be
    created = configure(console, agent, mcp_servers.start("--oauth", authorization.base))
    page = consent(created["onboarding_url"])
    assert page.status_code == 502 and "answered a token longer than 16 KiB" in page.text
    assert listed(console, agent, created["id"])["status"] == "pending"
    assert console("POST", base(agent) + f"/{created['id']}/reauthorize").status_code == 200


def test_oauth_settings_are_validated(setup):
    server, console, agent = setup
    bad = console("POST", base(agent) + "/configure", json={
        "name": "Guild", "server_url": "http://127.0.0.1:9/mcp", "auth_type": "oauth",
        "auth_config": {"client_secret": "s3cret", "token": "x"}})
    assert bad.status_code == 400
    assert sorted(bad.json()["message"]) == ["auth_config.client_secret: is only allowed with client_id",
                                             "auth_config.token: is not allowed when auth_type is oauth"]
    custom = console("POST", f"/agents/{agent}/integrations/custom_api/configure", json={
        "name": "Shop", "base_url": "http://127.0.0.1:9", "auth_type": "oauth"})
    assert custom.status_code == 400 and any(m.startswith("auth_type: must be one of") for m in custom.json()["message"])
    plain = console("POST", base(agent) + "/configure", json={"name": "Plain", "server_url": "http://127.0.0.1:9/mcp"}).json()["data"]
    refused = console("POST", base(agent) + f"/{plain['id']}/reauthorize")
    assert refused.status_code == 400 and "does not use OAuth" in refused.text


def test_tokens_and_client_secrets_never_leave(switchboard, mcp_servers, authorization):
    server, console, agent = start(switchboard, SWITCHBOARD_LOG_LEVEL="trace")  # the sweep reads every log line
    url = mcp_servers.start("--oauth", authorization.base)
    created = configure(console, agent, url)
    # The link's browser, and a callback from another one (refused), before it finishes.
    opener = httpx.Client(timeout=60)
    opened = opener.get(created["onboarding_url"])
    [cookie] = [c.value for c in opener.cookies.jar if c.name.startswith("sb_consent_")]
    back = httpx.get(opened.headers["location"])
    assert httpx.get(back.headers["location"]).status_code == 400
    assert opener.get(opened.headers["location"], follow_redirects=True).status_code == 200
    authorization.expire()
    assert execute(console, agent, "tool_0", {"q": "a"})["status"] == "succeeded"
    # A new master key re-seals the integration's record and the registered client; both still open.
    assert "Re-encrypted 2 secrets" in switchboard.cli("secrets", "rotate").stdout
    assert execute(console, agent, "tool_1", {"q": "after"})["status"] == "succeeded"
    second = configure(console, agent, mcp_servers.start("--oauth", authorization.base))
    assert consent(second["onboarding_url"]).status_code == 200 and len(authorization.sent("register")) == 1
    assert len(authorization.issued) == 7  # three token pairs and a client secret
    # The consent cookie and the link's token are credentials too.
    secrets = [*authorization.issued, cookie, created["onboarding_url"].rsplit("/", 1)[1]]
    seen = "".join([
        console("GET", base(agent)).text, console("GET", f"/agents/{agent}/integrations").text,
        console("GET", f"/agents/{agent}/executions").text, console("GET", "/audit-events").text,
        "".join(server.stdout), server.stop(),
    ])
    dump = switchboard.database_dump()
    for secret in secrets:
        assert secret not in seen and secret.encode() not in dump


def test_a_token_that_expires_within_the_margin_is_refreshed_before_the_call(sqlite_switchboard, mcp_servers, authorization):
    server, console, agent = start(sqlite_switchboard, SWITCHBOARD_OAUTH_REFRESH_MARGIN_SECONDS="120")
    authorization.token_lifetime = 600
    created = configure(console, agent, mcp_servers.start("--oauth", authorization.base))
    assert consent(created["onboarding_url"]).status_code == 200
    assert execute(console, agent, "tool_0", {"q": "a"})["status"] == "succeeded"
    assert [t["grant_type"] for t in authorization.sent("token")] == ["authorization_code"]

    authorization.token_lifetime = 60  # the next tokens expire within the margin: each use renews them first
    authorization.expire()
    assert execute(console, agent, "tool_0", {"q": "b"})["status"] == "succeeded"  # a 401, then one refresh
    assert execute(console, agent, "tool_0", {"q": "c"})["status"] == "succeeded"  # due: refreshed before the call
    assert [t["grant_type"] for t in authorization.sent("token")] == ["authorization_code", "refresh_token", "refresh_token"]
