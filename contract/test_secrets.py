"""Known secrets go in through every path; none may come out anywhere."""

from __future__ import annotations

import base64

import httpx
from helpers import PUBLIC_SUPPORT

PLANTED = {
    "stripe_secret": "sk_test_PLANTEDstripeSECRET0123456789",
    "stripe_public": "pk_test_PLANTEDstripePUBLIC0123456789",
    "paystack_secret": "sk_live_PLANTEDpaystackSECRET01234567",
    "paystack_public": "pk_live_PLANTEDpaystackPUBLIC01234567",
    "bumpa_token": "PLANTEDbumpaTOKEN0123456789abcdef",
    "rejected": "sk_test_PLANTEDrejectedKEY0123456789",
    "custom_token": "PLANTEDcustomBEARER0123456789",
    "tool_password": "PLANTEDtoolPASSWORD0123456789",
    "mcp_token": "PLANTEDmcpTOKEN0123456789abcdef",
    "echoed_password": "PLANTEDechoedPASSWORD0123456789",
    "echoed_mcp_token": "PLANTEDechoedMCPtoken0123456789",
}


def test_no_secret_reaches_a_response_a_log_or_the_database(switchboard, providers, standin_api, mcp_servers, hostile):
    switchboard.env.update(providers.settings())
    switchboard.env["SWITCHBOARD_ALLOWED_PRIVATE_RANGES"] = "127.0.0.0/8"
    switchboard.env["SWITCHBOARD_LOG_LEVEL"] = "trace"
    state = providers.state
    state.token_prefix = "ya29.PLANTEDaccess"
    state.refresh_prefix = "1//PLANTEDrefresh"
    state.stripe_keys.add(PLANTED["stripe_secret"])
    state.paystack_keys.add(PLANTED["paystack_secret"])
    state.bumpa_tokens.add(PLANTED["bumpa_token"])
    server = switchboard.start()
    key = server.bootstrap_key
    api = f"{server.base_url}/api/v1/console"
    headers = {"Authorization": f"Bearer {key}"}
    bodies: list[str] = []

    def call(method: str, path: str, **kwargs) -> httpx.Response:
        response = httpx.request(method, api + path, headers=headers, timeout=30, **kwargs)
        bodies.append(response.text + str(dict(response.headers)))
        return response

    agent = call("POST", "/agents", json={"workflow_id": PUBLIC_SUPPORT, "name": "a", "description": "b"}).json()["data"]["id"]
    configure = f"/agents/{agent}/integrations/bimpeai/configure"
    assert call("POST", configure, json={"type": "stripe", "secret_key": PLANTED["stripe_secret"],
                                         "public_key": PLANTED["stripe_public"]}).status_code == 201
    assert call("POST", configure, json={"type": "paystack", "secret_key": PLANTED["paystack_secret"],
                                         "public_key": PLANTED["paystack_public"]}).status_code == 201
    assert call("POST", configure, json={"type": "bumpa", "token": PLANTED["bumpa_token"]}).status_code == 201
    assert call("POST", configure, json={"type": "stripe", "secret_key": PLANTED["rejected"]}).status_code == 400
    assert call("POST", configure, json={"type": "stripe", "secret_key": "sk_test_x", "public_key": PLANTED["bumpa_token"]}).status_code == 400
    custom = call("POST", f"/agents/{agent}/integrations/custom_api/configure", json={
        "name": "Shop", "base_url": standin_api.base, "test_endpoint": "/ok", "auth_type": "bearer",
        "auth_config": {"token": PLANTED["custom_token"]}}).json()["data"]["id"]
    assert call("POST", f"/agents/{agent}/integrations/custom_api/{custom}/tools", json={
        "name": "Lookup", "http_method": "GET", "url_template": "/ok", "auth_type": "basic",
        "auth_config": {"username": "u", "password": PLANTED["tool_password"]}}).status_code == 201
    assert call("POST", f"/agents/{agent}/integrations/custom_api/configure", json={
        "name": "Shop", "base_url": standin_api.base, "test_endpoint": "/unauthorized", "auth_type": "bearer",
        "auth_config": {"token": PLANTED["custom_token"]}}).status_code == 400
    echo = call("POST", f"/agents/{agent}/integrations/custom_api/{custom}/tools", json={
        "name": "Echo", "http_method": "GET", "url_template": "/echo-auth"}).json()["data"]["id"]
    ran = call("POST", f"/agents/{agent}/actions/{echo}/execute", json={"arguments": {}}).json()["data"]
    assert ran["status"] == "succeeded"
    # Upstreams that echo what they were sent: basic credentials, a bare token, errors.
    basic = call("POST", f"/agents/{agent}/integrations/custom_api/{custom}/tools", json={
        "name": "Echo basic", "http_method": "GET", "url_template": "/echo-auth", "auth_type": "basic",
        "auth_config": {"username": "u", "password": PLANTED["echoed_password"]}}).json()["data"]["id"]
    assert call("POST", f"/agents/{agent}/actions/{basic}/execute", json={}).json()["data"]["status"] == "succeeded"
    echo_mcp = call("POST", f"/agents/{agent}/integrations/mcp_server/configure", json={
        "name": "Echo", "server_url": hostile.base + "/mcp/echo", "auth_type": "bearer",
        "auth_config": {"token": PLANTED["echoed_mcp_token"]}}).json()["data"]["id"]
    assert call("POST", f"/agents/{agent}/integrations/mcp_server/{echo_mcp}/discover").status_code == 200
    echo_actions = [a["id"] for a in call("GET", f"/agents/{agent}/actions").json()["data"] if a["integration_id"] == echo_mcp]
    assert len(echo_actions) == 2
    for action in echo_actions:
        assert call("POST", f"/agents/{agent}/actions/{action}/execute", json={}).status_code == 200
    hostile.list_error = True
    assert call("POST", f"/agents/{agent}/integrations/mcp_server/{echo_mcp}/test").json()["data"]["success"] is False
    assert call("POST", f"/agents/{agent}/integrations/mcp_server/{echo_mcp}/discover").status_code == 400
    assert call("GET", f"/agents/{agent}/executions").status_code == 200
    assert call("GET", f"/agents/{agent}/executions/{ran['execution_id']}").status_code == 200
    assert call("GET", f"/agents/{agent}/integrations/custom_api").status_code == 200
    assert call("GET", f"/agents/{agent}/integrations/custom_api/{custom}/tools").status_code == 200
    mcp_url = mcp_servers.start("--token", PLANTED["mcp_token"])
    mcp = call("POST", f"/agents/{agent}/integrations/mcp_server/configure", json={
        "name": "Locked", "server_url": mcp_url, "auth_type": "bearer", "auth_config": {"token": PLANTED["mcp_token"]}}).json()["data"]["id"]
    assert call("POST", f"/agents/{agent}/integrations/mcp_server/{mcp}/test").json()["data"]["success"]
    assert call("POST", f"/agents/{agent}/integrations/mcp_server/{mcp}/discover").status_code == 200
    link = call("POST", configure, json={"type": "google_calendar"}).json()["data"]["onboarding_url"]
    page = httpx.get(link, follow_redirects=True)
    bodies.append(page.text)
    # Catalog actions against providers that echo the Authorization header they
    # received; one Google call first meets a revoked access token and refreshes.
    state.echo_auth = True
    catalog = {a["action_name"]: a["id"] for a in call("GET", f"/agents/{agent}/actions").json()["data"]}
    state.revoke_access_tokens()
    records = {}
    for name, arguments in [("create_customer", {"email": "ada@example.com"}), ("list_calendars", {}),
                            ("initialize_transaction", {"email": "ada@example.com", "amount": 5000}), ("list_orders", {})]:
        ran = call("POST", f"/agents/{agent}/actions/{catalog[name]}/execute", json={"arguments": arguments}).json()["data"]
        assert ran["status"] == "succeeded", ran
        records[name] = call("GET", f"/agents/{agent}/executions/{ran['execution_id']}").text
    for echoed in ["create_customer", "list_calendars", "initialize_transaction"]:
        assert "Bearer [redacted]" in records[echoed], records[echoed]  # the echo came back, redacted
    assert state.refreshes >= 1
    assert call("GET", f"/agents/{agent}/executions?limit=100").status_code == 200
    for path in ["/agents", f"/agents/{agent}", "/audit-events?limit=100", f"/agents/{agent}/actions", f"/agents/{agent}/integrations", f"/agents/{agent}/integrations/bimpeai",
                 f"/agents/{agent}/channels"]:
        assert call("GET", path).status_code == 200
    assert "active" in bodies[-3]

    # Rotate the master key while the server runs; it keeps reading the secrets.
    rotated = switchboard.cli("secrets", "rotate").stdout
    assert "Re-encrypted 9 secrets" in rotated
    statuses = sorted(i["status"] for i in call("GET", f"/agents/{agent}/integrations").json()["data"])
    assert statuses == ["active"] * 6 + ["failed"]  # the echoing MCP server failed its last test

    logs = server.stop()
    google = state.issued_access_tokens + state.issued_refresh_tokens + state.verifiers + [state.client_secret]
    assert google, "the stand-in issued no tokens"
    outputs = {"responses": "\n".join(bodies), "logs": logs, "cli": rotated}
    database = switchboard.database_dump()
    encoded = base64.b64encode(f"u:{PLANTED['echoed_password']}".encode()).decode()
    for name, secret in [*PLANTED.items(), ("echoed basic header", encoded), *(("google", token) for token in google)]:
        for where, text in outputs.items():
            assert secret not in text, f"{name} leaked into {where}"
        assert secret.encode() not in database, f"{name} is stored in the clear"
