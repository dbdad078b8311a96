"""Fixtures of the browser tests: Playwright driving Debian's Chromium against the live server.

Every page a test opens through `open_page` (or checks with `check_page`) must answer with
the expected status, leave the browser console free of errors (a Content-Security-Policy
violation is one), pass axe-core's WCAG 2.2 A/AA rules, and gets a full-page screenshot in
test-output/screenshots/<name>-<width>.png.

- ``browser``: one headless Chromium for the whole session.
- ``width``: the viewport width of ``page``; 1280 unless the test parametrizes it, e.g.
  ``@pytest.mark.parametrize("width", WIDTHS)`` (360 and 1280, from tests.e2e.harness).
- ``page``: a fresh page at ``width`` pixels, in its own browser context (own cookies).
- ``new_page(width)``: more pages in the same test.
- ``open_page(page, "/path/", status=200, name=None)``: navigate, then check as above.
- ``check_page(page, name)``: the same checks for a page reached by a click or a form.
- ``screenshot(page, name)``: only the screenshot, for a state worth looking at.
- ``harness``: the `Harness` behind them (``assert_no_console_errors``, ``assert_accessible``).

Without /usr/bin/chromium or the Python packages every test here is skipped, with the reason.
"""

import os
from pathlib import Path

import pytest

from tests.e2e.harness import WIDE, Harness, launch_chromium, skip_reason, sync_playwright

# Playwright's sync API keeps an event loop in this thread and Django's ORM refuses to run
# beside one. The test code and the live server only use the database synchronously.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

E2E_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    """Skip the browser tests before any server or database starts, when they cannot run."""
    reason = skip_reason()
    if reason is None:
        return
    for item in items:
        if E2E_DIR in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, with static files served by WhiteNoise as in production.

    The stock live server serves static files through the finders, which do not know the
    hashed names the manifest storage writes into pages; WhiteNoise serves the files
    tests/conftest.py collected, with the headers visitors get.
    """
    from pytest_django.live_server_helper import LiveServer

    address = request.config.getvalue("liveserver") or os.getenv(
        "DJANGO_LIVE_TEST_SERVER_ADDRESS", "localhost"
    )
    server = LiveServer(address, start=False)
    server.thread.static_handler = lambda application: application
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def harness(browser, live_server, transactional_db, request):
    harness = Harness(browser, live_server.url, request.node.originalname.removeprefix("test_"))
    yield harness
    unreported = harness.close()
    assert not unreported, "browser console errors after the last check:\n" + "\n".join(unreported)


@pytest.fixture
def width():
    return WIDE


@pytest.fixture
def new_page(harness):
    return harness.new_page


@pytest.fixture
def page(new_page, width):
    return new_page(width)


@pytest.fixture
def open_page(harness):
    return harness.open_page


@pytest.fixture
def check_page(harness):
    return harness.check_page


@pytest.fixture
def screenshot(harness):
    return harness.screenshot
