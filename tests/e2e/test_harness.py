"""The harness itself: it must catch what it promises to catch."""

import pytest

pytestmark = pytest.mark.e2e


def test_a_content_security_policy_violation_fails_the_page(page, open_page, harness):
    open_page(page, "/", name="harness-csp")

    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.injected = true";
            document.head.append(script);
        }"""
    )

    assert page.evaluate("window.injected") is None
    with pytest.raises(AssertionError, match="Content Security Policy"):
        harness.assert_no_console_errors(page)


def test_an_accessibility_violation_fails_the_page(page, open_page, harness):
    open_page(page, "/", name="harness-axe")

    page.evaluate(
        """() => {
            const image = document.createElement("img");
            image.src = "data:image/gif;base64,R0lGODlhAQABAAAAACw=";
            document.getElementById("main").append(image);
        }"""
    )

    with pytest.raises(AssertionError, match="image-alt"):
        harness.assert_accessible(page)
