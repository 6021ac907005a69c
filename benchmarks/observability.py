"""What logging and tracing cost, against a release build on SQLite, in one run.

Three servers on one database file each: logs off (`SWITCHBOARD_LOG_LEVEL=critical`:
nothing is written), the default `info` (one access-log line per request), and
`info` with OpenTelemetry tracing on at 100 % sampling (`OTEL_TRACES_SAMPLER=always_on`),
exporting over OTLP/HTTP to a collector stand-in that takes each export and
answers at once. Each loads `/health` and an agent's integrations list (wrk,
64 connections) after a 2-second warm-up load that is not counted, alternated over
three rounds; the ratios are to the logs-off server measured in the same round. Then a custom-API tool's `execute` with
tracing off and on (both at `info`), against a fourth server's `/health` as the
upstream.

    benchmarks/observability.py [seconds per load, default 10]   (after `swift build -c release`)
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "contract"))
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench import wrk  # noqa: E402
from conftest import Switchboard  # noqa: E402
from standins.loopback import Loopback  # noqa: E402

SECONDS = int(sys.argv[1]) if len(sys.argv) > 1 else 10
ROUNDS = 3
EXECUTE = """
wrk.method = "POST"
wrk.body = '{"arguments": {}}'
wrk.headers["Content-Type"] = "application/json"
"""


class Sink(BaseHTTPRequestHandler):
    """A collector that takes an OTLP export and answers 200 without decoding it."""
    exports = 0
    received = 0

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        Sink.exports += 1
        Sink.received += len(body)
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


def board(workdir: Path, **env: str) -> Switchboard:
    url = f"sqlite://{workdir / 'bench.sqlite'}"
    workdir.mkdir(parents=True, exist_ok=True)
    return Switchboard(cwd=workdir, env={
        "PATH": os.environ["PATH"], "SWITCHBOARD_DATABASE_URL": url, "SWITCHBOARD_MASTER_KEY_FILE": str(workdir / "master.key"),
        "SWITCHBOARD_ALLOWED_PRIVATE_RANGES": "127.0.0.0/8",
        "SWITCHBOARD_PLANS": json.dumps({"enterprise": {"requests_per_minute": None}}), **env}, database_url=url)


def main() -> None:
    sink = Loopback(Sink)
    tracing = {"OTEL_EXPORTER_OTLP_ENDPOINT": sink.base, "OTEL_TRACES_SAMPLER": "always_on"}
    with tempfile.TemporaryDirectory() as directory:
        work = Path(directory)
        upstream = board(work / "upstream", SWITCHBOARD_LOG_LEVEL="critical").start()
        configs = {"logs off": {"SWITCHBOARD_LOG_LEVEL": "critical"}, "info": {"SWITCHBOARD_LOG_LEVEL": "info"},
                   "info + tracing": {"SWITCHBOARD_LOG_LEVEL": "info", **tracing}}
        servers = {}
        for name, env in configs.items():
            server = board(work / name.replace(" ", "_").replace("+", ""), **env).start()
            api = f"{server.base_url}/api/v1/console"
            client = httpx.Client(headers={"X-Api-Key": server.bootstrap_key}, timeout=30)
            agent = client.post(f"{api}/agents", json={"workflow_id": "wf_PublicCustomerSupport001", "name": "Bench",
                                                        "description": "x"}).json()["data"]["id"]
            shop = client.post(f"{api}/agents/{agent}/integrations/custom_api/configure",
                               json={"name": "Loopback", "base_url": upstream.base_url}).json()["data"]["id"]
            tool = client.post(f"{api}/agents/{agent}/integrations/custom_api/{shop}/tools",
                               json={"name": "Health", "http_method": "GET", "url_template": "/health"}).json()["data"]["id"]
            servers[name] = (server, api, agent, tool)
        script = work / "execute.lua"
        script.write_text(EXECUTE)

        loads = {"/health": lambda s: (f"{s[0].base_url}/health", None, None),
                 "integrations list": lambda s: (f"{s[1]}/agents/{s[2]}/integrations", s[0].bootstrap_key, None),
                 "execute": lambda s: (f"{s[1]}/agents/{s[2]}/actions/{s[3]}/execute", s[0].bootstrap_key, str(script))}
        # A first load warms each server up (connections, caches, the allocator); it is not counted.
        for server in servers.values():
            for target in loads.values():
                wrk(*target(server), seconds=2)
        del loads["execute"]
        rows: dict[tuple[str, str], list[dict]] = {}
        for _ in range(ROUNDS):
            for load, target in loads.items():
                for name, server in servers.items():
                    url, key, lua = target(server)
                    rows.setdefault((load, name), []).append(wrk(url, key, lua, seconds=SECONDS, server_pid=server[0].process.pid))
        print(f"\n| load, {SECONDS} s at 64 connections, {ROUNDS} alternated rounds | req/s (median) | p50 ms | p99 ms | "
              "server CPU µs per request | × logs off (per round) |\n|---|---|---|---|---|---|")
        for (load, name), runs in rows.items():
            base = rows[(load, "logs off")]
            ratios = [run["rps"] / b["rps"] for run, b in zip(runs, base)]
            print(f"| {load}, {name} | {statistics.median(r['rps'] for r in runs):.0f} | "
                  f"{statistics.median(r['p50'] for r in runs):.2f} | {statistics.median(r['p99'] for r in runs):.2f} | "
                  f"{statistics.median(r['server_cpu_us'] for r in runs):.0f} | {' / '.join(f'{r:.2f}' for r in ratios)} |")

        execute = {}
        for _ in range(ROUNDS):
            for name in ("info", "info + tracing"):
                server, api, agent, tool = servers[name]
                execute.setdefault(name, []).append(
                    wrk(f"{api}/agents/{agent}/actions/{tool}/execute", server.bootstrap_key, str(script), seconds=SECONDS,
                        server_pid=server.process.pid))
        print(f"\n| custom-API execute, {SECONDS} s at 64 connections | req/s (median) | p50 ms | server CPU µs per request | "
              "× tracing off (per round) |\n|---|---|---|---|---|")
        for name, runs in execute.items():
            ratios = [run["rps"] / base["rps"] for run, base in zip(runs, execute["info"])]
            print(f"| {name} | {statistics.median(r['rps'] for r in runs):.0f} | {statistics.median(r['p50'] for r in runs):.2f} | "
                  f"{statistics.median(r['server_cpu_us'] for r in runs):.0f} | {' / '.join(f'{r:.2f}' for r in ratios)} |")
        print(f"\ncollector: {Sink.exports} exports, {Sink.received / 1e6:.1f} MB")
        for server, *_ in servers.values():
            server.stop()
        upstream.stop()
    sink.stop()


if __name__ == "__main__":
    main()
