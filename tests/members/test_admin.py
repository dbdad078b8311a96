"""The register in the admin, as the "Cán bộ tổ chức" uses it: the tree, members, rounds."""

import html
import re

import pytest
from django.core import mail
from django.urls import reverse

from members.models import Member, MembershipEvent, Report, ReportPeriod, ReportStatus, Unit
from members.services import submit_report
from tests.factories import make_editor
from tests.helpers import logged_in, text_of, vi
from tests.members.factories import (
    make_officer,
    open_period,
    today,
)

pytestmark = pytest.mark.django_db

UNITS_URL = reverse("admin:members_unit_changelist")
MEMBERS_URL = reverse("admin:members_member_changelist")
MEMBER_ADD_URL = reverse("admin:members_member_add")
PERIOD_ADD_URL = reverse("admin:members_reportperiod_add")
REPORTS_URL = reverse("admin:members_report_changelist")


def listed_names(response) -> list[str]:
    """Names in the first column of the changelist (the link to each row), in page order."""
    table = re.search(r'<table id="result_list">.*?</table>', text_of(response), re.S)
    assert table, "no result list on the page"
    cells = re.findall(r'<th class="field-[^"]+"><a [^>]*>(.*?)</a></th>', table.group(0), re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", cell)).lstrip("— ").strip() for cell in cells]


def admin_messages(response) -> list[str]:
    return [
        html.unescape(re.sub(r"\s+", " ", item)).strip()
        for item in re.findall(r'<ul class="messagelist">.*?</ul>', text_of(response), re.S)
        for item in re.findall(r"<li[^>]*>(.*?)</li>", item, re.S)
    ]


# ---------------------------------------------------------------------------------------
# Who may come in


def test_the_organisation_officer_opens_every_register_page(staff_client, register):
    for name in (
        "unit",
        "unitkind",
        "unitmove",
        "member",
        "officer",
        "reportperiod",
        "report",
        "personaldataexport",
    ):
        response = staff_client.get(reverse(f"admin:members_{name}_changelist"))
        assert response.status_code == 200, name


def test_other_staff_do_not_see_the_register(tree, register):
    client = logged_in(make_editor(), address="10.0.0.42")
    assert client.get(UNITS_URL).status_code == 403
    assert client.get(MEMBERS_URL).status_code == 403


def test_a_branch_officer_cannot_enter_the_admin(tree):
    officer = make_officer("lo.van.thang", tree.school)
    response = logged_in(officer, address="10.0.0.43").get(MEMBERS_URL)
    assert response.status_code == 302  # to the admin login: not staff


# ---------------------------------------------------------------------------------------
# Units


def test_units_are_listed_as_a_tree(staff_client, tree):
    response = staff_client.get(UNITS_URL)
    assert response.status_code == 200
    in_tree_order = [unit.name for unit in Unit.objects.order_by("path")]
    assert listed_names(response) == in_tree_order
    page = text_of(response)
    # Indented by depth: the tổ công đoàn sits four steps below the province.
    assert re.search(r'class="tree-depth-5">(— ){4}Tổ công đoàn Giáo viên Toán', page)
    assert re.search(r'class="tree-depth-1">Liên đoàn Lao động tỉnh Điện Biên', page)


def test_units_are_filtered_by_upper_unit_anywhere_below_it(staff_client, tree):
    response = staff_client.get(UNITS_URL, {"under": tree.ward.pk})
    assert set(listed_names(response)) == {
        tree.ward.name,
        tree.school.name,
        tree.section.name,
        tree.group.name,
        tree.builder.name,
    }


def unit_form(unit, **changes) -> dict:
    data = {
        "name": unit.name,
        "short_name": unit.short_name,
        "kind": unit.kind_id,
        "parent": unit.parent_id or "",
        "sector": unit.sector,
        "employer": unit.employer,
        "employees": unit.employees if unit.employees is not None else "",
        "province": unit.province,
        "commune": unit.commune,
        "address": unit.address,
        "chairperson": unit.chairperson,
        "phone": unit.phone,
        "email": unit.email,
        "founded_on": unit.founded_on.isoformat() if unit.founded_on else "",
        "dissolved_on": unit.dissolved_on.isoformat() if unit.dissolved_on else "",
        "merged_into": unit.merged_into_id or "",
    }
    data.update(changes)
    return data


def test_changing_the_parent_in_the_admin_moves_the_subtree(staff_client, staff, tree):
    url = reverse("admin:members_unit_change", args=[tree.school.pk])
    response = staff_client.post(url, unit_form(tree.school, parent=tree.commune.pk))
    assert response.status_code == 302
    tree.refresh()
    assert tree.school.parent == tree.commune
    assert tree.group.path.startswith(tree.school.path)
    assert tree.school.path.startswith(tree.commune.path)
    move = tree.school.moves.get()
    assert (move.old_parent, move.new_parent, move.moved_by) == (tree.ward, tree.commune, staff)


def test_the_admin_refuses_a_parent_below_the_unit(staff_client, tree):
    url = reverse("admin:members_unit_change", args=[tree.ward.pk])
    response = staff_client.post(url, unit_form(tree.ward, parent=tree.group.pk))
    assert response.status_code == 200
    assert vi("A unit cannot be placed under itself.") in html.unescape(text_of(response))
    tree.refresh()
    assert tree.ward.parent == tree.province
    assert not tree.ward.moves.exists()


def test_a_unit_added_in_the_admin_gets_its_path(staff_client, tree):
    response = staff_client.post(
        reverse("admin:members_unit_add"),
        unit_form(
            Unit(
                name="Công đoàn cơ sở Trường Mầm non Hoa Ban",
                kind=tree.kinds["grassroots"],
                parent=tree.ward,
                sector="public",
                employees=31,
                province="Điện Biên",
            )
        ),
    )
    assert response.status_code == 302
    added = Unit.objects.get(name="Công đoàn cơ sở Trường Mầm non Hoa Ban")
    assert added.path.startswith(tree.ward.path)
    assert added.depth == 3


# ---------------------------------------------------------------------------------------
# Members


def test_members_are_filtered_by_upper_unit(staff_client, register, tree):
    response = staff_client.get(MEMBERS_URL, {"under": tree.commune.pk})
    assert set(listed_names(response)) == {
        "Phạm Thu Trang",
        "Hoàng Thị Ánh",
        "Vũ Hồng Nhung",
        "Điêu Văn Hải",
    }
    response = staff_client.get(MEMBERS_URL, {"under": tree.province.pk})
    assert len(listed_names(response)) == 10


@pytest.mark.parametrize(
    ("search", "found"),
    [
        ("lo thi huong", ["Lò Thị Hương"]),
        ("LÒ THỊ HƯƠNG", ["Lò Thị Hương"]),
        ("dieu van hai", ["Điêu Văn Hải"]),
        ("huong", ["Lò Thị Hương"]),
        ("ĐB00000001", ["Lò Thị Hương"]),  # union card number
        ("7890", ["Lò Thị Hương"]),  # last digits of the ID number
        ("nguyen van", ["Nguyễn Văn Dũng"]),
    ],
)
def test_members_are_searched_by_name_card_and_last_id_digits(
    staff_client, register, search, found
):
    response = staff_client.get(MEMBERS_URL, {"q": search})
    assert response.status_code == 200
    assert listed_names(response) == found


def test_a_search_by_the_middle_of_an_id_number_finds_nobody(staff_client, register):
    response = staff_client.get(MEMBERS_URL, {"q": "194007"})
    assert response.status_code == 200
    assert 'id="result_list"' not in text_of(response)
    assert "Lò Thị Hương" not in text_of(response)


def test_the_member_list_shows_masked_id_numbers_only(staff_client, register):
    response = staff_client.get(MEMBERS_URL)
    page = text_of(response)
    assert "••••••••7890" in page
    for member in Member.objects.all():
        assert member.national_id not in page
        assert member.masked_national_id in page
        if member.phone:
            assert member.phone not in page


def member_form(unit, **changes) -> dict:
    data = {
        "full_name": "Lường Thị Xuân",
        "gender": "female",
        "date_of_birth": "1996-09-02",
        "national_id": "011196123456",
        "phone": "0988123456",
        "email": "",
        "unit": unit.pk,
        "card_number": "ĐB00009001",
        "admitted_on": "2020-05-19",
        "position": "Tổ trưởng tổ công đoàn",
        # The events inline (read only) still sends its management form.
        "events-TOTAL_FORMS": "0",
        "events-INITIAL_FORMS": "0",
        "events-MIN_NUM_FORMS": "0",
        "events-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_adding_a_member_in_the_admin_admits_them(staff_client, staff, tree):
    response = staff_client.post(MEMBER_ADD_URL, member_form(tree.garment))
    assert response.status_code == 302, text_of(response)
    member = Member.objects.get(national_id="011196123456")
    assert member.unit == tree.garment
    assert member.search_name == "luong thi xuan"
    kinds = list(member.events.order_by("pk").values_list("kind", "recorded_by"))
    assert kinds == [
        (MembershipEvent.Kind.ADMITTED, staff.pk),
        (MembershipEvent.Kind.CARD_ISSUED, staff.pk),
    ]


def test_the_admin_refuses_a_member_in_an_upper_level_unit(staff_client, tree):
    response = staff_client.post(MEMBER_ADD_URL, member_form(tree.ward))
    assert response.status_code == 200
    assert vi("Members belong to a grassroots union.") in html.unescape(text_of(response))
    assert not Member.objects.exists()


def test_the_admin_refuses_a_malformed_or_taken_id(staff_client, register, tree):
    response = staff_client.post(
        MEMBER_ADD_URL, member_form(tree.garment, national_id="0111961234")
    )
    assert vi("A national ID number has exactly 12 digits.") in html.unescape(text_of(response))
    response = staff_client.post(
        MEMBER_ADD_URL, member_form(tree.garment, national_id=register.huong.national_id)
    )
    assert vi("A member with this national ID number is already registered.") in html.unescape(
        text_of(response)
    )
    assert Member.objects.count() == 10


def test_changing_a_member_in_the_admin_keeps_their_unit(staff_client, register, tree):
    member = register.dung
    url = reverse("admin:members_member_change", args=[member.pk])
    events = member.events.count()
    data = member_form(
        tree.clinic,
        full_name=member.full_name,
        gender=member.gender,
        date_of_birth=member.date_of_birth.isoformat(),
        national_id=member.national_id,
        phone="0977000111",
        card_number="",
        admitted_on=member.admitted_on.isoformat(),
        position="",
    )
    data["events-TOTAL_FORMS"] = data["events-INITIAL_FORMS"] = str(events)
    for index, event in enumerate(member.events.order_by("happened_on", "pk")):
        data[f"events-{index}-id"] = event.pk
        data[f"events-{index}-member"] = member.pk
    response = staff_client.post(url, data)
    assert response.status_code == 302, text_of(response)
    member.refresh_from_db()
    assert member.phone == "0977000111"
    assert member.unit == tree.builder  # "unit" is read-only once admitted


# ---------------------------------------------------------------------------------------
# Reporting periods and reports


def test_opening_a_period_in_the_admin_creates_the_drafts(staff_client, register, tree):
    year = today().year
    response = staff_client.post(
        PERIOD_ADD_URL,
        {
            "name": f"Báo cáo 6 tháng đầu năm {year}",
            "kind": "half-year",
            "starts_on": f"{year}-01-01",
            "ends_on": f"{year}-06-30",
            "deadline": f"{year}-07-10",
            "is_open": "on",
        },
        follow=True,
    )
    assert response.status_code == 200
    period = ReportPeriod.objects.get()
    assert Report.objects.filter(period=period, status=ReportStatus.DRAFT).count() == 5
    message = vi(
        "%(count)d grassroots union now has a draft report for this period.",
        "%(count)d grassroots unions now have a draft report for this period.",
        5,
    ) % {"count": 5}
    assert message in admin_messages(response)


def test_the_admin_refuses_a_deadline_before_the_period_ends(staff_client, tree):
    response = staff_client.post(
        PERIOD_ADD_URL,
        {
            "name": "Báo cáo năm 2025",
            "kind": "year",
            "starts_on": "2025-01-01",
            "ends_on": "2025-12-31",
            "deadline": "2025-12-15",
            "is_open": "on",
        },
    )
    assert response.status_code == 200
    assert vi("The deadline cannot come before the period ends.") in html.unescape(
        text_of(response)
    )
    assert not ReportPeriod.objects.exists()
    assert not Report.objects.exists()


@pytest.fixture
def round_under_way(register, tree):
    """A period where the school and the builder have submitted; the others are drafts."""
    period = open_period()
    for unit, username in ((tree.school, "lo.van.thang"), (tree.builder, "tran.van.hai")):
        officer = make_officer(username, unit)
        submit_report(report=Report.objects.get(period=period, unit=unit), user=officer)
    return period


def run_action(client, action, reports, **extra):
    return client.post(
        REPORTS_URL,
        {"action": action, "_selected_action": [report.pk for report in reports], **extra},
        follow=True,
    )


def test_reports_are_filtered_by_period_status_and_upper_unit(staff_client, round_under_way, tree):
    response = staff_client.get(REPORTS_URL, {"status": "submitted"})
    assert set(listed_names(response)) == {tree.school.name, tree.builder.name}
    response = staff_client.get(REPORTS_URL, {"under": tree.commune.pk})
    assert set(listed_names(response)) == {tree.clinic.name, tree.garment.name}


def test_staff_accept_submitted_reports_and_drafts_are_refused(
    staff_client, staff, round_under_way, tree
):
    period = round_under_way
    school = Report.objects.get(period=period, unit=tree.school)
    clinic = Report.objects.get(period=period, unit=tree.clinic)

    response = run_action(staff_client, "accept", [school, clinic])

    school.refresh_from_db()
    clinic.refresh_from_db()
    assert school.status == ReportStatus.ACCEPTED
    assert school.reviewed_by == staff
    assert clinic.status == ReportStatus.DRAFT
    shown = admin_messages(response)
    assert f"{tree.clinic.name}: {vi('Only a submitted report can be reviewed.')}" in shown
    assert vi("%(count)d report done.", "%(count)d reports done.", 1) % {"count": 1} in shown


def test_staff_return_submitted_reports_with_a_reason(
    staff_client, round_under_way, tree, django_capture_on_commit_callbacks
):
    period = round_under_way
    builder = Report.objects.get(period=period, unit=tree.builder)
    garment = Report.objects.get(period=period, unit=tree.garment)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = run_action(staff_client, "return_to_unit", [builder, garment])

    builder.refresh_from_db()
    garment.refresh_from_db()
    assert builder.status == ReportStatus.RETURNED
    assert builder.return_reason == vi("Please check the figures and submit again.")
    assert garment.status == ReportStatus.DRAFT
    assert f"{tree.garment.name}: {vi('Only a submitted report can be reviewed.')}" in (
        admin_messages(response)
    )
    assert [message.to for message in mail.outbox] == [
        ["tran.van.hai@congdoan-dienbien.example.vn"]
    ]


def test_staff_cannot_edit_a_units_figures_in_the_admin(staff_client, round_under_way, tree):
    report = Report.objects.get(period=round_under_way, unit=tree.school)
    url = reverse("admin:members_report_change", args=[report.pk])
    response = staff_client.get(url)
    assert response.status_code == 200  # view only
    response = staff_client.post(url, {"total_members": 99})
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.total_members == 2
    assert staff_client.get(reverse("admin:members_report_add")).status_code == 403
