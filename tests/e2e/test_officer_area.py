"""Union officers in the officer area: import members from Excel, report, review the report.

A grassroots union's officer logs in, imports a spreadsheet that has errors (nothing is
saved), then a clean one (all saved), fills in and submits the unit's report; an officer
of the unit above returns it with a reason, the union corrects and resubmits it, and the
unit above accepts it. Then the dashboard and the member list at phone width.
"""

import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from openpyxl import Workbook

from federation.models import SiteProfile
from members import spreadsheets
from members.models import Member, MembershipEvent, Officer, Report, ReportPeriod, ReportStatus
from members.spreadsheets import COLUMNS
from tests.e2e.harness import NARROW
from tests.factories import DESKTOP_UA, STAFF_PASSWORD
from tests.files import pdf_bytes
from tests.helpers import vi
from tests.members.factories import (
    Tree,
    card_number,
    make_many_members,
    make_officer,
    make_tree,
    open_period,
    this_year_start,
)

pytestmark = pytest.mark.e2e

LOGIN_URL = "/tai-khoan/dang-nhap/"
REPORT_FILE = "Báo cáo tổng kết năm.pdf"
EXISTING_MEMBERS = 4  # in the school's union before the period opens: what reports prefill


@dataclass
class Federation:
    tree: Tree
    period: ReportPeriod
    school_officer: object  # officer of the school's grassroots union
    ward_officer: object  # officer of the ward's union, the unit above the school


@pytest.fixture
def federation(transactional_db):
    """The Điện Biên tree, four members in the school's union, this year's period open."""
    SiteProfile.objects.create(
        full_name="Liên đoàn Lao động tỉnh Điện Biên", short_name="LĐLĐ tỉnh Điện Biên"
    )
    tree = make_tree()
    make_many_members(tree.school, EXISTING_MEMBERS)  # two women, two admitted this year
    period = open_period()
    return Federation(
        tree=tree,
        period=period,
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


class _DesktopBrowser:
    """Chromium whose contexts present a desktop browser's user agent (see test_documents)."""

    def __init__(self, browser):
        self.browser = browser

    def new_context(self, **options):
        return self.browser.new_context(user_agent=DESKTOP_UA, **options)


@pytest.fixture
def desktop(harness, monkeypatch):
    monkeypatch.setattr(harness, "browser", _DesktopBrowser(harness.browser))
    return harness


def workbook(rows) -> bytes:
    """An .xlsx file laid out as the import template: its headings, then `rows`."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Doan vien"
    sheet.append([heading for _key, heading in COLUMNS])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(page, name: str, content: bytes) -> None:
    page.locator("#id_file").set_input_files(
        files=[{"name": name, "mimeType": spreadsheets.XLSX, "buffer": content}]
    )


def person(name, gender, born, national_id, card, *, phone="", email="", position=""):
    """A row of the template, admitted on 1 January this year (typed as text)."""
    admitted = f"{this_year_start():%d/%m/%Y}"
    return [name, gender, born, national_id, phone, email, card, admitted, position]


def stored_imports() -> list[Path]:
    """Checked files waiting for their confirmation (kept outside the public media)."""
    folder = Path(settings.PROTECTED_MEDIA_ROOT) / "nhap-doan-vien"
    return sorted(path for path in folder.rglob("*") if path.is_file())


def submit_form(page, harness, button, *, status: int):
    """Click a submit button, check the status of the page it leads to, and drop Chromium's
    console line for a page answered with an error status (the test asked for it)."""
    with page.expect_navigation() as navigation:
        button.click()
    response = navigation.value
    assert response is not None
    if response.request.redirected_from is None:
        assert response.status == status, f"{response.url}: status {response.status}"
    if status >= 400:
        page.evaluate("0")
        harness._drop_document_status_error(page, response.url)
    return response


def log_in(page, open_page, username: str) -> None:
    open_page(page, LOGIN_URL, name="officer-login")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(STAFF_PASSWORD)
    with page.expect_navigation():
        page.locator("form.stacked-form").get_by_role("button", name="Đăng nhập").click()


def status_of_report(page) -> str:
    return page.locator(".period-item .status").first.text_content().strip()


def test_an_officer_imports_members_and_the_unit_above_reviews_the_report(
    desktop, open_page, check_page, federation, mailoutbox
):
    tree, period = federation.tree, federation.period
    school, harness = tree.school, desktop
    report = Report.objects.get(period=period, unit=school)
    assert report.prefilled["total_members"] == EXISTING_MEMBERS

    # The school's officer logs in and lands in the union's dashboard.
    page = harness.new_page()
    log_in(page, open_page, "lo.van.thang")
    page.wait_for_url(f"**/co-so/don-vi/{school.pk}/")
    check_page(page, "officer-dashboard")
    assert page.get_by_role("heading", level=1).text_content() == school.name
    # Members, female members, admitted this year.
    assert page.locator(".figure-cards dd").all_text_contents() == ["4", "2", "2"]

    # Members → Import from Excel.
    page.locator(".area-nav").get_by_role("link", name="Đoàn viên").click()
    page.wait_for_url(f"**/co-so/don-vi/{school.pk}/doan-vien/")
    check_page(page, "officer-members")
    page.get_by_role("link", name="Nhập từ Excel").click()
    page.wait_for_url(f"**/co-so/don-vi/{school.pk}/doan-vien/nhap/")
    check_page(page, "officer-import")

    # A file with errors: every row is shown with its errors, and nothing is saved.
    taken_card = card_number(500_000)  # the first of the four members already registered
    upload(
        page,
        "doan-vien-co-loi.xlsx",
        workbook(
            [
                person("Nguyễn Thị Lan", "Nữ", "12/05/1990", "011190200001", "ĐB-2026-0001"),
                person("", "Nam", "03/09/1985", "011085200002", "ĐB-2026-0002"),
                person("Trần Văn Bình", "Không rõ", "14/02/1988", "011088200003", "ĐB-2026-0003"),
                person("Phạm Thị Hoa", "Nữ", "31/02/1992", "011192200004", "ĐB-2026-0004"),
                person("Vũ Thị Ngọc", "Nữ", "20/10/1995", "011190200001", "ĐB-2026-0005"),
                person("Điêu Văn Tâm", "Nam", "07/07/1991", "011091200006", taken_card),
            ]
        ),
    )
    submit_form(page, harness, page.get_by_role("button", name="Kiểm tra tệp"), status=400)
    check_page(page, "officer-import-errors")
    alert = page.locator(".form-errors[role=alert]")
    assert alert.text_content().startswith("5 dòng có lỗi. Chưa có gì được lưu")
    rows = page.locator("table.import-preview tbody tr")
    assert rows.count() == 6
    invalid = page.locator("table.import-preview tr.row-invalid")
    assert invalid.count() == 5
    errors = {
        int(row.locator("td").first.text_content()): (
            row.locator(".row-errors li").all_text_contents()
        )
        for row in invalid.all()
    }
    assert errors == {
        3: [vi("The name is missing.")],
        4: [vi("Unknown gender “%(value)s”: write Nam or Nữ.", value="Không rõ")],
        5: [
            vi(
                "%(field)s “%(value)s” is not a date like 15/03/2026.",
                field=vi("Date of birth"),
                value="31/02/1992",
            )
        ],
        6: [
            vi(
                "%(what)s is already on row %(row)d of the file.",
                what=vi("National ID number %(value)s", value="011190200001"),
                row=2,
            )
        ],
        7: [
            vi(
                "%(what)s is already in the register.",
                what=vi("Union card number %(value)s", value=taken_card),
            )
        ],
    }
    # No confirmation is offered for a file with errors.
    assert page.locator("input[name=token]").count() == 0
    assert page.get_by_role("button", name=re.compile(r"^Lưu \d+ đoàn viên")).count() == 0
    assert Member.objects.filter(unit=school).count() == EXISTING_MEMBERS
    assert not Member.objects.filter(full_name="Nguyễn Thị Lan").exists()
    assert stored_imports() == []  # not even the file is kept

    # The corrected file: a clean preview, then one confirmation saves every row.
    clean = [
        person(
            "Nguyễn Thị Lan",
            "Nữ",
            "12/05/1990",
            "011190200001",
            "ĐB-2026-0001",
            phone="0912000001",
            email="lan.nt@thptphandinhgiot.edu.vn",
            position="Tổ trưởng công đoàn",
        ),
        person("Lường Văn Hùng", "Nam", "03/09/1985", "011085200002", "ĐB-2026-0002"),
        # A date cell, as Excel stores a date typed into it, and a number cell for the ID.
        person("Trần Văn Bình", "Nam", date(1988, 2, 14), 11088200003, "ĐB-2026-0003"),
    ]
    upload(page, "doan-vien.xlsx", workbook(clean))
    submit_form(page, harness, page.get_by_role("button", name="Kiểm tra tệp"), status=200)
    check_page(page, "officer-import-preview")
    assert page.locator("table.import-preview tbody tr").count() == 3
    assert page.locator("table.import-preview tr.row-invalid").count() == 0
    assert Member.objects.filter(unit=school).count() == EXISTING_MEMBERS  # not yet
    assert len(stored_imports()) == 1  # the checked file waits for the confirmation

    page.get_by_role("button", name="Lưu 3 đoàn viên").click()
    page.wait_for_url(f"**/co-so/don-vi/{school.pk}/doan-vien/")
    check_page(page, "officer-members-imported")
    assert (
        vi("%(count)d members are registered.") % {"count": 3}
        in page.locator("body").text_content()
    )
    names = page.locator("table.data-table tbody th a").all_text_contents()
    for name in ("Nguyễn Thị Lan", "Lường Văn Hùng", "Trần Văn Bình"):
        assert name in names
    assert len(names) == EXISTING_MEMBERS + 3
    assert stored_imports() == []
    imported = Member.objects.filter(unit=school, card_number__startswith="ĐB-2026-")
    assert sorted(imported.values_list("full_name", flat=True)) == [
        "Lường Văn Hùng",
        "Nguyễn Thị Lan",
        "Trần Văn Bình",
    ]
    assert (
        MembershipEvent.objects.filter(
            member__in=imported, kind=MembershipEvent.Kind.ADMITTED
        ).count()
        == 3
    )
    # Personal numbers stay masked in the list.
    assert "011190200001" not in page.locator("table.data-table").text_content()

    # The open period's report, from the dashboard.
    page.locator(".area-nav").get_by_role("link", name="Tổng quan").click()
    page.wait_for_url(f"**/co-so/don-vi/{school.pk}/")
    check_page(page, "officer-dashboard-after-import")
    assert period.name in page.locator(".period-item").text_content()
    assert status_of_report(page) == "Bản nháp"
    page.get_by_role("link", name="Lập báo cáo").click()
    page.wait_for_url(f"**{report.get_absolute_url()}")
    check_page(page, "officer-report")
    total = page.locator("#id_total_members")
    # The register has grown since the period opened (the import): the draft follows it.
    assert total.input_value() == str(EXISTING_MEMBERS + 3)
    registered_female = int(page.locator("#id_female_members").input_value())

    # Text typed, then a file attached: one form, the draft is saved with the file.
    results = (
        "Tổ chức hội nghị cán bộ, viên chức; kết nạp ba đoàn viên mới; "
        "thăm hỏi năm đoàn viên ốm đau."
    )
    page.locator("#id_dialogues_held").fill("2")
    page.locator("#id_welfare_members").fill("5")
    page.locator("#id_welfare_amount").fill("2500000")
    page.locator("#id_collective_agreement").check()
    page.locator("#id_results").fill(results)
    page.locator("#id_file").set_input_files(
        files=[{"name": REPORT_FILE, "mimeType": "application/pdf", "buffer": pdf_bytes()}]
    )
    submit_form(page, harness, page.get_by_role("button", name="Lưu nháp và đính kèm"), status=200)
    check_page(page, "officer-report-attached")
    assert page.locator("#id_results").input_value() == results
    assert page.locator("#id_dialogues_held").input_value() == "2"
    assert page.locator("#id_collective_agreement").is_checked()
    assert REPORT_FILE in page.locator("#tep-dinh-kem .file-list").text_content()
    stored = Report.objects.get(pk=report.pk)
    assert (stored.results, stored.dialogues_held, stored.attachments.count()) == (results, 2, 1)

    # A figure typed unlike the register needs a note; the register's is offered beside it.
    total.fill(str(EXISTING_MEMBERS + 4))
    submit_form(
        page, harness, page.get_by_role("button", name="Gửi công đoàn cấp trên"), status=400
    )
    check_page(page, "officer-report-needs-note")
    note_error = page.locator("#id_change_note_error")
    assert note_error.text_content() == vi(
        "Some figures differ from the register: say why in the note."
    )
    register_now = page.locator("#id_total_members_register")
    assert (
        register_now.text_content()
        .strip()
        .startswith(vi("The register now says %(value)s.", value=EXISTING_MEMBERS + 3))
    )
    assert Report.objects.get(pk=report.pk).status == ReportStatus.DRAFT

    # One click takes it; nothing typed is lost, and no note is needed any more.
    submit_form(page, harness, register_now.get_by_role("button"), status=200)
    assert total.input_value() == str(EXISTING_MEMBERS + 3)
    assert page.locator("#id_results").input_value() == results
    assert page.locator("#id_total_members_register").count() == 0
    submit_form(
        page, harness, page.get_by_role("button", name="Gửi công đoàn cấp trên"), status=200
    )
    check_page(page, "officer-report-submitted")
    assert vi("The report is submitted to the unit above.") in page.locator("body").text_content()
    assert page.locator("main .status").first.text_content() == "Đã gửi"
    assert page.locator("#id_total_members").count() == 0  # read-only for the unit now
    stored = Report.objects.get(pk=report.pk)
    assert (stored.status, stored.total_members, stored.female_members, stored.change_note) == (
        ReportStatus.SUBMITTED,
        EXISTING_MEMBERS + 3,
        registered_female,
        "",
    )
    assert [message.to for message in mailoutbox] == [[federation.ward_officer.email]]

    # The ward's officer finds the report through the period's progress and returns it.
    reviewer = harness.new_page()
    log_in(reviewer, open_page, "quang.thi.mai")
    reviewer.wait_for_url(f"**/co-so/don-vi/{tree.ward.pk}/")
    check_page(reviewer, "upper-dashboard")
    reviewer.get_by_role("link", name="Báo cáo của các đơn vị trực thuộc").click()
    reviewer.wait_for_url(f"**/co-so/don-vi/{tree.ward.pk}/ky-bao-cao/{period.pk}/")
    check_page(reviewer, "upper-period-progress")
    # The school's row in the table of all reports links to its report.
    reviewer.locator(f'a[href="{report.get_absolute_url()}"]', has_text=school.name).click()
    reviewer.wait_for_url(f"**{report.get_absolute_url()}")
    check_page(reviewer, "upper-report")
    assert reviewer.locator("main .status").first.text_content() == "Đã gửi"
    reason = "Số đoàn viên nữ chưa khớp với danh sách, đề nghị kiểm tra lại."
    reviewer.get_by_label("Đơn vị cần sửa những gì?").fill(reason)
    reviewer.get_by_role("button", name="Trả lại cho đơn vị").click()
    reviewer.wait_for_url(f"**{report.get_absolute_url()}")
    check_page(reviewer, "upper-report-returned")
    assert vi("The report is returned to the unit.") in reviewer.locator("body").text_content()
    assert reviewer.locator("main .status").first.text_content() == "Bị trả lại"
    stored = Report.objects.get(pk=report.pk)
    assert (stored.status, stored.return_reason) == (ReportStatus.RETURNED, reason)
    assert mailoutbox[-1].to == [federation.school_officer.email]
    assert reason in mailoutbox[-1].body

    # The school's officer sees the returned report and the reason, corrects it, resubmits.
    open_page(page, f"/co-so/don-vi/{school.pk}/", name="officer-dashboard-returned")
    assert status_of_report(page) == "Bị trả lại"
    page.get_by_role("link", name="Lập báo cáo").click()
    page.wait_for_url(f"**{report.get_absolute_url()}")
    check_page(page, "officer-report-returned")
    assert page.locator("main .status").first.text_content() == "Bị trả lại"
    assert reason in page.locator(".notice[role=note]").text_content()
    assert page.locator("#id_female_members").input_value() == str(registered_female)
    page.locator("#id_female_members").fill(str(registered_female + 1))
    page.locator("#id_change_note").fill("Một đoàn viên nữ chuyển đến chưa kịp nhập vào sổ.")
    submit_form(
        page, harness, page.get_by_role("button", name="Gửi công đoàn cấp trên"), status=200
    )
    check_page(page, "officer-report-resubmitted")
    assert page.locator("main .status").first.text_content() == "Đã gửi"
    assert Report.objects.get(pk=report.pk).female_members == registered_female + 1
    assert mailoutbox[-1].to == [federation.ward_officer.email]

    # The ward accepts it.
    reviewer.reload()
    check_page(reviewer, "upper-report-resubmitted")
    assert reviewer.locator("main .status").first.text_content() == "Đã gửi"
    reviewer.get_by_role("button", name="Chấp nhận báo cáo").click()
    reviewer.wait_for_url(f"**{report.get_absolute_url()}")
    check_page(reviewer, "upper-report-accepted")
    assert vi("The report is accepted.") in reviewer.locator("body").text_content()
    assert reviewer.locator("main .status").first.text_content() == "Đã chấp nhận"
    assert reviewer.get_by_role("button", name="Chấp nhận báo cáo").count() == 0
    stored = Report.objects.get(pk=report.pk)
    assert stored.status == ReportStatus.ACCEPTED
    assert stored.reviewed_by == get_user_model().objects.get(username="quang.thi.mai")

    # And the union sees it accepted.
    open_page(page, f"/co-so/don-vi/{school.pk}/", name="officer-dashboard-accepted")
    assert status_of_report(page) == "Đã chấp nhận"
    assert page.get_by_role("link", name="Xem báo cáo").is_visible()


@pytest.mark.parametrize("width", [NARROW])
def test_the_officer_pages_fit_a_phone(desktop, open_page, check_page, federation, width):
    tree = federation.tree
    for username, unit in (("lo.van.thang", tree.school), ("quang.thi.mai", tree.ward)):
        page = desktop.new_page(width)
        log_in(page, open_page, username)
        page.wait_for_url(f"**/co-so/don-vi/{unit.pk}/")
        kind = "grassroots" if unit is tree.school else "upper"
        open_page(page, f"/co-so/don-vi/{unit.pk}/", name=f"{kind}-dashboard")
        assert page.get_by_role("heading", level=1).text_content() == unit.name
        assert page.locator(".period-item").is_visible()
        # Nothing wider than the screen: no sideways scrolling of the page itself.
        assert page.evaluate("document.documentElement.scrollWidth") <= NARROW

        open_page(page, f"/co-so/don-vi/{unit.pk}/doan-vien/", name=f"{kind}-members")
        assert page.locator("table.data-table tbody tr").count() == EXISTING_MEMBERS
        assert page.evaluate("document.documentElement.scrollWidth") <= NARROW

        # Search as typed on a phone: no diacritics.
        page.get_by_label("Họ tên hoặc số thẻ đoàn viên").fill("le thi mai")
        with page.expect_navigation():
            page.get_by_role("button", name="Tìm", exact=True).click()
        check_page(page, f"{kind}-members-search")
        assert page.locator("table.data-table tbody th a").all_text_contents() == ["Lê Thị Mai"]
