"""Small helpers shared by the contract tests."""

from __future__ import annotations

import json

import httpx
from bimpeai import BimpeAI

# The public workflow every test agent is made from.
PUBLIC_SUPPORT = "wf_PublicCustomerSupport001"
# The MCP revision of the stateless era.
MODERN = "2026-07-28"


def sdk(server, key: str, sent: list[str] | None = None, max_retries: int = 0) -> BimpeAI:
    """An official SDK client for `server`; records the X-Request-Id of each request in `sent`."""

    def record(request: httpx.Request) -> None:
        if sent is not None:
            sent.append(request.headers["x-request-id"])

    http = httpx.Client(event_hooks={"request": [record]})
    return BimpeAI(api_key=key, base_url=server.base_url, max_retries=max_retries, http_client=http)


class Console:
    """Plain HTTP against the console with one key, for endpoints the SDK does not cover."""

    def __init__(self, server) -> None:
        self.base = f"{server.base_url}/api/v1/console"
        self.headers = {"Authorization": f"Bearer {server.bootstrap_key}"}

    def __call__(self, method: str, path: str, headers: dict[str, str] | None = None, **kwargs) -> httpx.Response:
        return httpx.request(method, self.base + path, headers={**self.headers, **(headers or {})}, timeout=30, **kwargs)


def start_with_agent(board, **env):
    """Starts a Switchboard that may call loopback servers (with `env` on top); answers it, a Console on it, and a new agent."""
    board.env.update({"SWITCHBOARD_ALLOWED_PRIVATE_RANGES": "127.0.0.0/8", **env})
    server = board.start()
    console = Console(server)
    return server, console, new_agent(console)


def shop_with_providers(board, providers, **env):
    """Starts a Switchboard wired to the provider stand-ins (with `env` on top); answers it, an SDK client with its
    full key, and a new agent."""
    board.env.update({**providers.settings(), **env})
    server = board.start()
    client = sdk(server, server.bootstrap_key)
    return server, client, client.agents.create(workflow_id=PUBLIC_SUPPORT, name="Shop bot", description="Sells").id


def new_agent(console: Console, name: str = "Ada") -> str:
    """A new agent of the public workflow, through `console`; answers its id."""
    answer = console("POST", "/agents", json={"workflow_id": PUBLIC_SUPPORT, "name": name, "description": "x"})
    assert answer.status_code == 201, answer.text
    return answer.json()["data"]["id"]


def add_api(console, agent, base, auth_type="none", auth_config=None) -> str:
    body = {"name": f"API {auth_type}", "base_url": base, "auth_type": auth_type}
    if auth_config:
        body["auth_config"] = auth_config
    response = console("POST", f"/agents/{agent}/integrations/custom_api/configure", json=body)
    assert response.status_code == 201, response.text
    return response.json()["data"]["id"]


def add_tool(console, agent, api, **tool) -> str:
    response = console("POST", f"/agents/{agent}/integrations/custom_api/{api}/tools", json=tool)
    assert response.status_code == 201, response.text
    return response.json()["data"]["id"]


def consent(link: str) -> httpx.Response:
    """What a person's browser does with an onboarding link: open it, consent (scripted by
    the stand-in authorization server), come back; the cookies live for the whole flow."""
    return httpx.get(link, follow_redirects=True, timeout=60)


# The agent MCP gateway, by raw HTTP.

def post(url, key, body, headers=None, **kwargs):
    base = {"Authorization": f"Bearer {key}", "Accept": "application/json, text/event-stream"}
    content = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return httpx.post(url, headers={**base, **(headers or {})}, content=content, timeout=30, **kwargs)


def modern(method, params=None, *, id=1, version=MODERN, headers=None):
    meta = {"io.modelcontextprotocol/protocolVersion": version, "io.modelcontextprotocol/clientCapabilities": {}}
    body = {"jsonrpc": "2.0", "id": id, "method": method, "params": {**(params or {}), "_meta": meta}}
    sent = {"MCP-Protocol-Version": version, "Mcp-Method": method}
    if method == "tools/call":
        sent["Mcp-Name"] = body["params"]["name"]
    return body, {**sent, **(headers or {})}
