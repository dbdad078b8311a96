"""What every browser test does to every page it opens: status, console, axe-core, screenshot.

The fixtures in conftest.py hand tests a `Harness`; tests import the constants from here.
"""

import os
import re
from pathlib import Path

try:
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright
except ImportError as error:  # pragma: no cover - depends on the machine
    Axe = sync_playwright = None
    IMPORT_ERROR = f"{error.name or error} is not importable"
else:
    IMPORT_ERROR = None

PROJECT_DIR = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = PROJECT_DIR / "test-output" / "screenshots"

# Debian's Chromium; Playwright never downloads a browser of its own here.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

NARROW, WIDE = 360, 1280
WIDTHS = (NARROW, WIDE)
VIEWPORT_HEIGHT = 800
ACTION_TIMEOUT_MS = 10_000  # a local server answers at once; fail fast instead of after 30 s

# Every WCAG 2.0, 2.1 and 2.2 success criterion of level A or AA that axe-core can test.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}


def skip_reason() -> str | None:
    """Why browser tests cannot run on this machine, or None when they can."""
    if IMPORT_ERROR:
        return f"browser tests need playwright and axe-playwright-python: {IMPORT_ERROR}"
    if not CHROMIUM.is_file() or not os.access(CHROMIUM, os.X_OK):
        return f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium)"
    return None


def launch_chromium(playwright):
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )


class Harness:
    """Opens pages for one test and checks every page it opens.

    Each page gets its own browser context (own cookies, own viewport). The contexts
    enforce the site's Content-Security-Policy, so a violation reaches the console
    and fails the check.
    """

    def __init__(self, browser, base_url: str, test_name: str):
        self.browser = browser
        self.base_url = base_url
        self.test_name = test_name
        self.axe = Axe()
        self.contexts = []
        self.console_errors = {}  # page -> errors not reported yet

    def new_page(self, width: int = WIDE):
        """A blank page `width` CSS pixels wide; relative URLs go to the live server."""
        context = self.browser.new_context(
            viewport={"width": width, "height": VIEWPORT_HEIGHT}, base_url=self.base_url
        )
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        self.contexts.append(context)
        page = context.new_page()
        errors = self.console_errors[page] = []

        def on_console(message):
            if message.type == "error":
                source = message.location.get("url") or "?"
                errors.append(f"console error ({source}): {message.text}")

        page.on("console", on_console)
        page.on("pageerror", lambda error: errors.append(f"uncaught exception: {error}"))
        return page

    def open_page(self, page, url: str, *, status: int = 200, name: str | None = None):
        """Go to url, check the status, then run `check_page`. Returns the response."""
        response = page.goto(url, wait_until="load")
        assert response is not None, f"{url}: no response"
        assert response.status == status, f"{url}: status {response.status}, expected {status}"
        if status >= 400:
            self._drop_document_status_error(page, response.url)
        self.check_page(page, name or self._default_name(url))
        return response

    def check_page(self, page, name: str) -> None:
        """Console errors, axe-core and a screenshot, for the page as it is now."""
        page.wait_for_load_state("load")
        self.assert_no_console_errors(page)
        self.assert_accessible(page)
        self.screenshot(page, name)

    def assert_no_console_errors(self, page) -> None:
        page.evaluate("0")  # a round trip, so console messages already sent have arrived
        errors = self.console_errors.setdefault(page, [])
        reported = list(errors)
        errors.clear()
        assert not reported, f"{page.url}: browser console errors:\n" + "\n".join(reported)

    def assert_accessible(self, page) -> None:
        results = self.axe.run(page, options=AXE_OPTIONS)
        assert results.violations_count == 0, (
            f"{page.url}: axe-core found WCAG 2.2 A/AA violations:\n"
            + format_violations(results.response["violations"])
        )

    def screenshot(self, page, name: str) -> Path:
        """A full-page screenshot saved as test-output/screenshots/<name>-<width>.png."""
        path = SCREENSHOT_DIR / f"{slug(name)}-{page.viewport_size['width']}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=path, full_page=True)
        return path

    def close(self) -> list[str]:
        """Close every page; return the console errors no check reported."""
        unreported = [
            f"{page.url}: {error}"
            for page, errors in self.console_errors.items()
            for error in errors
        ]
        for context in self.contexts:
            context.close()
        return unreported

    def _default_name(self, url: str) -> str:
        path = url.split("?", 1)[0].split("#", 1)[0].strip("/")
        return f"{self.test_name}-{path or 'home'}"

    def expect_error_status(self, page, response, status: int) -> None:
        """A page reached by a form that answers with an error status on purpose (a 400)."""
        assert response.status == status, f"{response.url}: status {response.status}"
        page.wait_for_load_state("load")
        page.evaluate("0")  # a round trip, so the console message has arrived
        # The console names the address with the form's anchor, which the response lacks.
        self._drop_document_status_error(page, page.url.split("#", 1)[0])
        self._drop_document_status_error(page, page.url)

    def _drop_document_status_error(self, page, url: str) -> None:
        # Chromium logs "Failed to load resource" for a document answered with an error
        # status; open_page asked for that status and has checked it.
        errors = self.console_errors[page]
        errors[:] = [e for e in errors if not (f"({url})" in e and "Failed to load resource" in e)]


def format_violations(violations: list[dict]) -> str:
    """Each violated rule with its WCAG tags and help link, then each element that breaks it."""
    lines = []
    for violation in violations:
        tags = ", ".join(tag for tag in violation["tags"] if tag.startswith("wcag"))
        lines.append(
            f"- {violation['id']} ({violation['impact']}, {tags}): {violation['help']}"
            f" <{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    {target}: {node['html'][:200]}")
            for line in node.get("failureSummary", "").splitlines():
                lines.append(f"      {line.strip()}")
    return "\n".join(lines)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "page"
