"""The visitor counter seen from a real headless browser: it is a robot, not a search engine."""

import pytest

from federation import services
from federation.models import VisitorDay, VisitorKind

pytestmark = pytest.mark.e2e


def footer_figure(page, label: str) -> str:
    term = page.locator(".visitor-stats dt", has_text=label)
    return term.locator("xpath=following-sibling::dd").text_content()


def test_headless_chromium_is_counted_as_another_robot(page, open_page, settings):
    settings.VISITOR_STATS_CACHE_SECONDS = 0
    settings.PAGE_CACHE_SECONDS = 0
    open_page(page, "/", name="home-visited-by-headless")
    user_agent = page.evaluate("navigator.userAgent")
    assert "HeadlessChrome" in user_agent
    assert services.classify_user_agent(user_agent) == VisitorKind.ROBOT

    open_page(page, "/van-ban/", name="documents-visited-by-headless")

    assert footer_figure(page, "Máy chủ tìm kiếm") == "0"
    assert footer_figure(page, "Máy tự động khác") == "1"
    assert footer_figure(page, "Khách viếng thăm") == "0"
    assert list(VisitorDay.objects.values_list("kind", "views")) == [(VisitorKind.ROBOT, 2)]
