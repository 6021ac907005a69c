"""Screenshots of the console's main pages at 1280 and 390 px wide, for the README.

    .venv/bin/python contract/screenshots.py [OUT_DIR]     (default: docs/screenshots)

Starts a server (the built binary, as the contract tests do) on a fresh SQLite file with
a stand-in API and a webhook receiver, makes an agent with a custom API, two tools, a run
and one waiting for approval, then opens each page in headless Chromium. The console
tests call `seed` and `capture` too: every page must render at both widths with no
browser error and nothing wider than the window."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from browser import NARROW, WIDE, ConsolePage, chromium
from helpers import Console, add_tool, new_agent

PAGES = [
    ("overview", "", "Overview"),
    ("agents", "agents", "Agents"),
    ("agent", "agents/{agent}", "Shop helper"),
    ("connect", "agents/{agent}/connect/custom_api", "Connect a custom API"),
    ("integration", "agents/{agent}/integrations/{integration}", "Shop API"),
    ("run", "agents/{agent}/actions/{action}", "Order by id"),
    ("executions", "agents/{agent}/executions", "Executions of Shop helper"),
    ("execution", "agents/{agent}/executions/{execution}", "order_by_id: succeeded"),
    ("webhooks", "webhooks", "Webhooks"),
    ("audit", "audit", "Audit log"),
]


def seed(server, api_base: str, hook_url: str) -> dict[str, str]:
    """An agent with a custom API, two tools, one run done and one waiting for approval, and a webhook."""
    api = Console(server)
    agent = new_agent(api, "Shop helper")
    api("PATCH", f"/agents/{agent}", json={"description": "Answers the shop's customers about their orders"})
    integration = api("POST", f"/agents/{agent}/integrations/custom_api/configure",
                      json={"name": "Shop API", "base_url": api_base}).json()["data"]["id"]
    action = add_tool(api, agent, integration, name="Order by id", description="One order, with its items", http_method="GET",
                      url_template="/tool/orders/{id}",
                      url_params=[{"name": "id", "type": "string", "description": "The order's id", "required": True},
                                  {"name": "expand", "type": "boolean", "description": "With its items"}])
    refund = add_tool(api, agent, integration, name="Refund", http_method="POST", url_template="/tool/refunds",
                      body_params=[{"name": "amount", "type": "integer", "description": "In cents", "required": True},
                                   {"name": "reason", "type": "string", "enum": ["damaged", "late", "other"], "description": ""}],
                      body_template={"amount": "{{amount}}", "reason": "{{reason}}"}, require_human_approval=True)
    run = api("POST", f"/agents/{agent}/actions/{action}/execute", json={"arguments": {"id": "ord_1042"}}).json()["data"]
    api("POST", f"/agents/{agent}/actions/{refund}/execute", json={"arguments": {"amount": 1250, "reason": "damaged"}})
    api("POST", "/webhooks", json={"url": hook_url, "events": ["execution.succeeded", "execution.pending_approval"],
                                   "description": "Operations channel"})
    return {"agent": agent, "integration": integration, "action": action, "execution": run["execution_id"]}


def capture(server, ids: dict[str, str], out_dir: Path) -> list[dict]:
    """Each page at each width: its title, whether anything is wider than the window, browser errors; a PNG each."""
    from PIL import Image

    out_dir.mkdir(parents=True, exist_ok=True)
    shots = []
    for width_name, size in [("wide", WIDE), ("narrow", NARROW)]:
        driver = chromium(size)
        try:
            ui = ConsolePage(driver, server.base_url)
            ui.sign_in(server.bootstrap_key)
            for name, route, title in PAGES:
                ui.open(route.format(**ids))
                ui.wait_title(title)
                ui.wait.until(lambda d: not d.find_elements("css selector", "#view .loading"))
                wide = driver.execute_script("return document.documentElement.scrollWidth > window.innerWidth")
                path = out_dir / f"{name}-{width_name}.png"
                driver.save_screenshot(str(path))
                Image.open(path).convert("RGB").quantize(colors=64).save(path, optimize=True)
                shots.append({"page": name, "width": size[0], "title": ui.title(), "too_wide": wide,
                              "errors": ui.console_errors(), "path": path})
        finally:
            driver.quit()
    return shots


def main() -> None:
    from conftest import _board
    from standins.custom_api import StandinAPI
    from standins.receiver import Receiver

    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "docs" / "screenshots"
    with tempfile.TemporaryDirectory() as tmp:
        board = _board("sqlite", Path(tmp))
        board.env["SWITCHBOARD_ALLOWED_PRIVATE_RANGES"] = "127.0.0.0/8"
        upstream, receiver = StandinAPI(), Receiver()
        server = board.start()
        try:
            for shot in capture(server, seed(server, upstream.base, receiver.url), out_dir):
                print(f"{shot['path']}  {shot['width']} px  {shot['path'].stat().st_size // 1024} KiB")
        finally:
            server.stop()
            upstream.stop()
            receiver.stop()


if __name__ == "__main__":
    main()
