"""The console page in a real headless Chromium, driven as a person would: fields found
by their visible labels, buttons by the words on them, links by their text. Used by the
console tests and by `screenshots.py`."""

from __future__ import annotations

import shutil

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

WIDE, NARROW = (1280, 900), (390, 844)


def chromium(size: tuple[int, int] = WIDE) -> webdriver.Chrome:
    options = Options()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={size[0]},{size[1]}",
                     "--hide-scrollbars", "--force-device-scale-factor=1"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)


def _quote(text: str) -> str:
    """An XPath string literal for any text."""
    if "'" not in text:
        return f"'{text}'"
    return "concat(" + ", \"'\", ".join(f"'{part}'" for part in text.split("'")) + ")"


class ConsolePage:
    """One browser on one server's console page."""

    def __init__(self, driver: webdriver.Chrome, base_url: str, timeout: float = 20) -> None:
        self.driver = driver
        self.base_url = base_url
        self.wait = WebDriverWait(driver, timeout, ignored_exceptions=[StaleElementReferenceException])
        self.log: list[dict] = []

    # Moving around.

    def open(self, route: str = "") -> None:
        """Opens the page at a route, as a bookmark does."""
        self.driver.get(f"{self.base_url}/console" + (f"#/{route}" if route else ""))

    def sign_in(self, key: str) -> None:
        self.open()
        field = self.driver.find_element(By.ID, "api-key")
        self.wait.until(lambda d: d.switch_to.active_element == field)
        field.send_keys(key, Keys.ENTER)
        self.wait_title("Overview")

    def title(self) -> str:
        try:
            titles = self.driver.find_elements(By.CSS_SELECTOR, "#view .page-title")
            return titles[0].text if titles else ""
        except StaleElementReferenceException:  # the page was just replaced
            return ""

    def wait_title(self, text: str) -> None:
        self.wait.until(lambda d: self.title() == text, f"the page titled {text!r}")

    def follow(self, text: str) -> None:
        """Clicks the visible link with this text (or this accessible name)."""
        self.visible(f"//a[normalize-space(.)={_quote(text)} or @aria-label={_quote(text)}]").click()

    def press(self, text: str, within=None) -> None:
        """Clicks the visible button with these words (or this accessible name)."""
        self.visible(f".//button[normalize-space(.)={_quote(text)} or @aria-label={_quote(text)}]", within).click()

    # Forms.

    def control(self, label: str, within=None):
        """The visible control whose <label> says `label` (a required mark after it aside)."""
        xpath = f".//label[normalize-space(text()[1])={_quote(label)} or normalize-space(.)={_quote(label)}]"
        for node in self.all(xpath, within):
            target = node.get_attribute("for")
            element = self.driver.find_element(By.ID, target) if target else node.find_element(By.TAG_NAME, "input")
            if element.is_displayed():
                return element
        raise AssertionError(f"no visible field labelled {label!r}")

    def type(self, label: str, text: str, within=None) -> None:
        element = self.control(label, within)
        element.clear()
        element.send_keys(text)

    def choose(self, label: str, option: str, within=None) -> None:
        Select(self.control(label, within)).select_by_visible_text(option)

    def form(self, label: str):
        return self.visible(f"//form[@aria-label={_quote(label)}]")

    def problem(self, label: str, within=None) -> str:
        """The problem shown under the field labelled `label`."""
        element = self.control(label, within)
        return self.driver.find_element(By.ID, element.get_attribute("id") + "-problem").text

    # Reading.

    def status(self) -> str:
        return self.driver.find_element(By.ID, "status").text

    def wait_status(self, text: str) -> None:
        self.wait.until(lambda d: text in self.status(), f"the status {text!r}")

    def text(self, css: str = "#view") -> str:
        try:
            return self.driver.find_element(By.CSS_SELECTOR, css).text
        except StaleElementReferenceException:
            return ""

    def wait_text(self, text: str, css: str = "#view") -> None:
        self.wait.until(lambda d: text in self.text(css), f"{text!r} in {css}")

    def visible(self, xpath: str, within=None):
        found = []

        def seen(_):
            found[:] = [e for e in self.all(xpath, within) if e.is_displayed()]
            return bool(found)

        self.wait.until(seen, f"a visible {xpath}")
        return found[0]

    def all(self, xpath: str, within=None):
        return (within or self.driver).find_elements(By.XPATH, xpath if within else xpath.removeprefix("."))

    def everything_shown(self) -> str:
        """The page's markup and the value of every control: what a person (or a script) could read."""
        values = self.driver.execute_script(
            "return [...document.querySelectorAll('input, textarea, select')].map((e) => e.value).join('\\n')")
        return self.driver.page_source + "\n" + values

    def console_errors(self) -> list[str]:
        """Errors in the browser's console since the last call. A refusal the API answered (a 4xx the page then
        shows) is logged by Chromium as a failed resource load; those are kept apart in `self.refusals`."""
        self.log += self.driver.get_log("browser")
        errors = [entry["message"] for entry in self.log if entry["level"] == "SEVERE"]
        self.refusals = [e for e in errors if "/api/v1/console/" in e and "status of 4" in e]
        self.log = []
        return [e for e in errors if e not in self.refusals]
