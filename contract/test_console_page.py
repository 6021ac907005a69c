"""The console page in a real headless Chromium: sign in with a key, approve and
reject executions waiting for a person, see the integrations and the latest runs;
then the operator's whole job, flow by flow, by real clicks and typing."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from browser import ConsolePage, chromium
from helpers import Console, add_api, add_tool, new_agent, start_with_agent
from screenshots import PAGES, capture, seed
from selenium.webdriver.common.by import By
from standardwebhooks import Webhook
from standins.receiver import Receiver
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

OUTPUT = Path(__file__).resolve().parent.parent / ".test-output"


@pytest.fixture
def browser():
    driver = chromium()
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


# The operator's console, flow by flow, driven by real clicks and typing; each result is
# checked again through the API.

PLANTED = "tok_planted_console_secret_7f3a9c"
WEBHOOK_EVENTS = ["execution.pending_approval", "execution.succeeded", "execution.failed", "execution.rejected",
                  "execution.expired", "integration.connected", "integration.needs_reauth", "integration.tools_changed",
                  "integration.disconnected"]


def signed_in(driver, server) -> ConsolePage:
    ui = ConsolePage(driver, server.base_url)
    ui.sign_in(server.bootstrap_key)
    return ui


def create_agent(ui: ConsolePage, name: str) -> str:
    ui.follow("Agents")
    ui.wait_title("Agents")
    ui.type("Name", name)
    ui.type("Description", "Answers the shop's customers")
    ui.choose("Workflow", "Customer support (support)")
    ui.press("Create agent")
    ui.wait_title(name)
    ui.wait_status(f"Created {name}.")
    return ui.driver.current_url.rsplit("/", 1)[1]


def connect(ui: ConsolePage, name: str) -> None:
    """Sends the connect form and lands on the new integration's page, active."""
    ui.press("Connect")
    ui.wait_title(name)
    ui.wait_status(f"Connected {name}.")
    assert ui.text("#integration-status") == "active"


def test_an_operator_connects_an_api_adds_tools_runs_them_and_approves(switchboard, standin_api, browser):
    switchboard.env["SWITCHBOARD_ALLOWED_PRIVATE_RANGES"] = "127.0.0.0/8"
    server = switchboard.start()
    api = Console(server)
    ui = signed_in(browser, server)
    agent = create_agent(ui, "Shop helper")
    assert api("GET", f"/agents/{agent}").json()["data"]["name"] == "Shop helper"

    # Connect a custom API: first with mistakes, each named next to its field as the API words it.
    ui.follow("Connect a custom API")
    ui.wait_title("Connect a custom API")
    ui.type("Base URL", "ftp://files.example.com")
    ui.choose("Auth type", "Bearer token")
    ui.press("Connect")
    ui.wait.until(lambda d: ui.problem("Base URL"))
    assert ui.problem("Base URL") == "base_url: must be an absolute http or https URL"
    assert ui.problem("Token") == "auth_config.token: is required when auth_type is bearer"
    assert ui.problem("Name").startswith("name: ")
    assert api("GET", f"/agents/{agent}/integrations").json()["data"] == []

    ui.type("Name", "Shop API")
    ui.type("Base URL", standin_api.base)
    ui.type("Token", PLANTED)
    ui.type("Test endpoint", "/ok")
    connect(ui, "Shop API")
    assert PLANTED not in ui.everything_shown()
    integration = ui.driver.current_url.rsplit("/", 1)[1]
    listed = api("GET", f"/agents/{agent}/integrations/custom_api").json()["data"]
    assert [(i["id"], i["config"]["auth_type"]) for i in listed] == [(integration, "bearer")]

    # Add a tool by its form, then run it from the form its input schema makes.
    add = ui.form("Add a tool")
    ui.type("Name", "Order by id", add)
    ui.type("Description", "One order", add)
    ui.type("URL template", "/tool/orders/{id}", add)
    ui.type("URL parameters (JSON)", json.dumps([
        {"name": "id", "type": "string", "description": "The order's id", "required": True},
        {"name": "expand", "type": "boolean", "description": "With its items"}]), add)
    ui.press("Add tool", add)
    ui.wait_status("Added Order by id.")
    ui.wait_text("Order by id", "#tools")
    ui.follow("Run Order by id")
    ui.wait_title("Order by id")
    ui.press("Run")
    ui.wait.until(lambda d: ui.problem("id"))
    assert ui.problem("id") == "arguments.id: is required"
    before = len(standin_api.calls)
    assert len(standin_api.calls) == before  # the form's own check sent nothing
    ui.type("id", "ord_42")
    ui.choose("expand", "true")
    ui.press("Run")
    ui.wait_text("Result: succeeded", "#result")
    assert '"id": "ord_1"' in ui.text("#result")
    call = standin_api.calls[-1]
    assert call["path"] == "/tool/orders/ord_42?expand=true" and call["headers"]["Authorization"] == f"Bearer {PLANTED}"
    runs = api("GET", f"/agents/{agent}/executions").json()["data"]
    assert [(r["status"], r["arguments"]) for r in runs] == [("succeeded", {"id": "ord_42", "expand": True})]

    # Its execution, from the result's link: arguments, output, upstream status, who asked.
    ui.follow("Open this execution")
    ui.wait_title("order_by_id: succeeded")
    facts = ui.text("#execution-facts")
    assert "Upstream status\n200" in facts and f"Requested by\n{runs[0]['requested_by']}" in facts
    assert '"id": "ord_42"' in ui.text() and '"sku": "A1"' in ui.text()
    assert PLANTED not in ui.everything_shown()

    # The back button returns to the action's page; a bookmark of it opens it again.
    browser.back()
    ui.wait_title("Order by id")
    bookmark = browser.current_url
    browser.get("about:blank")
    browser.get(bookmark)
    ui.wait_title("Order by id")

    # A tool that needs approval: run it, approve it from the overview.
    ui.follow("Shop API")
    ui.wait_title("Shop API")
    add = ui.form("Add a tool")
    ui.type("Name", "Refund", add)
    ui.choose("HTTP method", "POST", add)
    ui.type("URL template", "/tool/refunds", add)
    ui.type("Body parameters (JSON)", json.dumps([{"name": "amount", "type": "integer", "description": "", "required": True}]), add)
    ui.type("Body template (JSON)", '{"amount": "{{amount}}"}', add)
    ui.control("Needs a person's approval", add).click()
    ui.press("Add tool", add)
    ui.wait_status("Added Refund.")
    ui.follow("Run Refund")
    ui.wait_title("Refund")
    ui.type("amount", "12.5")
    ui.press("Run")
    ui.wait.until(lambda d: ui.problem("amount"))
    assert ui.problem("amount") == "arguments.amount: must be an integer"
    ui.type("amount", "1250")
    calls = len(standin_api.calls)
    ui.press("Run")
    ui.wait_text("Waiting for approval", "#result")
    assert len(standin_api.calls) == calls
    ui.follow("Overview")
    ui.wait_title("Overview")
    ui.wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#approvals .card"))
    assert '"amount": 1250' in ui.text("#approvals")
    ui.press("Approve refund")
    ui.wait_status("refund for Shop helper: succeeded.")
    assert json.loads(standin_api.calls[-1]["body"]) == {"amount": 1250}
    statuses = {r["action_name"]: r["status"] for r in api("GET", f"/agents/{agent}/executions").json()["data"]}
    assert statuses == {"order_by_id": "succeeded", "refund": "succeeded"}

    # Executions, filtered by status and by action.
    ui.follow("Shop helper")
    ui.wait_title("Shop helper")
    ui.follow("Executions")
    ui.wait_title("Executions of Shop helper")
    ui.choose("Action", "Refund")
    ui.wait.until(lambda d: "action_id=" in d.current_url and "order_by_id" not in ui.text("#executions"))
    assert "refund" in ui.text("#executions")
    ui.choose("Status", "failed")
    ui.wait_text("No executions match.", "#executions")
    assert ui.console_errors() == []
    assert ui.refusals and all("status of 400" in e for e in ui.refusals)  # the mistakes above, shown
    assert PLANTED not in browser.page_source


def test_an_operator_connects_an_mcp_server_discovers_and_reviews_a_changed_tool(sqlite_switchboard, mcp_servers, browser, tmp_path):
    tools = tmp_path / "tools.json"
    search = {"name": "search", "title": "Search", "description": "Finds orders",
              "inputSchema": {"type": "object", "properties": {"q": {"type": "string"}}, "required": ["q"]}}
    tools.write_text(json.dumps([search]))
    url = mcp_servers.start("--tools-file", str(tools))
    server, api, agent = start_with_agent(sqlite_switchboard)
    ui = signed_in(browser, server)
    ui.open(f"agents/{agent}")
    ui.wait_title("Ada")
    ui.follow("Connect an MCP server")
    ui.type("Name", "Guild")
    ui.type("Server URL", url)
    ui.press("Connect")
    ui.wait_title("Guild")
    ui.press("Test Guild")
    ui.wait_text("Connected to contract-mcp", "#integration-outcome")
    ui.press("Discover Guild")
    ui.wait_text("Discovered 1 tools: 1 new, 0 changed, 0 disabled.", "#integration-outcome")
    ui.wait_text("Search", "#tools")
    assert "No tool waits for review." in ui.text("#reviews")

    # The server changes its tool: discovering again puts it up for review, disabled.
    search["description"] = "Finds orders and refunds them"
    search["inputSchema"]["properties"]["refund"] = {"type": "boolean"}
    tools.write_text(json.dumps([search]))
    ui.press("Discover Guild")
    ui.wait_text("1 changed", "#integration-outcome")
    ui.wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#reviews [data-review]"))
    review = ui.driver.find_element(By.CSS_SELECTOR, "#reviews [data-review]")
    before, now = [pre.text for pre in review.find_elements(By.TAG_NAME, "pre")]
    assert '"description": "Finds orders"' in before and '"refund"' not in before
    assert '"description": "Finds orders and refunds them"' in now and '"refund"' in now
    action = review.get_attribute("data-review")
    assert ui.driver.find_element(By.CSS_SELECTOR, f"input[data-action='{action}']").is_selected() is False
    detail = api("GET", f"/agents/{agent}/actions/{action}").json()["data"]
    assert detail["needs_review"] and not detail["is_enabled"]
    assert detail["review"]["previous"]["description"] == "Finds orders"

    ui.press("Accept and enable Search")
    ui.wait_status("Search: the new definition is accepted and enabled.")
    ui.wait_text("No tool waits for review.", "#reviews")
    detail = api("GET", f"/agents/{agent}/actions/{action}").json()["data"]
    assert detail["is_enabled"] and not detail["needs_review"] and detail["review"] is None
    assert "refund" in detail["input_schema"]["properties"]

    # Switch it off and on again from its row.
    ui.driver.find_element(By.CSS_SELECTOR, f"input[data-action='{action}']").click()
    ui.wait_status("Search: disabled.")
    assert api("GET", f"/agents/{agent}/actions/{action}").json()["data"]["is_enabled"] is False

    # Disconnect, confirmed in a dialog.
    ui.press("Disconnect Guild")
    dialog = ui.visible("//dialog")
    ui.press("Disconnect", dialog)
    ui.wait_title("Ada")
    ui.wait_status("Disconnected Guild.")
    assert api("GET", f"/agents/{agent}/integrations").json()["data"] == []
    assert ui.console_errors() == []


STRIPE_KEY = "sk_test_51StandinStripeSecretKey0000000000"


def test_an_operator_connects_stripe_with_a_bad_key_then_a_good_one(sqlite_switchboard, providers, browser):
    sqlite_switchboard.env.update(providers.settings())
    server, api, agent = start_with_agent(sqlite_switchboard)
    providers.state.stripe_keys.add(STRIPE_KEY)
    ui = signed_in(browser, server)
    ui.open(f"agents/{agent}/connect/stripe")
    ui.wait_title("Connect Stripe")
    refused = "sk_test_51RefusedByStripe000000000000000"
    ui.type("Secret key", refused)
    ui.press("Connect")
    ui.wait.until(lambda d: ui.text("form .summary") or ui.problem("Secret key"))
    shown = ui.text("form .summary") + ui.problem("Secret key")
    answer = api("POST", f"/agents/{agent}/integrations/bimpeai/configure", json={"type": "stripe", "secret_key": refused})
    assert answer.status_code == 400 and answer.json()["message"] in shown
    assert ui.control("Secret key").get_attribute("value") == ""  # a credential leaves its field once sent
    stripe = [i for i in api("GET", f"/agents/{agent}/integrations/bimpeai").json()["data"] if i["type"] == "stripe"]
    assert stripe[0]["status"] == "not_connected"

    ui.type("Secret key", STRIPE_KEY)
    ui.type("Currency", "eur")
    connect(ui, "Stripe")
    ui.wait_text("Create payment link", "#tools")
    stripe = [i for i in api("GET", f"/agents/{agent}/integrations/bimpeai").json()["data"] if i["type"] == "stripe"]
    assert stripe[0]["status"] == "active"
    browser.back()
    ui.wait_title("Connect Stripe")
    for planted in [STRIPE_KEY, refused]:
        assert planted not in ui.everything_shown()
    assert ui.console_errors() == []


def test_an_operator_adds_a_webhook_sees_its_secret_once_and_retries_a_delivery(sqlite_switchboard, standin_api, browser):
    receiver = Receiver()
    try:
        server, api, agent = start_with_agent(sqlite_switchboard, SWITCHBOARD_WEBHOOK_POLL_SECONDS="0.1")
        ui = signed_in(browser, server)
        ui.follow("Webhooks")
        ui.wait_title("Webhooks")
        assert "No webhooks yet." in ui.text("#webhooks")
        ui.type("URL", receiver.url)
        ui.type("Description", "Operations")
        ui.press("Add webhook")
        ui.wait_status(f"Added the webhook {receiver.url}.")
        secret = ui.control(f"Signing secret of {receiver.url}").get_attribute("value")
        assert secret.startswith("whsec_")
        ui.press("Copy")
        ui.wait_text("Copied.", "#webhook-secret")
        hooks = api("GET", "/webhooks").json()["data"]
        assert [(h["url"], h["description"], h["enabled"]) for h in hooks] == [(receiver.url, "Operations", True)]
        assert sorted(hooks[0]["events"]) == sorted(e for e in WEBHOOK_EVENTS if e.startswith("execution."))
        assert "secret" not in hooks[0]

        # An execution makes a delivery, signed with the secret the page showed.
        tool = add_tool(api, agent, add_api(api, agent, standin_api.base), name="Order", http_method="GET", url_template="/tool/orders")
        assert api("POST", f"/agents/{agent}/actions/{tool}/execute", json={"arguments": {}}).json()["data"]["status"] == "succeeded"
        receiver.wait_for(lambda: receiver.events("execution.succeeded"))
        first = receiver.received[0]
        Webhook(secret).verify(first["body"], first["headers"])
        ui.follow(receiver.url)
        ui.wait_title(f"Webhook {receiver.url}")
        assert secret not in ui.everything_shown()  # shown once, on the page that made it
        ui.wait.until(lambda d: ui.press("Refresh deliveries") or "succeeded" in ui.text("#deliveries"))
        assert "execution.succeeded" in ui.text("#deliveries")
        ui.press(ui.visible("//button[normalize-space(.)='Retry']").get_attribute("aria-label"))
        ui.wait_status("Delivery of execution.succeeded will be sent again.")
        receiver.wait_for(lambda: len(receiver.events("execution.succeeded")) == 2)
        ids = [r["headers"]["webhook-id"] for r in receiver.received if json.loads(r["body"])["type"] == "execution.succeeded"]
        assert len(ids) == 2 and ids[0] == ids[1]

        # Disable it from the list.
        ui.follow("All webhooks")
        ui.wait_title("Webhooks")
        ui.driver.find_element(By.CSS_SELECTOR, f"input[data-webhook='{hooks[0]['id']}']").click()
        ui.wait_status(f"{receiver.url}: disabled.")
        assert api("GET", f"/webhooks/{hooks[0]['id']}").json()["data"]["enabled"] is False
        assert ui.console_errors() == []
    finally:
        receiver.stop()


def test_an_operator_imports_the_checked_operations_of_an_openapi_file(sqlite_switchboard, document_api, browser):
    server, api, agent = start_with_agent(sqlite_switchboard)
    ui = signed_in(browser, server)
    ui.open(f"agents/{agent}/connect/openapi")
    ui.wait_title("Import from OpenAPI")
    ui.control("Document file").send_keys(str(Path(__file__).parent / "fixtures" / "openapi" / "oai-3.0-petstore-expanded.yaml"))
    ui.wait.until(lambda d: "openapi: " in ui.control("Document").get_attribute("value"))
    ui.type("Base URL", document_api.base)
    ui.press("Preview")
    ui.wait_text("Swagger Petstore: 4 operations", "#import-preview")
    rows = ui.text("#import-preview table")
    assert "find_pets GET /pets Runs at once" in rows and "add_pet POST /pets Needs approval" in rows
    assert api("GET", f"/agents/{agent}/integrations").json()["data"] == []  # a preview stores nothing
    ui.driver.find_element(By.CSS_SELECTOR, "input[data-operation='DELETE /pets/{id}']").click()
    ui.press("Import Swagger Petstore")
    ui.wait_title("Swagger Petstore")
    ui.wait_status("Imported Swagger Petstore: 3 tools.")
    tools = {a["action_name"]: a["require_human_approval"] for a in api("GET", f"/agents/{agent}/actions").json()["data"]}
    assert tools == {"find_pets": False, "add_pet": True, "find_pet_by_id": False}
    assert ui.console_errors() == []


def test_a_key_without_a_scope_sees_why_and_what_it_needs(sqlite_switchboard, browser):
    server, api, agent = start_with_agent(sqlite_switchboard)
    team = sqlite_switchboard.make_team()
    key = sqlite_switchboard.make_key(team, "agents:read", "agents:write")
    limited = Console(server)
    limited.headers = {"Authorization": f"Bearer {key}"}
    mine = limited("POST", "/agents", json={"workflow_id": "wf_PublicCustomerSupport001", "name": "Limited", "description": "x"})
    assert mine.status_code == 201, mine.text
    ui = ConsolePage(browser, server.base_url)
    ui.sign_in(key)
    ui.follow("Limited")
    ui.wait_title("Limited")
    ui.wait_text("This API key is missing the required scope: integrations:read.", "#integrations")
    ui.wait_text("This API key is missing the required scope: actions:read.", "#actions")
    ui.follow("Webhooks")
    ui.wait_title("Webhooks")
    ui.wait_text("This API key is missing the required scope: webhooks:read.", "#webhooks")
    assert ui.console_errors() == []


def test_every_main_page_renders_at_1280_and_390_pixels_without_an_error(sqlite_switchboard, standin_api, tmp_path):
    receiver = Receiver()
    try:
        server, _, _ = start_with_agent(sqlite_switchboard)
        shots = capture(server, seed(server, standin_api.base, receiver.url), tmp_path / "shots")
    finally:
        receiver.stop()
    assert len(shots) == 2 * len(PAGES)
    for shot in shots:
        assert shot["errors"] == [] and shot["too_wide"] is False, shot
        assert shot["path"].stat().st_size < 100_000, shot
    assert {shot["title"] for shot in shots} == {title for _, _, title in PAGES}


def test_a_person_without_a_mouse_creates_an_agent_and_runs_an_action(sqlite_switchboard, standin_api, browser):
    server, api, agent = start_with_agent(sqlite_switchboard)
    tool = add_tool(api, agent, add_api(api, agent, standin_api.base), name="Lookup", http_method="GET",
                    url_template="/tool/orders/{id}", url_params=[{"name": "id", "type": "string", "description": "", "required": True}])
    ui = ConsolePage(browser, server.base_url)
    ui.sign_in(server.bootstrap_key)

    def tab_to(element, limit=80):
        for _ in range(limit):
            if browser.switch_to.active_element == element:
                return
            browser.switch_to.active_element.send_keys(Keys.TAB)
        raise AssertionError(f"Tab never reached {element.text or element.get_attribute('id')}")

    tab_to(ui.visible("//nav//a[normalize-space(.)='Agents']"))
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    ui.wait_title("Agents")
    assert browser.switch_to.active_element == ui.visible("//h2[@class='page-title']")  # a new page starts at its title
    tab_to(ui.control("Name"))
    browser.switch_to.active_element.send_keys("Keyboard agent", Keys.TAB, "Made without a mouse", Keys.TAB)
    assert browser.switch_to.active_element == ui.control("Workflow")
    browser.switch_to.active_element.send_keys("Customer support")  # typing picks the option, as in any select
    browser.switch_to.active_element.send_keys(Keys.TAB, Keys.ENTER)
    ui.wait_status("Created Keyboard agent.")
    created = [a for a in api("GET", "/agents").json()["data"] if a["name"] == "Keyboard agent"]
    assert len(created) == 1 and created[0]["description"] == "Made without a mouse"

    ui.open(f"agents/{agent}/actions/{tool}")
    ui.wait_title("Lookup")
    tab_to(ui.control("id"))
    browser.switch_to.active_element.send_keys("ord_7", Keys.ENTER)
    ui.wait_text("Result: succeeded", "#result")
    assert browser.switch_to.active_element.text == "Result: succeeded"  # the answer is where focus went
    assert standin_api.calls[-1]["path"] == "/tool/orders/ord_7"
    assert ui.console_errors() == []
