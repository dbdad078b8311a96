"""/thong-ke/ on a phone and a desktop: readable chart labels, tables reachable by keyboard."""

import pytest

from members import services
from members.models import Report
from tests.e2e.harness import NARROW, WIDTHS
from tests.members.factories import make_officer, make_register, make_tree, open_period

pytestmark = pytest.mark.e2e

MIN_LABEL_PX = 12

# For every chart label line: its rendered font size in CSS pixels (computed size times
# the SVG's scale on screen) and how far it reaches compared with the chart's width.
MEASURE_LABELS = """
() => [...document.querySelectorAll('svg.bar-chart')].flatMap((svg) => {
  const width = svg.getBoundingClientRect().width;
  const lines = [...svg.querySelectorAll('.bar-label')].flatMap(
    (label) => label.querySelector('tspan') ? [...label.querySelectorAll('tspan')] : [label]
  );
  return [...lines, ...svg.querySelectorAll('.bar-value')].map((text) => {
    const box = text.getBBox();
    return {
      text: text.textContent,
      fontPx: parseFloat(getComputedStyle(text).fontSize) * svg.getScreenCTM().a,
      left: box.x,
      right: box.x + text.getComputedTextLength(),
      width,
    };
  });
})
"""


@pytest.fixture
def register(transactional_db):
    """The register, and one accepted report: its table is the widest of the page."""
    tree = make_tree()
    register = make_register(tree)
    report = Report.objects.get(period=open_period(), unit=tree.clinic)
    services.submit_report(report=report, user=make_officer("pham.thu.trang", tree.clinic))
    services.accept_report(report=report, user=make_officer("ca.van.on", tree.commune))
    return register


@pytest.mark.parametrize("width", WIDTHS)
def test_chart_labels_are_readable_and_never_cut(page, open_page, register, width):
    open_page(page, "/thong-ke/", name="figures")

    labels = page.evaluate(MEASURE_LABELS)
    texts = " ".join(label["text"] for label in labels)
    assert "Doanh nghiệp có vốn đầu tư nước ngoài" in " ".join(texts.split())
    assert "…" not in texts
    for label in labels:
        assert label["fontPx"] >= MIN_LABEL_PX, label
        assert label["left"] >= 0, label
        assert label["right"] <= label["width"], label


@pytest.mark.parametrize("width", [NARROW])
def test_wide_tables_scroll_by_keyboard_and_are_named(page, open_page, register, harness):
    open_page(page, "/thong-ke/", name="figures-tables")

    regions = page.locator(".table-scroll")
    assert regions.count() == 4
    for index in range(regions.count()):
        region = regions.nth(index)
        assert region.get_attribute("role") == "region"
        assert region.get_attribute("aria-label") == region.locator("caption").text_content()
    # The reports' table is wider than a phone: reach it with Tab, scroll it with the keys.
    reported = regions.last
    assert reported.evaluate("box => box.scrollWidth - box.clientWidth") > 13  # axe's threshold
    regions.nth(2).focus()
    page.keyboard.press("Tab")
    assert reported.evaluate("box => box === document.activeElement")
    page.keyboard.press("ArrowRight")
    for _attempt in range(20):  # keyboard scrolling may be animated
        if reported.evaluate("box => box.scrollLeft") > 0:
            break
        page.wait_for_timeout(50)
    assert reported.evaluate("box => box.scrollLeft") > 0
    results = harness.axe.run(
        page, options={"runOnly": {"type": "rule", "values": ["scrollable-region-focusable"]}}
    )
    assert results.violations_count == 0
    assert results.response["passes"], "the rule found no scrollable region to check"
