"""Custom HTTP APIs and their tools, behind the outbound guard."""

from __future__ import annotations

import httpx
import pytest
from bimpeai._exceptions import BadRequestError, NotFoundError, ValidationError
from helpers import PUBLIC_SUPPORT, sdk

AUTH = {
    "none": ("/auth/none", {}),
    "bearer": ("/auth/bearer", {"token": "bearer-token-123"}),
    "basic": ("/auth/basic", {"username": "ada", "password": "lovelace"}),
    "api_key": ("/auth/api_key", {"api_key": "api-key-456"}),
    "api_key_header": ("/auth/api_key_header", {"api_key": "api-key-789", "header_name": "X-Shop-Key"}),
    "custom": ("/auth/custom", {"header_name": "X-Custom-Auth", "token": "Token custom-000"}),
}


@pytest.fixture
def setup(switchboard, standin_api):
    switchboard.env["SWITCHBOARD_ALLOWED_PRIVATE_RANGES"] = "127.0.0.0/8"
    switchboard.env["SWITCHBOARD_PROVIDER_TIMEOUT_SECONDS"] = "4"  # /slow takes twice that
    server = switchboard.start()
    client = sdk(server, server.bootstrap_key)
    agent = client.agents.create(workflow_id=PUBLIC_SUPPORT, name="Shop", description="x").id
    return server, client, agent


@pytest.mark.parametrize("kind", list(AUTH))
def test_each_auth_type_reaches_the_test_endpoint(setup, standin_api, kind):
    server, client, agent = setup
    path, config = AUTH[kind]
    auth_type = "api_key" if kind == "api_key_header" else kind
    body = {"name": f"Shop {kind}", "base_url": standin_api.base, "auth_type": auth_type, "test_endpoint": path}
    if config:
        body["auth_config"] = config
    created = client.agents.integrations.custom_api.configure(agent, **body)
    assert created.config.name == f"Shop {kind}" and created.config.auth_type == auth_type
    assert created.config.base_url == standin_api.base
    assert standin_api.requests[-1][0] == path
    listed = client.agents.integrations.custom_api.list(agent)
    assert [i.id for i in listed] == [created.id]
    for secret in config.values():
        assert secret not in httpx.get(f"{server.base_url}/api/v1/console/agents/{agent}/integrations/custom_api",
                                       headers={"X-Api-Key": server.bootstrap_key}).text


@pytest.mark.parametrize("path,reason", [
    ("/unauthorized", "HTTP 401"), ("/error", "HTTP 500"), ("/slow", "timed out"),
    ("/redirect-private", "::1 is not allowed (it resolves to an address in the loopback range)"),
    ("/auth/bearer", "HTTP 401"),
])
def test_a_failing_test_endpoint_stores_nothing(setup, standin_api, path, reason):
    server, client, agent = setup
    with pytest.raises(BadRequestError) as caught:
        client.agents.integrations.custom_api.configure(agent, name="Shop", base_url=standin_api.base, test_endpoint=path)
    assert caught.value.code == "integration_connection_failed"
    assert str(caught.value) == f"Test request to GET {standin_api.base}{path} failed: {reason}"
    assert client.agents.integrations.custom_api.list(agent) == []


def test_credentials_do_not_follow_a_redirect_to_another_origin(setup, standin_api):
    server, client, agent = setup
    with pytest.raises(BadRequestError) as caught:
        client.agents.integrations.custom_api.configure(agent, name="Shop", base_url=standin_api.base, test_endpoint="/redirect-elsewhere",
                                                        auth_type="bearer", auth_config={"token": "bearer-token-123"})
    assert "redirect to another origin was not followed" in str(caught.value)
    same = client.agents.integrations.custom_api.configure(agent, name="Shop", base_url=standin_api.base, test_endpoint="/redirect-same",
                                                           auth_type="bearer", auth_config={"token": "bearer-token-123"})
    assert same.id.startswith("ch_")


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:9", "http://localhost:9", "http://[::1]:9", "http://169.254.169.254", "http://10.0.0.1",
    "http://0.0.0.0", "http://2130706433", "http://0x7f000001", "http://[::ffff:127.0.0.1]", "http://192.168.0.10",
    "http://[::ffff:0:7f00:1]:9", "http://[64:ff9b:1::a00:1]",
])
def test_private_addresses_are_refused_with_the_guard_on(switchboard, url):
    server = switchboard.start()
    client = sdk(server, server.bootstrap_key)
    agent = client.agents.create(workflow_id=PUBLIC_SUPPORT, name="Shop", description="x").id
    with pytest.raises(ValidationError) as caught:
        client.agents.integrations.custom_api.configure(agent, name="Internal", base_url=url)
    [error] = caught.value.field_errors
    assert error["path"] == "base_url" and "is not allowed (it resolves to an address in the" in error["message"]
    # The rule is named; what a name resolves to is not told.
    assert "127.0.0.1" not in error["message"] or "127.0.0.1" in url
    assert client.agents.integrations.custom_api.list(agent) == []


def test_tools_are_added_listed_and_deleted(setup, standin_api):
    server, client, agent = setup
    api = client.agents.integrations.custom_api.configure(agent, name="Shop", base_url=standin_api.base,
                                                           auth_type="bearer", auth_config={"token": "bearer-token-123"})
    tools = client.agents.integrations.custom_api.tools
    order = tools.add(agent, api.id, {
        "name": "Create Order", "http_method": "POST", "url_template": "/stores/{store_id}/orders",
        "url_params": [{"name": "store_id", "type": "string", "description": "Store", "required": True}],
        "body_params": [{"name": "sku", "type": "string", "description": "Product", "required": True}],
        "body_template": {"sku": "{{sku}}"}, "response_mapping": {"path": "data.id"}, "require_human_approval": True,
    })
    assert order.action_name == "create_order" and order.category == "custom" and order.is_enabled
    again = tools.add(agent, api.id, {"name": "create order", "http_method": "GET", "url_template": "/orders"})
    assert again.action_name == "create_order_2"
    assert [t.action_name for t in tools.list(agent, api.id)] == ["create_order", "create_order_2"]

    listed = client.agents.integrations.list(agent)[0]
    assert [(a.action_name, a.require_human_approval) for a in listed.actions] == [("create_order", True), ("create_order_2", False)]

    tools.delete(agent, api.id, again.id)
    assert [t.id for t in tools.list(agent, api.id)] == [order.id]
    with pytest.raises(NotFoundError) as caught:
        tools.delete(agent, api.id, again.id)
    assert str(caught.value) == "Tool not found"

    client.agents.integrations.custom_api.disconnect(agent, api.id)
    with pytest.raises(NotFoundError):
        tools.list(agent, api.id)
    assert client.agents.integrations.list(agent) == []


def test_a_broken_tool_names_every_field(setup, standin_api):
    server, client, agent = setup
    api = client.agents.integrations.custom_api.configure(agent, name="Shop", base_url=standin_api.base)
    with pytest.raises(ValidationError) as caught:
        client.agents.integrations.custom_api.tools.add(agent, api.id, {
            "name": "Lookup", "http_method": "GET", "url_template": "/items/{item_id}",
            "url_params": [{"name": "q", "type": "text", "description": "Query"}],
            "headers_template": {"Host": "evil"}, "timeout": 0,
        })
    assert caught.value.field_errors == [
        {"path": "url_params[0].type", "message": "must be one of string, number, integer, boolean, array, object"},
        {"path": "url_template", "message": "{item_id} is not declared in url_params"},
        {"path": "headers_template.Host", "message": "cannot be set here; use auth_type and auth_config"},
        {"path": "timeout", "message": "must be between 1 and 120"},
    ]
    assert client.agents.integrations.custom_api.tools.list(agent, api.id) == []


def test_a_custom_api_counts_toward_the_cap_and_auth_must_fit(switchboard, standin_api):
    switchboard.env["SWITCHBOARD_ALLOWED_PRIVATE_RANGES"] = "127.0.0.0/8"
    switchboard.env["SWITCHBOARD_PLANS"] = '{"free": {"requests_per_minute": null}}'
    server = switchboard.start("--no-bootstrap")
    key = switchboard.make_key(switchboard.make_team("free"))
    client = sdk(server, key)
    agent = client.agents.create(workflow_id=PUBLIC_SUPPORT, name="a", description="b").id
    with pytest.raises(ValidationError) as caught:
        client.agents.integrations.custom_api.configure(agent, name="x", auth_type="basic", auth_config={"token": "t"})
    assert {e["path"] for e in caught.value.field_errors} == {"auth_config.username", "auth_config.password", "auth_config.token"}
    for index in range(3):
        client.agents.integrations.custom_api.configure(agent, name=f"api {index}", base_url=standin_api.base)
    response = httpx.post(f"{server.base_url}/api/v1/console/agents/{agent}/integrations/custom_api/configure",
                          headers={"X-Api-Key": key},
                          json={"name": "one too many"})
    assert response.status_code == 409 and response.json()["code"] == "integration_limit_reached"
