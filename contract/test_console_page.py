"""The console page in a real headless Chromium: sign in with a key, approve and
reject executions waiting for a person, see the integrations and the latest runs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import httpx
import pytest
from helpers import Console, add_api, add_tool, new_agent
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

OUTPUT = Path(__file__).resolve().parent.parent / ".test-output"


@pytest.fixture
def browser():
    options = Options()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1200,1400"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    yield driver
    driver.quit()


def status_text(driver) -> str:
    return driver.find_element(By.ID, "status").text


def test_a_person_signs_in_and_approves_and_rejects(switchboard, standin_api, browser):
    switchboard.env["SWITCHBOARD_ALLOWED_PRIVATE_RANGES"] = "127.0.0.0/8"
    server = switchboard.start()
    console = Console(server)
    name = "Ada <img src=x onerror=alert(1)>"
    agent = new_agent(console, name)
    api = add_api(console, agent, standin_api.base)
    refund = add_tool(console, agent, api, name="Refund", http_method="POST", url_template="/tool/refunds",
                      body_params=[{"name": "amount", "type": "integer", "description": "", "required": True}],
                      body_template={"amount": "{{amount}}"}, require_human_approval=True)
    # An MCP server waiting for a person to authorize it (configure does not call it).
    waiting = console("POST", f"/agents/{agent}/integrations/mcp_server/configure",
                      json={"name": "Guild", "server_url": "http://127.0.0.1:9/mcp", "auth_type": "oauth"})
    assert waiting.status_code == 201, waiting.text
    first = console("POST", f"/agents/{agent}/actions/{refund}/execute", json={"arguments": {"amount": 500}}).json()["data"]
    second = console("POST", f"/agents/{agent}/actions/{refund}/execute", json={"arguments": {"amount": 9}}).json()["data"]
    assert first["status"] == second["status"] == "pending_approval"
    before = len(standin_api.calls)

    page = httpx.get(server.base_url + "/console")
    policy = page.headers["content-security-policy"]
    assert page.status_code == 200 and "default-src 'none'" in policy and "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy and page.headers["x-content-type-options"] == "nosniff"

    browser.get(server.base_url + "/console")
    wait = WebDriverWait(browser, 15)
    key_field = browser.find_element(By.ID, "api-key")
    assert browser.switch_to.active_element == key_field  # ready to type, no mouse needed
    key_field.send_keys("sk_live_wrong_key_000000000000000000000", Keys.ENTER)
    wait.until(lambda d: "That API key was not accepted" in status_text(d))
    assert browser.find_element(By.ID, "signed-in").is_displayed() is False

    browser.find_element(By.ID, "api-key").send_keys(server.bootstrap_key, Keys.ENTER)
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#approvals .card")) == 2)
    cards = {c.get_attribute("data-execution"): c for c in browser.find_elements(By.CSS_SELECTOR, "#approvals .card")}
    assert set(cards) == {first["execution_id"], second["execution_id"]}
    assert '"amount": 500' in cards[first["execution_id"]].text and name in cards[first["execution_id"]].text
    agents_text = browser.find_element(By.ID, "agents").text
    assert name in agents_text and "custom_api" in agents_text and "active" in agents_text and "pending" in agents_text
    assert browser.get_cookies() == [] and server.bootstrap_key not in browser.current_url
    OUTPUT.mkdir(exist_ok=True)
    browser.save_screenshot(str(OUTPUT / "console-page.png"))

    browser.find_element(By.CSS_SELECTOR, "button[aria-label='Get a reconnect link for Guild']").send_keys(Keys.ENTER)
    link = wait.until(lambda d: d.find_elements(By.LINK_TEXT, "Reconnect Guild"))[0]
    assert link.get_attribute("href").startswith(server.base_url + "/oauth/start/") and browser.switch_to.active_element == link

    # Approve the first with the keyboard alone: Tab until its Approve button has focus, then Enter.
    target = cards[first["execution_id"]].find_element(By.XPATH, ".//button[text()='Approve']")
    for _ in range(20):
        if browser.switch_to.active_element == target:
            break
        browser.switch_to.active_element.send_keys(Keys.TAB)
    assert browser.switch_to.active_element == target
    target.send_keys(Keys.ENTER)
    wait.until(lambda d: status_text(d) == f"refund for {name}: succeeded.")
    assert len(standin_api.calls) == before + 1 and json.loads(standin_api.calls[-1]["body"]) == {"amount": 500}
    record = console("GET", f"/agents/{agent}/executions/{first['execution_id']}").json()["data"]
    assert record["status"] == "succeeded"

    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#approvals .card")) == 1)
    browser.find_element(By.CSS_SELECTOR, "#approvals .card button[aria-label='Reject refund']").click()
    wait.until(lambda d: status_text(d) == f"refund for {name}: rejected.")
    assert len(standin_api.calls) == before + 1
    assert console("GET", f"/agents/{agent}/executions/{second['execution_id']}").json()["data"]["status"] == "rejected"
    wait.until(lambda d: "Nothing is waiting for approval." in d.find_element(By.ID, "approvals").text)
    recent = browser.find_element(By.ID, "recent").text
    assert "succeeded" in recent and "rejected" in recent
    browser.save_screenshot(str(OUTPUT / "console-page-decided.png"))
