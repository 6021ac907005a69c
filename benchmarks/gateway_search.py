"""The gateway at scale, against a release build on SQLite and PostgreSQL:
`tools/list` on an agent with 300 tools, its first page of 100 tools (`?tools=all`)
against the search pair (`?tools=search`), under load with wrk; and the p50 of one
`search_tools` call at 1,000 tools, one request at a time. `/health` of the same run
is the baseline. The tools come from generated OpenAPI documents (one operation per
tool, words drawn from a fixed vocabulary), imported.

    benchmarks/gateway_search.py [seconds per load, default 10]   (after `swift build -c release`)
"""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "contract"))
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench import bench_board, p50_ms, wrk  # noqa: E402

SECONDS = int(sys.argv[1]) if len(sys.argv) > 1 else 10
KINDS = ["sqlite"] + (["postgres"] if os.environ.get("SWITCHBOARD_TEST_POSTGRES_URL") else [])
VERBS = ["create", "list", "get", "update", "delete", "cancel", "archive", "search", "export", "refund"]
NOUNS = ["order", "customer", "invoice", "payment", "file", "image", "message", "thread", "project", "user", "report",
         "shipment", "coupon", "ticket", "webhook", "event", "product", "price", "subscription", "note"]
META = {"io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {}}


def document(count: int, seed: int) -> dict:
    rng = random.Random(seed)
    paths = {}
    for index in range(count):
        verb, noun, other = rng.choice(VERBS), rng.choice(NOUNS), rng.choice(NOUNS)
        paths[f"/r{seed}/{noun}s/{index}"] = {"get": {
            "operationId": f"{verb}_{noun}_{index}",
            "summary": f"{verb.title()} a {noun} and its {other}",
            "description": f"{verb.title()}s one {noun} of the account, with the {other} it belongs to.",
            "parameters": [{"name": f"{noun}_id", "in": "query", "description": f"The {noun}", "schema": {"type": "string"}}]}}
    return {"openapi": "3.0.3", "info": {"title": f"Generated {seed}", "version": "1"}, "servers": [{"url": "http://127.0.0.1:9"}],
            "paths": paths}


def listing(mode: str) -> str:
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {"_meta": META}})
    return f"""
wrk.method = "POST"
wrk.body = '{body}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["MCP-Protocol-Version"] = "2026-07-28"
wrk.headers["Mcp-Method"] = "tools/list"
"""


def run_kind(kind: str, workdir: Path) -> dict:
    server = bench_board(kind, workdir).start()
    key = server.bootstrap_key
    api = f"{server.base_url}/api/v1/console"
    figures = {}
    with httpx.Client(headers={"Authorization": f"Bearer {key}"}, timeout=300) as client:
        agent = client.post(f"{api}/agents", json={"workflow_id": "wf_PublicCustomerSupport001", "name": "Bench",
                                                   "description": "x"}).json()["data"]["id"]
        for seed in range(3):
            assert client.post(f"{api}/agents/{agent}/integrations/custom_api/import",
                               json={"document": document(100, seed), "approval": "none"}).status_code == 201
        script = workdir / "list.lua"
        script.write_text(listing("all"))
        health = wrk(f"{server.base_url}/health", None)
        figures["GET /health (req/s)"] = health["rps"]
        for mode in ["all", "search"]:
            result = wrk(f"{api}/agents/{agent}/mcp?tools={mode}", key, str(script))
            figures[f"tools/list, 300 tools, ?tools={mode} (ratio to /health)"] = round(
                result["rps"] / health["rps"], 3)
        for seed in range(3, 10):
            client.post(f"{api}/agents/{agent}/integrations/custom_api/import", json={"document": document(100, seed)})
        count = len(client.get(f"{api}/agents/{agent}/actions").json()["data"])
        queries = iter(["refund a payment for a customer", "archive an old project", "find a shipment", "export a report"] * 200)

        def search():
            answer = client.post(f"{api}/agents/{agent}/mcp?tools=search", headers={
                "MCP-Protocol-Version": "2026-07-28", "Mcp-Method": "tools/call", "Mcp-Name": "search_tools"}, json={
                "jsonrpc": "2.0", "id": 1, "method": "tools/call",
                "params": {"name": "search_tools", "arguments": {"query": next(queries), "limit": 8}, "_meta": META}})
            assert answer.status_code == 200 and answer.json()["result"]["structuredContent"]["tools"], answer.text

        figures[f"search_tools p50 at {count} tools (ms)"] = round(p50_ms(search, 200), 2)
        figures["GET /health p50 (ms)"] = round(p50_ms(lambda: client.get(f"{server.base_url}/health"), 200), 3)
    server.stop()
    return figures


def main() -> None:
    for kind in KINDS:
        with tempfile.TemporaryDirectory() as directory:
            print(kind, json.dumps(run_kind(kind, Path(directory))))


if __name__ == "__main__":
    main()
