"""Contract fuzzing: schemathesis drives the served openapi.yaml with a valid key.

Every check runs, positive data acceptance included: no answer may be a 5xx, every
answer must match the document, and the document's field rules must be the
validation's (a request the document allows is never a `validation_error`, and one
it forbids is refused). `fuzz_hooks` supplies what no schema can state (real time
zones, URLs that resolve here, refusals by third parties); see its docstring.
Routes documented as not implemented (501) are left out, and so is one check that
does not fit this contract: 405 for unknown methods (the contract answers 404
`Cannot <METHOD> <path>`).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx



def test_the_served_contract_holds_under_fuzzing(sqlite_switchboard, tmp_path):
    switchboard = sqlite_switchboard
    switchboard.env["SWITCHBOARD_PLANS"] = '{"enterprise": {"requests_per_minute": null}}'
    switchboard.env["SWITCHBOARD_AUTH_FAILURES_PER_MINUTE"] = "1000000"
    switchboard.env["SWITCHBOARD_LOG_LEVEL"] = "warning"
    switchboard.env["SWITCHBOARD_ALLOWED_PRIVATE_RANGES"] = "127.0.0.0/8"  # where fuzz_hooks points generated URLs
    server = switchboard.start()
    headers = {"Authorization": f"Bearer {server.bootstrap_key}"}
    api = f"{server.base_url}/api/v1/console"
    workflow = httpx.post(f"{api}/workflows", headers=headers, json={"name": "Fuzz", "system_prompt": "p"}).json()["data"]["id"]
    agent = httpx.post(f"{api}/agents", headers=headers, json={"workflow_id": workflow, "name": "Fuzz", "description": "x"}).json()["data"]["id"]
    config = tmp_path / "schemathesis.toml"
    config.write_text(f'[parameters]\n"path.agentId" = "{agent}"\n"path.workflowId" = "{workflow}"\n')
    result = subprocess.run(
        [str(Path(sys.executable).parent / "schemathesis"), "--config-file", str(config), "run",
         f"{server.base_url}/api/v1/console/openapi.yaml", "--url", server.base_url,
         "-H", f"Authorization: Bearer {server.bootstrap_key}", "--max-examples", os.environ.get("SWITCHBOARD_FUZZ_EXAMPLES", "10"),
         "--checks", "all", "--exclude-checks", "unsupported_method",
         "--exclude-tag", "Not implemented", "--seed", "20261129", "--no-color"],
        capture_output=True, text=True, timeout=900,
        env={**os.environ, "SCHEMATHESIS_HOOKS": "fuzz_hooks", "PYTHONPATH": str(Path(__file__).parent)})
    # The failures first (each with its request to replay), then the summary.
    failures = result.stdout.split("FAILURES", 1)[1].split("WARNINGS", 1)[0] if "FAILURES" in result.stdout else ""
    summary = failures[:6000] + result.stdout[-1500:]
    assert result.returncode == 0, summary
    assert " passed" in summary and "failures" not in summary.split("SUMMARY")[-1].lower(), summary
