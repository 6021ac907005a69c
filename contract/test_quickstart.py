"""The README's quickstart, run as written: its shell steps in bash, its Python in the
contract venv. Only the addresses change: the server the test started instead of
127.0.0.1:8080, its key, and a local stand-in for the public API (tests have no
internet)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

README = (Path(__file__).parent.parent / "README.md").read_text()


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language} quickstart\n(.*?)```", README, re.S)


def test_the_readme_quickstart_runs_as_written(sqlite_switchboard, standin_api):
    sqlite_switchboard.env["SWITCHBOARD_ALLOWED_PRIVATE_RANGES"] = "127.0.0.0/8"
    server = sqlite_switchboard.start()

    def here(text: str) -> str:
        return (text.replace("http://127.0.0.1:8080", server.base_url)
                .replace("https://restcountries.com/v3.1", standin_api.base + "/tool")
                .replace("sk_paste_the_key_it_printed", server.bootstrap_key))

    shell = blocks("sh")
    assert len(shell) == 2
    script = "\n".join(here(block) for block in shell) + '\necho\necho "AGENT=$AGENT"\n'
    ran = subprocess.run(["bash", "-euo", "pipefail", "-c", script], capture_output=True, text=True, timeout=60)
    assert ran.returncode == 0, ran.stderr
    *_, answer, agent_line = ran.stdout.strip().splitlines()
    execution = json.loads(answer)["data"]
    assert execution["status"] == "succeeded" and execution["upstream_status"] == 200, execution
    assert standin_api.calls[-1]["method"] == "GET" and standin_api.calls[-1]["path"] == "/tool/alpha/NG"
    agent = agent_line.split("=", 1)[1]
    assert agent.startswith("agt_")

    sdk, mcp = blocks("python")
    env = {**os.environ, "KEY": server.bootstrap_key, "AGENT": agent}
    with_sdk = subprocess.run([sys.executable, "-c", here(sdk)], env=env, capture_output=True, text=True, timeout=60)
    assert with_sdk.returncode == 0, with_sdk.stderr
    assert with_sdk.stdout.startswith("succeeded {")
    assert standin_api.calls[-1]["path"] == "/tool/alpha/NG"

    with_mcp = subprocess.run([sys.executable, "-c", here(mcp)], env=env, capture_output=True, text=True, timeout=60)
    assert with_mcp.returncode == 0, with_mcp.stderr
    tools, result = with_mcp.stdout.strip().splitlines()
    assert "country_by_code" in tools
    assert standin_api.calls[-1]["path"] == "/tool/alpha/GH" and json.loads(result)["method"] == "GET"
