"""Tool calls, the product's hot path, against a release build on SQLite.

- A custom-API tool's `execute` under load (wrk, 64 connections) against the same
  upstream called directly, as a ratio. The upstream is a second Switchboard's
  `/health`: a fast HTTP server on loopback.
- The p50 of `execute` on an MCP tool, one call at a time, against a direct
  `tools/call` with the Python `mcp` client on its own kept session (or, in the
  stateless era, its own connection), on the same server: the overhead is what
  Switchboard adds (the HTTP API, arguments, the execution record, the MCP call).

    benchmarks/toolcalls.py [seconds per load, default 10]   (after `swift build -c release`)
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import httpx
import httpx2

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "contract"))
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench import p50_ms, wrk  # noqa: E402
from conftest import MCPServers, Switchboard  # noqa: E402
from mcp import Client  # noqa: E402
from mcp.client.streamable_http import streamable_http_client  # noqa: E402

SECONDS = int(sys.argv[1]) if len(sys.argv) > 1 else 10
EXECUTE = """
wrk.method = "POST"
wrk.body = '{"arguments": {}}'
wrk.headers["Content-Type"] = "application/json"
"""


def board(workdir: Path) -> Switchboard:
    url = f"sqlite://{workdir / 'bench.sqlite'}"
    workdir.mkdir(parents=True, exist_ok=True)
    return Switchboard(cwd=workdir, env={
        "PATH": os.environ["PATH"], "SWITCHBOARD_DATABASE_URL": url, "SWITCHBOARD_MASTER_KEY_FILE": str(workdir / "master.key"),
        "SWITCHBOARD_LOG_LEVEL": "warning", "SWITCHBOARD_ALLOWED_PRIVATE_RANGES": "127.0.0.0/8",
        "SWITCHBOARD_PLANS": json.dumps({"enterprise": {"requests_per_minute": None}})}, database_url=url)


def direct_mcp_p50(url: str, count: int = 300) -> float:
    """p50 of tools/call with the Python client on one kept session (or connection)."""
    async def measure() -> float:
        async with httpx2.AsyncClient() as http, Client(streamable_http_client(url, http_client=http)) as client:
            for _ in range(20):
                await client.call_tool("tool_0", {"q": "x"})
            times = []
            for _ in range(count):
                started = time.perf_counter()
                await client.call_tool("tool_0", {"q": "x"})
                times.append((time.perf_counter() - started) * 1000)
            return sorted(times)[len(times) // 2]
    return asyncio.run(measure())


def main() -> None:
    with tempfile.TemporaryDirectory() as directory:
        work = Path(directory)
        upstream = board(work / "upstream").start()
        server = board(work / "server").start()
        api = f"{server.base_url}/api/v1/console"
        key = server.bootstrap_key
        client = httpx.Client(headers={"X-Api-Key": key}, timeout=30)
        agent = client.post(f"{api}/agents", json={"workflow_id": "wf_PublicCustomerSupport001", "name": "Bench", "description": "x"}).json()["data"]["id"]
        shop = client.post(f"{api}/agents/{agent}/integrations/custom_api/configure",
                           json={"name": "Loopback", "base_url": upstream.base_url}).json()["data"]["id"]
        tool = client.post(f"{api}/agents/{agent}/integrations/custom_api/{shop}/tools",
                           json={"name": "Health", "http_method": "GET", "url_template": "/health"}).json()["data"]
        assert client.post(f"{api}/agents/{agent}/actions/{tool['id']}/execute", json={"arguments": {}}).json()["data"]["status"] == "succeeded"
        script = work / "execute.lua"
        script.write_text(EXECUTE)
        rows = {"upstream GET /health, direct": wrk(f"{upstream.base_url}/health", None, server_pid=upstream.process.pid),
                "custom-API tool execute (GET /health upstream)": wrk(f"{api}/agents/{agent}/actions/{tool['id']}/execute", key, str(script),
                                                                      server_pid=server.process.pid)}
        print(f"\n| load, {SECONDS} s at 64 connections | req/s | p50 ms | p99 ms | non-2xx | CPU µs per request: server / wrk |"
              "\n|---|---|---|---|---|---|")
        for name, row in rows.items():
            print(f"| {name} | {row['rps']:.0f} | {row['p50']:.2f} | {row['p99']:.2f} | {row['errors']} | "
                  f"{row['server_cpu_us']:.0f} / {row['wrk_cpu_us']:.0f} |")
        ratio = rows["custom-API tool execute (GET /health upstream)"]["rps"] / rows["upstream GET /health, direct"]["rps"]
        print(f"\ncustom-API execute / direct upstream: {ratio:.3f}")

        servers = MCPServers(work)
        print("\n| MCP tools/call, one at a time | direct, Python client p50 ms | Switchboard execute p50 ms | overhead ms |\n|---|---|---|---|")
        for era in ("session", "stateless"):
            url = servers.start("--era", era)
            mcp = client.post(f"{api}/agents/{agent}/integrations/mcp_server/configure", json={"name": f"MCP {era}", "server_url": url}).json()["data"]["id"]
            assert client.post(f"{api}/agents/{agent}/integrations/mcp_server/{mcp}/test").json()["data"]["success"]
            client.post(f"{api}/agents/{agent}/integrations/mcp_server/{mcp}/discover")
            action = next(t for t in client.get(f"{api}/agents/{agent}/integrations/mcp_server/{mcp}/tools").json()["data"]
                          if t["action_name"].endswith("tool_0"))

            def execute():
                answer = client.post(f"{api}/agents/{agent}/actions/{action['id']}/execute", json={"arguments": {"q": "x"}})
                assert answer.json()["data"]["status"] == "succeeded", answer.text

            direct = direct_mcp_p50(url)
            through = p50_ms(execute)
            print(f"| {era} era | {direct:.2f} | {through:.2f} | {through - direct:+.2f} |")
        servers.stop()
        server.stop()
        upstream.stop()


if __name__ == "__main__":
    main()
