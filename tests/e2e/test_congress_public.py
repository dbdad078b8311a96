"""A visitor reads about the congresses: the home page's countdown, the list from the menu,
then the coming congress's page and the held one's targets."""

from datetime import timedelta

import pytest

from congress.models import Target
from tests.congress.factories import (
    add_programme,
    add_subcommittee,
    add_target,
    make_thirteenth,
    make_twelfth,
    make_ward_congress,
    record_progress,
    year,
)
from tests.e2e.harness import NARROW, WIDTHS
from tests.factories import make_site_profile
from tests.members.factories import make_register, make_tree

pytestmark = pytest.mark.e2e


@pytest.fixture
def congresses(transactional_db):
    make_site_profile(full_name="Liên đoàn Lao động tỉnh Điện Biên")
    tree = make_tree()
    make_register(tree)
    twelfth = make_twelfth(tree)
    thirteenth = make_thirteenth(tree)
    make_ward_congress(tree)
    add_programme(thirteenth, thirteenth.starts_on, count=4)
    add_programme(thirteenth, thirteenth.starts_on + timedelta(days=1), count=1)
    add_subcommittee(thirteenth, late=1)
    add_target(
        twelfth,
        "Kết nạp mới 12 đoàn viên trong nhiệm kỳ",
        12,
        "đoàn viên",
        measure=Target.Measure.MEMBERS_ADMITTED,
    )
    recorded = add_target(twelfth, "100% công đoàn cơ sở có quỹ xã hội", 100, "%", order=2)
    record_progress(recorded, **{f"y{year() - 1}": "62.5", f"y{year()}": "78"})
    return {"twelfth": twelfth, "thirteenth": thirteenth}


@pytest.mark.parametrize("width", WIDTHS)
def test_a_visitor_opens_the_list_then_the_coming_congress(
    page, open_page, check_page, congresses, width
):
    thirteenth = congresses["thirteenth"]
    open_page(page, "/", name="home-congress")
    block = page.locator(".congress-block")
    assert thirteenth.title in block.text_content()
    assert "Còn 12 ngày" in block.text_content()

    menu = page.get_by_role("navigation", name="Menu chính")
    if width == NARROW:  # the menu folds behind its button on a phone
        menu.get_by_role("button").click()
    menu.get_by_role("link", name="Đại hội").click()
    page.wait_for_url("**/dai-hoi/")
    check_page(page, "congress-list")
    assert page.locator(".congress-row").count() == 3
    assert "Còn 12 ngày" in page.locator(".congress-list").first.text_content()

    page.get_by_role("link", name=thirteenth.title, exact=True).click()
    page.wait_for_url(f"**{thirteenth.get_absolute_url()}")
    check_page(page, "congress-detail")
    assert page.locator("h1").text_content().strip() == thirteenth.title
    assert page.locator(".countdown-box").text_content().strip() == "Còn 12 ngày"
    assert page.locator(".agenda-item").count() == 5
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    open_page(page, congresses["twelfth"].get_absolute_url(), name="congress-held")
    bars = page.get_by_role("progressbar")
    assert bars.count() == 2
    assert bars.first.get_attribute("aria-label") == "Kết nạp mới 12 đoàn viên trong nhiệm kỳ"
    if width == NARROW:
        assert page.evaluate("document.documentElement.scrollWidth") <= NARROW
