"""Loads a release build of Switchboard with wrk and prints the figures.

For SQLite and PostgreSQL: requests/second and p50/p99 at 64 connections for
/health (the server's own ceiling), three authenticated reads and one idempotent
write, each as a ratio to /health measured in the same run; read latency as the
team grows from 10 to 10,000 integrations and 100 to 100,000 tools; MCP discover
of 10, 100 and 1,000 tools; the agent MCP gateway (tools/list under load as a
ratio to /health, and the p50 of one tools/call against a direct execute of the
same action, one request at a time); resident memory after the load.
"""

from __future__ import annotations

import json
import os
import re
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "contract"))
from conftest import MCPServers, Switchboard, free_port  # noqa: E402

SECONDS = int(sys.argv[1]) if len(sys.argv) > 1 else 10
# Options for a quick round: `--loads-only` skips growth, discover and the gateway
# call; `--kind sqlite` or `--kind postgres` runs one database.
LOADS_ONLY = "--loads-only" in sys.argv
KINDS = [sys.argv[sys.argv.index("--kind") + 1]] if "--kind" in sys.argv else ["sqlite", "postgres"]
CONNECTIONS = 64
POST_SCRIPT = """
counter = 0
request = function()
  counter = counter + 1
  local body = '{"name": "Bench API ' .. counter .. '", "base_url": "http://127.0.0.1:9"}'
  local headers = {}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  headers["Content-Type"] = "application/json"
  headers["Idempotency-Key"] = "bench-" .. tostring({}):sub(8) .. "-" .. counter
  return wrk.format("POST", nil, headers, body)
end
"""

GATEWAY_LIST = """
wrk.method = "POST"
wrk.body = '{"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {"_meta": {"io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {}}}}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["MCP-Protocol-Version"] = "2026-07-28"
wrk.headers["Mcp-Method"] = "tools/list"
"""
MODERN_META = {"io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {}}


def p50_ms(send, count: int = 300) -> float:
    """The median time of `count` calls of `send`, one at a time, after a warm-up."""
    for _ in range(20):
        send()
    times = []
    for _ in range(count):
        started = time.perf_counter()
        send()
        times.append((time.perf_counter() - started) * 1000)
    return sorted(times)[len(times) // 2]


def gateway_call_overhead(api: str, agent: str, key: str) -> dict:
    """execute vs the gateway's tools/call of one GET tool whose upstream answers on loopback."""
    from standins.custom_api import StandinAPI

    upstream = StandinAPI()
    try:
        with httpx.Client(headers={"X-Api-Key": key}, timeout=30) as client:
            shop = client.post(f"{api}/agents/{agent}/integrations/custom_api/configure",
                               json={"name": "Loopback shop", "base_url": upstream.base}).json()["data"]["id"]
            action = client.post(f"{api}/agents/{agent}/integrations/custom_api/{shop}/tools", json={
                "name": "Lookup order", "http_method": "GET", "url_template": "/tool/orders/{id}",
                "url_params": [{"name": "id", "type": "string", "description": "", "required": True}]}).json()["data"]

            def execute():
                answer = client.post(f"{api}/agents/{agent}/actions/{action['id']}/execute", json={"arguments": {"id": "1"}})
                assert answer.json()["data"]["status"] == "succeeded", answer.text

            def gateway():
                body = {"jsonrpc": "2.0", "id": 1, "method": "tools/call",
                        "params": {"name": action["action_name"], "arguments": {"id": "1"}, "_meta": MODERN_META}}
                answer = client.post(f"{api}/agents/{agent}/mcp", json=body, headers={
                    "MCP-Protocol-Version": "2026-07-28", "Mcp-Method": "tools/call", "Mcp-Name": action["action_name"]})
                assert answer.json()["result"]["isError"] is False, answer.text

            return {"execute_p50_ms": p50_ms(execute), "gateway_p50_ms": p50_ms(gateway)}
    finally:
        upstream.stop()


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time the processes have used so far."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def postgres_cpu() -> dict[int, float]:
    """CPU seconds so far of each PostgreSQL server process (connections opened during a load count whole)."""
    used = {}
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and (entry / "comm").read_text().strip() == "postgres":
                used[int(entry.name)] = cpu_seconds([int(entry.name)])
        except (FileNotFoundError, ProcessLookupError):
            continue
    return used


def wrk(url: str, key: str | None, script: str | None = None, seconds: int = SECONDS, server_pid: int | None = None) -> dict:
    """wrk's figures, with the CPU time per request of the server, the database server and wrk itself."""
    database = postgres_cpu()
    before = (cpu_seconds([server_pid] if server_pid else []), resource.getrusage(resource.RUSAGE_CHILDREN))
    args = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency"]
    if key:
        args += ["-H", f"X-Api-Key: {key}"]
    if script:
        args += ["-s", script]
    out = subprocess.run(args + [url], capture_output=True, text=True, check=True).stdout
    def latency(label: str) -> float:
        match = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", out)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    def per_request(used: float) -> float:
        return used / max(requests, 1) * 1e6
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), "p50": latency("50"), "p99": latency("99"),
            "errors": int(non2xx.group(1)) if non2xx else 0,
            "server_cpu_us": per_request(cpu_seconds([server_pid] if server_pid else []) - before[0]),
            "database_cpu_us": per_request(sum(used - database.get(pid, 0) for pid, used in postgres_cpu().items())),
            "wrk_cpu_us": per_request(children.ru_utime + children.ru_stime - before[1].ru_utime - before[1].ru_stime)}


def seed_rows(board: Switchboard, team: str, agents: int, per_agent: int, tools: int) -> None:
    """Bulk rows straight into the database (the API would take too long for 100,000 tools)."""
    now = int(time.time() * 1000)
    statements = [
        f"""INSERT INTO agents (id, team_id, name, description, language, timezone, test_channel_code, status, created_at, updated_at)
            SELECT 'agt_seed' || g, '{team}', 'Seed ' || g, 'seeded', 'en', 'UTC', 'S' || g, 'development', {now}, {now} FROM series(0, {agents - 1}) g""",
        f"""INSERT INTO integrations (id, team_id, agent_id, family, type, name, status, config, created_at, updated_at)
            SELECT 'ch_seed' || g, '{team}', 'agt_seed' || (g % {agents}), 'custom_api', 'custom_api', 'Seeded', 'active',
                   '{{"auth_type":"none","base_url":null,"description":null,"name":"Seeded"}}', {now}, {now}
            FROM series(0, {agents * per_agent - 1}) g""",
        f"""INSERT INTO actions (id, team_id, agent_id, integration_id, action_name, name, category, is_enabled,
                                 require_human_approval, definition, input_schema, created_at, updated_at)
            SELECT 'act_seed' || g, '{team}', 'agt_seed' || ((g % {agents * per_agent}) % {agents}), 'ch_seed' || (g % {agents * per_agent}),
                   'seeded_' || g, 'Seeded ' || g, 'custom', TRUE, FALSE, '{{}}', '{{}}', {now}, {now} FROM series(0, {tools - 1}) g""",
    ]
    if board.database_url.startswith("sqlite://"):
        db = sqlite3.connect(board.database_url[len("sqlite://"):])
        for sql in statements:
            # SQLite has no generate_series here: a recursive CTE counts instead.
            count = int(re.search(r"series\(0, (\d+)\)", sql).group(1))
            body = re.sub(r"FROM series\(0, \d+\) g", "FROM series", sql)
            db.execute(f"WITH RECURSIVE series(g) AS (SELECT 0 UNION ALL SELECT g + 1 FROM series WHERE g < {count}) {body}")
        db.commit()
        db.close()
    else:
        for sql in statements:
            subprocess.run(["psql", board.database_url, "-qc", sql.replace("series(", "generate_series(")], check=True)
        # Autovacuum would analyze the new rows within a minute; the figures are for that steady state.
        subprocess.run(["psql", board.database_url, "-qc", "ANALYZE"], check=True)


def rss_kb(pid: int) -> int:
    return int(re.search(r"VmRSS:\s+(\d+)", Path(f"/proc/{pid}/status").read_text()).group(1))


def bench_board(kind: str, workdir: Path) -> Switchboard:
    """A Switchboard on a new database of `kind` (PostgreSQL from SWITCHBOARD_TEST_POSTGRES_URL), logging warnings only,
    unlimited, allowed to call loopback."""
    if kind == "postgres":
        name = f"bench_{int(time.time() * 1000)}"
        subprocess.run(["psql", os.environ["SWITCHBOARD_TEST_POSTGRES_URL"], "-qc", f"CREATE DATABASE {name}"], check=True)
        url = os.environ["SWITCHBOARD_TEST_POSTGRES_URL"].replace("/postgres?", f"/{name}?")
    else:
        url = f"sqlite://{workdir / 'bench.sqlite'}"
    return Switchboard(cwd=workdir, env={
        "PATH": os.environ["PATH"], "SWITCHBOARD_DATABASE_URL": url, "SWITCHBOARD_MASTER_KEY_FILE": str(workdir / "master.key"),
        "SWITCHBOARD_LOG_LEVEL": "warning", "SWITCHBOARD_ALLOWED_PRIVATE_RANGES": "127.0.0.0/8",
        "SWITCHBOARD_PLANS": json.dumps({"enterprise": {"requests_per_minute": None}})}, database_url=url)


def run_kind(kind: str, workdir: Path) -> dict:
    board = bench_board(kind, workdir)
    server = board.start()
    key = server.bootstrap_key

    def load(url: str, key: str | None, script: str | None = None, seconds: int = SECONDS) -> dict:
        return wrk(url, key, script, seconds, server_pid=server.process.pid)

    api = f"{server.base_url}/api/v1/console"
    headers = {"X-Api-Key": key}
    agent = httpx.post(f"{api}/agents", headers=headers, json={"workflow_id": "wf_PublicCustomerSupport001", "name": "Bench", "description": "x"}).json()["data"]["id"]
    custom = httpx.post(f"{api}/agents/{agent}/integrations/custom_api/configure", headers=headers,
                        json={"name": "Shop", "base_url": "http://127.0.0.1:9"}).json()["data"]["id"]
    for index in range(20):
        httpx.post(f"{api}/agents/{agent}/integrations/custom_api/{custom}/tools", headers=headers,
                   json={"name": f"Tool {index}", "http_method": "GET", "url_template": f"/t/{index}"})
    writer = httpx.post(f"{api}/agents", headers=headers, json={"workflow_id": "wf_PublicCustomerSupport001", "name": "Writes", "description": "x"}).json()["data"]["id"]
    script = workdir / "post.lua"
    script.write_text(POST_SCRIPT)
    team = board.cli("teams", "list").stdout.split("\t")[0]
    result: dict = {"loads": {}}
    result["loads"]["GET /health"] = load(f"{server.base_url}/health", None)
    # Key check and middleware with no database work: the ceiling of any authenticated request.
    result["loads"]["GET .../knowledge_bases (key check only, 501)"] = load(f"{api}/agents/{agent}/knowledge_bases", key)
    result["loads"]["GET /agents/{id}/integrations"] = load(f"{api}/agents/{agent}/integrations", key)
    result["loads"]["GET .../custom_api/{id}/tools"] = load(f"{api}/agents/{agent}/integrations/custom_api/{custom}/tools", key)
    result["loads"]["GET /agents?page=1&limit=20"] = load(f"{api}/agents?page=1&limit=20", key)
    result["loads"]["POST .../custom_api/configure (idempotent)"] = load(f"{api}/agents/{writer}/integrations/custom_api/configure", key, str(script))
    gateway_script = workdir / "gateway.lua"
    gateway_script.write_text(GATEWAY_LIST)
    result["loads"]["POST .../mcp tools/list (gateway, 20 tools)"] = load(f"{api}/agents/{agent}/mcp", key, str(gateway_script))
    result["rss_after_load_kb"] = rss_kb(server.process.pid)
    if LOADS_ONLY:
        server.stop()
        return result
    result["gateway_call"] = gateway_call_overhead(api, agent, key)

    def read_latency(path: str) -> float:
        return load(f"{api}{path}", key, seconds=max(3, SECONDS // 3))["p50"]

    growth = []
    seeded_integrations, seeded_tools = 10, 100
    small = (read_latency(f"/agents/{agent}/integrations"), read_latency(f"/agents/{agent}/integrations/custom_api/{custom}/tools"))
    growth.append({"team_integrations": seeded_integrations, "team_tools": seeded_tools, "p50_integrations_ms": small[0], "p50_tools_ms": small[1]})
    seed_rows(board, team, agents=1000, per_agent=10, tools=100_000)
    big = (read_latency(f"/agents/{agent}/integrations"), read_latency(f"/agents/{agent}/integrations/custom_api/{custom}/tools"))
    growth.append({"team_integrations": 10_000, "team_tools": 100_000, "p50_integrations_ms": big[0], "p50_tools_ms": big[1]})
    result["growth"] = growth

    servers = MCPServers(workdir)
    discover = []
    for count in (10, 100, 1000):
        mcp_url = servers.start("--tools", str(count), "--page-size", "100")
        mcp = httpx.post(f"{api}/agents/{agent}/integrations/mcp_server/configure", headers=headers,
                         json={"name": f"MCP {count}", "server_url": mcp_url}).json()["data"]["id"]
        started = time.perf_counter()
        answer = httpx.post(f"{api}/agents/{agent}/integrations/mcp_server/{mcp}/discover", headers=headers, timeout=120).json()["data"]
        discover.append({"tools": count, "seconds": round(time.perf_counter() - started, 3), "created": answer["created"]})
    servers.stop()
    result["discover"] = discover
    server.stop()
    return result


def main() -> None:
    machine = {"cores": os.cpu_count(), "memory_gib": round(int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1)) / 2**20, 1),
               "cpu": re.search(r"model name\s+: (.*)", Path("/proc/cpuinfo").read_text()).group(1)}
    print(f"machine: {machine}; {CONNECTIONS} connections, {SECONDS}s per load")
    report = {"machine": machine}
    for kind in KINDS:
        with tempfile.TemporaryDirectory() as directory:
            report[kind] = run_kind(kind, Path(directory))
        loads = report[kind]["loads"]
        health = loads["GET /health"]["rps"]
        print(f"\n## {kind}\n| load | req/s | p50 ms | p99 ms | non-2xx | ratio to /health | CPU µs per request: server / database / wrk |"
              "\n|---|---|---|---|---|---|---|")
        for name, figures in loads.items():
            print(f"| {name} | {figures['rps']:.0f} | {figures['p50']:.2f} | {figures['p99']:.2f} | {figures['errors']} | {figures['rps'] / health:.3f} | "
                  f"{figures['server_cpu_us']:.0f} / {figures['database_cpu_us']:.0f} / {figures['wrk_cpu_us']:.0f} |")
        print(f"\nresident memory after the load: {report[kind]['rss_after_load_kb'] / 1024:.1f} MiB")
        if LOADS_ONLY:
            continue
        print("\n| team integrations | team tools | p50 integrations list ms | p50 tools list ms |\n|---|---|---|---|")
        for row in report[kind]["growth"]:
            print(f"| {row['team_integrations']} | {row['team_tools']} | {row['p50_integrations_ms']:.2f} | {row['p50_tools_ms']:.2f} |")
        print("\n| MCP tools discovered | seconds |\n|---|---|")
        for row in report[kind]["discover"]:
            print(f"| {row['tools']} | {row['seconds']} |")
        call = report[kind]["gateway_call"]
        print(f"\n| one tool call, p50 ms | execute | gateway tools/call | overhead |\n|---|---|---|---|\n"
              f"| GET tool, loopback upstream | {call['execute_p50_ms']:.2f} | {call['gateway_p50_ms']:.2f} | "
              f"{call['gateway_p50_ms'] - call['execute_p50_ms']:+.2f} |")
    if LOADS_ONLY:
        return
    (ROOT / "benchmarks" / "last-run.json").write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
