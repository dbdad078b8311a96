"""The grassroots congress season in the browser, at phone and desktop width.

The school's union records its congress (held twelve days ago) with the minutes and the
resolution as two PDF files and submits it; the ward's officer returns it with a reason;
the school corrects and resubmits it; the ward recognises the results, and the chair
chosen at the first meeting becomes the union's chair in the register. Then the public
progress page.
"""

from dataclasses import dataclass
from datetime import timedelta

import pytest

from congress.models import Congress, Review, Season
from federation.models import SiteProfile
from members.models import Leader, Officer
from tests.e2e.harness import WIDTHS
from tests.factories import STAFF_PASSWORD
from tests.files import pdf_bytes
from tests.helpers import vi
from tests.members.factories import Tree, make_many_members, make_officer, make_tree, today

pytestmark = pytest.mark.e2e

LOGIN_URL = "/tai-khoan/dang-nhap/"
CHAIR = "Lò Văn Thắng"
VICE_CHAIR = "Quàng Thị Xuân"


@dataclass
class Federation:
    tree: Tree
    season: Season
    school_officer: object
    ward_officer: object


@pytest.fixture
def federation(transactional_db):
    SiteProfile.objects.create(
        full_name="Liên đoàn Lao động tỉnh Điện Biên", short_name="LĐLĐ tỉnh Điện Biên"
    )
    tree = make_tree()
    make_many_members(tree.school, 6)
    year = today().year
    season = Season.objects.create(
        name=f"Đại hội công đoàn cơ sở nhiệm kỳ {year}–{year + 5}",
        unit=tree.province,
        term_start=year,
        term_end=year + 5,
        starts_on=today() - timedelta(days=60),
        deadline=today() + timedelta(days=120),
    )
    season.pilots.set([tree.school])
    return Federation(
        tree=tree,
        season=season,
        school_officer=make_officer(
            "lo.van.thang",
            tree.school,
            role=Officer.Role.CHAIR,
            first_name="Lò Văn",
            last_name="Thắng",
        ),
        ward_officer=make_officer(
            "quang.thi.mai",
            tree.ward,
            role=Officer.Role.CHAIR,
            first_name="Quàng Thị",
            last_name="Mai",
        ),
    )


def log_in(page, open_page, username: str) -> None:
    open_page(page, LOGIN_URL, name="season-login")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(STAFF_PASSWORD)
    with page.expect_navigation():
        page.locator("form.stacked-form").get_by_role("button", name="Đăng nhập").click()


def click_to(page, harness, button, *, status: int = 200):
    """Click a submit button and check the status of the page it ends on."""
    with page.expect_navigation() as navigation:
        button.click()
    response = navigation.value
    if response.request.redirected_from is None:
        harness.expect_error_status(page, response, status)
    return response


def pdf(name: str, text: str) -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": pdf_bytes(text)}


@pytest.mark.parametrize("width", WIDTHS)
def test_a_union_records_its_congress_and_the_ward_recognises_it(
    harness, page, new_page, width, open_page, check_page, federation, mailoutbox
):
    tree, season = federation.tree, federation.season
    school = tree.school

    # The school's officer goes from the dashboard to the congresses.
    log_in(page, open_page, "lo.van.thang")
    page.wait_for_url(f"**/co-so/don-vi/{school.pk}/")
    page.locator(".area-nav").get_by_role("link", name="Đại hội").click()
    page.wait_for_url("**/co-so/dai-hoi/")
    check_page(page, "season-officer-index")
    page.get_by_role("link", name=vi("Record the union's congress")).click()
    page.wait_for_url(f"**/co-so/dai-hoi/mua/{season.pk}/don-vi/{school.pk}/")
    check_page(page, "season-record-new")
    assert page.locator("#id_ordinal").input_value() == "1"
    assert page.locator("#id_term_start").input_value() == str(season.term_start)
    assert page.locator("#id_format").input_value() == "all-members"  # 6 members

    # The congress, held twelve days ago, with its two files: one form.
    held_on = today() - timedelta(days=12)
    page.locator("#id_starts_on").fill(held_on.isoformat())
    page.locator("#id_venue").fill("Hội trường Trường THPT Phan Đình Giót")
    page.locator("#id_official_delegates").fill("6")
    page.locator("#id_results").fill("Bầu Ban Chấp hành 5 đồng chí; thông qua nghị quyết.")
    page.locator("#id_positions-0-full_name").fill(CHAIR)
    page.locator("#id_positions-1-full_name").fill(VICE_CHAIR)
    page.locator("#id_minutes").set_input_files(files=[pdf("Biên bản đại hội.pdf", "Bien ban")])
    page.locator("#id_resolution").set_input_files(
        files=[pdf("Nghị quyết đại hội.pdf", "Nghi quyet")]
    )
    click_to(page, harness, page.get_by_role("button", name="Lưu và đính kèm"))
    congress = Congress.objects.get(season=season, unit=school)
    page.wait_for_url(f"**/co-so/dai-hoi/ho-so/{congress.pk}/#tep-bien-ban")
    check_page(page, "season-record-files")
    files = page.locator("#tep-bien-ban .file-list")
    assert "Biên bản đại hội.pdf" in files.text_content()
    assert "Nghị quyết đại hội.pdf" in files.text_content()
    assert page.locator("#id_venue").input_value() == "Hội trường Trường THPT Phan Đình Giót"

    click_to(page, harness, page.get_by_role("button", name="Gửi công đoàn cấp trên"))
    check_page(page, "season-record-submitted")
    assert vi("The record is submitted to the unit above.") in page.locator("body").text_content()
    assert page.locator("#id_venue").count() == 0  # read-only for the union now
    assert Congress.objects.get(pk=congress.pk).review == Review.SUBMITTED
    assert [message.to for message in mailoutbox] == [[federation.ward_officer.email]]

    # The ward's officer finds it in the season's progress and returns it.
    reviewer = new_page(width)
    log_in(reviewer, open_page, "quang.thi.mai")
    open_page(
        reviewer,
        f"/co-so/dai-hoi/mua/{season.pk}/don-vi/{tree.ward.pk}/?show=all",
        name="season-progress-ward",
    )
    reviewer.locator(f'a[href="/co-so/dai-hoi/ho-so/{congress.pk}/"]').click()
    reviewer.wait_for_url(f"**/co-so/dai-hoi/ho-so/{congress.pk}/")
    check_page(reviewer, "season-review")
    click_to(
        reviewer,
        harness,
        reviewer.get_by_role("button", name="Trả lại cho công đoàn cơ sở"),
        status=400,
    )
    check_page(reviewer, "season-review-needs-reason")
    assert reviewer.locator("#id_reason_error").text_content() == vi(
        "Say what the union should correct."
    )
    reason = "Biên bản chưa có chữ ký của thư ký đại hội, đề nghị bổ sung."
    reviewer.locator("#id_reason").fill(reason)
    click_to(reviewer, harness, reviewer.get_by_role("button", name="Trả lại cho công đoàn cơ sở"))
    check_page(reviewer, "season-review-returned")
    assert Congress.objects.get(pk=congress.pk).review == Review.RETURNED
    assert mailoutbox[-1].to == [federation.school_officer.email]
    assert reason in mailoutbox[-1].body

    # The school sees the reason, replaces the minutes and resubmits.
    page.reload()
    check_page(page, "season-record-returned")
    assert reason in page.locator(".notice[role=note]").text_content()
    page.locator("#id_minutes").set_input_files(
        files=[pdf("Biên bản đại hội (có chữ ký).pdf", "Bien ban co chu ky")]
    )
    click_to(page, harness, page.get_by_role("button", name="Gửi công đoàn cấp trên"))
    check_page(page, "season-record-resubmitted")
    stored = Congress.objects.get(pk=congress.pk)
    assert stored.review == Review.SUBMITTED
    assert sorted(stored.files.values_list("original_name", flat=True)) == [
        "Biên bản đại hội (có chữ ký).pdf",
        "Nghị quyết đại hội.pdf",
    ]

    # The ward recognises the results: the chair reaches the register.
    reviewer.reload()
    check_page(reviewer, "season-review-resubmitted")
    click_to(reviewer, harness, reviewer.get_by_role("button", name="Công nhận kết quả"))
    check_page(reviewer, "season-review-recognised")
    stored = Congress.objects.get(pk=congress.pk)
    assert (stored.review, stored.recognised_on) == (Review.RECOGNISED, today())
    school.refresh_from_db()
    assert school.chairperson == CHAIR
    leaders = Leader.objects.current().filter(unit=school)
    assert set(leaders.values_list("full_name", flat=True)) == {CHAIR, VICE_CHAIR}

    # The public page: counts only.
    visitor = new_page(width)
    open_page(
        visitor,
        f"/dai-hoi/mua-dai-hoi/{season.term_start}-{season.term_end}/",
        name="season-public",
    )
    body = visitor.locator("main").text_content()
    assert CHAIR not in body
    assert school.name not in body
