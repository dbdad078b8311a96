"""The officer area at /co-so/, page by page, as officers use it through their browser.

Every bad input gets a Vietnamese message beside the field (or at the top of the page)
and changes nothing; nothing answers with a 500.
"""

import html
import re
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.core import mail
from django.urls import reverse

from members import services, urls
from members.models import (
    FIGURES,
    Member,
    MembershipEvent,
    MemberStatus,
    Officer,
    Report,
    ReportAttachment,
    ReportStatus,
)
from tests.factories import STAFF_PASSWORD, browser, make_editor, make_user
from tests.files import executable_bytes, pdf_bytes, upload
from tests.helpers import files_under, logged_in, messages_of, text_of, vi
from tests.members.factories import (
    card_number,
    make_many_members,
    make_member,
    make_officer,
    make_organisation_officer,
    this_year_start,
    today,
)

pytestmark = pytest.mark.django_db

LOGIN_URL = "/tai-khoan/dang-nhap/"


def url(name: str, *args) -> str:
    return reverse(f"members:{name}", args=args)


# ---------------------------------------------------------------------------------------
# Reading pages


def plain(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"\s+", " ", fragment))).strip()


def figure_cards(response) -> dict[str, str]:
    """The figure cards of a dashboard: label → figure as shown."""
    cards = re.search(r'<dl class="figure-cards">(.*?)</dl>', text_of(response), re.S)
    assert cards, "the page has no figure cards"
    pairs = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", cards.group(1), re.S)
    return {plain(label): plain(value) for label, value in pairs}


def field_errors(response, name: str) -> list[str]:
    """The messages shown beside one field of a form."""
    return [
        plain(error)
        for error in re.findall(
            rf'<p class="field-error" id="id_{name}_error">(.*?)</p>', text_of(response), re.S
        )
    ]


def table_rows(response, section: str | None = None) -> list[list[str]]:
    """The body rows of the first data table on the page (or in the section titled by the
    heading with id `section`), as the cells' texts."""
    page = text_of(response)
    if section:
        found = re.search(rf'<section aria-labelledby="{section}".*?</section>', page, re.S)
        assert found, f"the page has no section {section}"
        page = found.group(0)
    bodies = re.findall(r'<table class="data-table[^"]*">.*?<tbody>(.*?)</tbody>', page, re.S)
    assert bodies, "the page has no data table"
    return [
        [plain(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", bodies[0], re.S)
    ]


def shown(response, message: str) -> bool:
    return html.escape(message) in text_of(response) or message in plain(text_of(response))


def member_form(**changes) -> dict:
    """The add-a-member form as an officer fills it in."""
    data = {
        "full_name": "Lường Thị Thu",
        "gender": "female",
        "date_of_birth": "1993-04-18",
        "national_id": "011193004567",
        "phone": "0976543210",
        "email": "thu.luong@example.vn",
        "card_number": "ĐB00009001",
        "admitted_on": this_year_start().isoformat(),
        "position": "Tổ trưởng công đoàn",
    }
    data.update(changes)
    return data


def edit_form(member, **changes) -> dict:
    data = {
        "full_name": member.full_name,
        "gender": member.gender,
        "date_of_birth": member.date_of_birth.isoformat() if member.date_of_birth else "",
        "national_id": member.national_id,
        "phone": member.phone,
        "email": member.email,
        "card_number": member.card_number or "",
        "admitted_on": member.admitted_on.isoformat(),
        "position": member.position,
    }
    data.update(changes)
    return data


def report_form(report, **changes) -> dict:
    """The report form as it comes prefilled, with `changes` typed in."""
    data = {
        name: "" if getattr(report, name) is None else str(getattr(report, name))
        for name in FIGURES
    }
    data.update(
        change_note=report.change_note,
        results=report.results,
        difficulties=report.difficulties,
        proposals=report.proposals,
    )
    for flag in ("collective_agreement", "emulation_registered"):
        if getattr(report, flag):
            data[flag] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def snapshot(model, *fields) -> list[tuple]:
    return list(model.objects.order_by("pk").values_list("pk", *fields))


MEMBER_FIELDS = ("full_name", "unit_id", "status", "phone", "national_id", "card_number")


# ---------------------------------------------------------------------------------------
# Coming in


def test_an_anonymous_visitor_is_sent_to_the_login_page(tree):
    visitor = browser()
    response = visitor.get("/co-so/")
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN_URL}?next=/co-so/"
    deep = url("members", tree.school.pk)
    response = visitor.get(deep)
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN_URL}?next={quote(deep)}"


def test_an_officer_logging_in_on_the_public_page_lands_in_their_unit(tree, officers):
    client = browser(address="10.0.2.1")
    response = client.post(LOGIN_URL, {"username": "lo.van.thang", "password": STAFF_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/co-so/"
    response = client.get("/co-so/")
    assert response.status_code == 302
    assert response["Location"] == url("unit", tree.school.pk)
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert tree.school.name in text_of(page)


def test_the_login_page_follows_next_back_into_the_area(tree, officers):
    client = browser(address="10.0.2.2")
    target = url("members", tree.ward.pk)
    login_page = client.get(target, follow=True)
    assert login_page.redirect_chain[-1][0] == f"{LOGIN_URL}?next={quote(target)}"
    response = client.post(
        f"{LOGIN_URL}?next={quote(target)}",
        {"username": "lo.thi.huong", "password": STAFF_PASSWORD, "next": target},
    )
    assert response.status_code == 302
    assert response["Location"] == target
    assert client.get(target).status_code == 200


def test_an_officer_of_two_units_chooses_one(tree, officers):
    Officer.objects.create(user=officers["builder"], unit=tree.clinic)
    client = logged_in(officers["builder"], address="10.0.2.3")
    response = client.get("/co-so/")
    assert response.status_code == 200
    assert shown(response, vi("Choose a unit"))
    assert url("unit", tree.builder.pk) in text_of(response)
    assert url("unit", tree.clinic.pk) in text_of(response)


def test_register_staff_choose_from_the_top_of_the_tree(tree):
    client = logged_in(make_organisation_officer(), address="10.0.2.6")
    response = client.get("/co-so/")
    assert response.status_code == 200
    assert shown(response, vi("Choose a unit"))
    assert url("unit", tree.province.pk) in text_of(response)
    assert client.get(url("unit", tree.clinic.pk)).status_code == 200


def test_a_news_editor_without_a_unit_is_sent_to_the_admin(tree):
    client = logged_in(make_editor(), address="10.0.2.4")
    response = client.get("/co-so/")
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    # The pages of a unit are not theirs either.
    assert client.get(url("unit", tree.school.pk)).status_code == 403


def test_a_plain_user_gets_403(tree):
    client = logged_in(make_user("dang.van.nam", staff=False), address="10.0.2.5")
    response = client.get("/co-so/")
    assert response.status_code == 403
    assert shown(response, vi("You may not open this page"))
    assert client.get(url("unit", tree.school.pk)).status_code == 403
    assert client.get(url("members", tree.school.pk)).status_code == 403


# ---------------------------------------------------------------------------------------
# The dashboard


def test_the_dashboard_of_a_grassroots_union(tree, register, period, school_client):
    response = school_client.get(url("unit", tree.school.pk))
    assert response.status_code == 200
    year = today().year
    # Hương and Ơn are active (one woman, admitted this year); Én left today.
    assert figure_cards(response) == {
        vi("Members"): "2",
        vi("Female members"): "1",
        vi("Admitted in %(year)s", year=year): "1",
    }
    page = text_of(response)
    assert period.name in page
    assert f"{period.deadline:%d/%m/%Y}" in page
    report = Report.objects.get(period=period, unit=tree.school)
    status = re.search(r"<p>[^<]*<span class=\"status status-(\w+)\">(.*?)</span>", page, re.S)
    assert status.group(1) == "draft"
    assert plain(status.group(2)) == vi("Draft")
    assert report.get_absolute_url() in page
    assert shown(response, vi("Fill in the report"))
    # A grassroots union follows no reports below it; its own section is listed.
    assert url("period", tree.school.pk, period.pk) not in page
    assert "<progress" not in page
    # Its section is listed as part of it, without member counts: members belong to the
    # grassroots union, its sections and groups hold none of their own (no column of 0s).
    inner = re.search(r'<section aria-labelledby="children-title">.*?</section>', page, re.S)
    assert tree.section.name in inner.group(0)
    assert shown(response, vi("Sections and groups inside the union"))
    assert "<table" not in inner.group(0)


def test_a_union_with_nothing_below_shows_no_units_below(tree, register, officers):
    client = logged_in(officers["builder"], address="10.0.1.6")
    response = client.get(url("unit", tree.builder.pk))
    assert response.status_code == 200
    assert figure_cards(response)[vi("Members")] == "2"
    assert not shown(response, vi("Units below"))


def test_the_dashboard_of_an_upper_unit(tree, register, period, officers, ward_client):
    school_report = Report.objects.get(period=period, unit=tree.school)
    services.submit_report(report=school_report, user=officers["school"])
    response = ward_client.get(url("unit", tree.ward.pk))
    assert response.status_code == 200
    year = today().year
    assert figure_cards(response) == {
        vi("Members"): "4",
        vi("Female members"): "2",
        vi("Admitted in %(year)s", year=year): "2",
    }
    page = text_of(response)
    # The period, its deadline, and the progress of the two unions below.
    assert period.name in page
    assert f"{period.deadline:%d/%m/%Y}" in page
    progress = re.findall(r"<progress[^>]*>(.*?)</progress>", page)
    assert progress == ["0/2", "1/2", "1/2"]  # accepted, submitted, not yet submitted
    assert url("period", tree.ward.pk, period.pk) in page
    # The units below, with their figures.
    rows = table_rows(response, "children-title")
    assert rows == [
        [tree.builder.name, "2", "1", "1"],
        [tree.school.name, "2", "1", "1"],
    ]


def test_the_units_below_add_up_to_the_province(tree, register, officers):
    client = logged_in(officers["province"], address="10.0.1.5")
    response = client.get(url("unit", tree.province.pk))
    assert response.status_code == 200
    assert figure_cards(response)[vi("Members")] == "9"
    rows = {
        row[0]: [int(cell) for cell in row[1:]] for row in table_rows(response, "children-title")
    }
    assert rows == {
        tree.power.name: [1, 0, 1],
        tree.commune.name: [4, 3, 1],
        tree.ward.name: [4, 2, 2],
    }
    sums = [sum(column) for column in zip(*rows.values(), strict=True)]
    cards = figure_cards(response)
    assert sums == [
        int(cards[vi("Members")]),
        int(cards[vi("Female members")]),
        int(cards[vi("Admitted in %(year)s", year=today().year)]),
    ]


def test_a_dashboard_without_open_periods_says_so(tree, register, school_client):
    response = school_client.get(url("unit", tree.school.pk))
    assert shown(response, vi("No reporting period is open."))


def test_a_dashboard_of_a_unit_that_does_not_exist_is_404(school_client):
    assert school_client.get("/co-so/don-vi/987654/").status_code == 404


# ---------------------------------------------------------------------------------------
# The member list


def listed(response) -> list[str]:
    return [
        plain(name)
        for name in re.findall(
            r'<th scope="row"><a href="/co-so/doan-vien/\d+/">(.*?)</a>', text_of(response)
        )
    ]


def test_the_member_list_of_an_upper_unit_shows_every_union_below(tree, register, ward_client):
    response = ward_client.get(url("members", tree.ward.pk))
    assert response.status_code == 200
    assert sorted(listed(response)) == sorted(
        ["Lò Thị Hương", "Quàng Văn Ơn", "Cà Thị Én", "Nguyễn Văn Dũng", "Trần Thị Mai"]
    )
    # The grassroots union of each member is named in an upper unit's list.
    assert tree.builder.name in text_of(response)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("huong", ["Lò Thị Hương"]),  # without diacritics
        ("LO THI HUONG", ["Lò Thị Hương"]),
        ("Hương", ["Lò Thị Hương"]),
        ("quang van", ["Quàng Văn Ơn"]),
        ("thi", ["Cà Thị Én", "Lò Thị Hương", "Trần Thị Mai"]),
        (card_number(1), ["Lò Thị Hương"]),  # by union card number
        ("nobody-like-this", []),
        ("   ", ["Lò Thị Hương", "Quàng Văn Ơn", "Cà Thị Én", "Nguyễn Văn Dũng", "Trần Thị Mai"]),
    ],
)
def test_the_member_list_is_searched_without_diacritics_and_by_card(
    tree, register, ward_client, query, expected
):
    response = ward_client.get(url("members", tree.ward.pk), {"q": query})
    assert response.status_code == 200
    assert sorted(listed(response)) == sorted(expected)
    if not expected:
        assert shown(response, vi("No member matches."))


def test_a_card_number_typed_in_lower_case_is_found(tree, register, ward_client):
    response = ward_client.get(url("members", tree.ward.pk), {"q": card_number(1).lower()})
    assert listed(response) == ["Lò Thị Hương"]


def test_the_member_list_is_filtered_by_status_and_gender(tree, register, ward_client):
    members = url("members", tree.ward.pk)
    left = ward_client.get(members, {"status": MemberStatus.LEFT})
    assert listed(left) == ["Cà Thị Én"]
    men = ward_client.get(members, {"gender": "male"})
    assert sorted(listed(men)) == ["Nguyễn Văn Dũng", "Quàng Văn Ơn"]
    active_women = ward_client.get(members, {"gender": "female", "status": "active"})
    assert sorted(listed(active_women)) == ["Lò Thị Hương", "Trần Thị Mai"]
    both = ward_client.get(members, {"gender": "female", "status": "active", "q": "mai"})
    assert listed(both) == ["Trần Thị Mai"]


@pytest.mark.parametrize("params", [{"status": "xyz"}, {"gender": "unknown"}])
def test_a_bad_filter_value_is_a_400_with_a_message(tree, register, ward_client, params):
    response = ward_client.get(url("members", tree.ward.pk), params)
    assert response.status_code == 400
    (name,) = params
    assert field_errors(response, name) == [vi("There is no such choice; pick one from the list.")]
    assert shown(response, vi("Some choices could not be used; see the messages below them."))
    assert listed(response) == []


def test_a_search_too_long_is_a_400_not_a_500(tree, register, ward_client):
    response = ward_client.get(url("members", tree.ward.pk), {"q": "Nguyễn " * 40})
    assert response.status_code == 400


@pytest.mark.parametrize("page", ["abc", "0", "99", "-1", "1.5"])
def test_a_page_that_is_not_a_page_is_404(tree, register, ward_client, page):
    response = ward_client.get(url("members", tree.ward.pk), {"page": page})
    assert response.status_code == 404


def test_the_member_list_is_paged(tree, school_client):
    make_many_members(tree.school, 35)
    first = school_client.get(url("members", tree.school.pk))
    second = school_client.get(url("members", tree.school.pk), {"page": "2"})
    assert len(listed(first)) == 30
    assert len(listed(second)) == 5
    assert school_client.get(url("members", tree.school.pk), {"page": "3"}).status_code == 404


def test_personal_numbers_are_masked_in_the_list_and_full_on_the_member_page(
    tree, register, school_client
):
    huong = register.huong  # 011194007890, 0915246810, born 03/08/1994
    listing = school_client.get(url("members", tree.school.pk))
    page = text_of(listing)
    assert "••••••••7890" in page
    assert "•••••••810" in page
    assert "••/••/1994" in page
    assert huong.national_id not in page
    assert huong.phone not in page
    assert "03/08/1994" not in page
    detail = school_client.get(huong.get_absolute_url())
    assert detail.status_code == 200
    page = text_of(detail)
    assert huong.national_id in page
    assert huong.phone in page
    assert "03/08/1994" in page
    assert shown(
        detail,
        vi(
            "Personal data (Decree 13/2023/NĐ-CP): use it only for union work; "
            "do not copy or pass it on."
        ),
    )


def test_the_member_page_shows_the_history(tree, register, school_client):
    response = school_client.get(register.en.get_absolute_url())
    assert response.status_code == 200
    page = text_of(response)
    assert "Nghỉ hưu theo chế độ" in page
    assert shown(response, vi("Left"))
    assert shown(response, vi("Admitted"))
    # A member who left can no longer be edited, transferred or marked as left.
    assert url("member_edit", register.en.pk) not in page
    assert url("member_transfer", register.en.pk) not in page


# ---------------------------------------------------------------------------------------
# Adding and editing a member


def test_an_officer_adds_a_member(tree, register, officers, school_client):
    response = school_client.post(url("member_add", tree.school.pk), member_form())
    member = Member.objects.get(national_id="011193004567")
    assert response.status_code == 302
    assert response["Location"] == member.get_absolute_url()
    assert (member.full_name, member.unit, member.status) == (
        "Lường Thị Thu",
        tree.school,
        MemberStatus.ACTIVE,
    )
    assert set(member.events.values_list("kind", "recorded_by")) == {
        (MembershipEvent.Kind.ADMITTED, officers["school"].pk),
        (MembershipEvent.Kind.CARD_ISSUED, officers["school"].pk),
    }
    page = school_client.get(response["Location"])
    assert vi("%(name)s is registered.", name="Lường Thị Thu") in messages_of(page)


def test_the_add_form_is_shown(tree, school_client):
    response = school_client.get(url("member_add", tree.school.pk))
    assert response.status_code == 200
    assert shown(response, vi("Add a member"))
    assert 'name="national_id"' in text_of(response)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"full_name": ""}, "full_name", "This field is required."),
        ({"full_name": "   "}, "full_name", "This field is required."),
        (
            {"national_id": "01119300456"},
            "national_id",
            "A national ID number has exactly 12 digits.",
        ),
        ({"national_id": "0111930045678"}, "national_id", None),  # 13 digits
        (
            {"national_id": "01119300456a"},
            "national_id",
            "A national ID number has exactly 12 digits.",
        ),
        # A number another member holds: tests/members/test_spreadsheet_safety.py.
        (
            {"admitted_on": (today() + timedelta(days=1)).isoformat()},
            "admitted_on",
            "The admission date cannot be in the future.",
        ),
        ({"admitted_on": "1980-01-01"}, "admitted_on", "The admission date must come after birth."),
        ({"admitted_on": "31/02/2026"}, "admitted_on", "Enter a valid date."),
        ({"gender": "X"}, "gender", None),
        ({"email": "thu.luong"}, "email", "Enter a valid email address."),
    ],
)
def test_bad_input_on_the_add_form_saves_nothing(
    tree, register, school_client, changes, field, message
):
    members, events = Member.objects.count(), MembershipEvent.objects.count()
    response = school_client.post(url("member_add", tree.school.pk), member_form(**changes))
    assert response.status_code == 400
    errors = field_errors(response, field)
    assert errors, f"no message beside {field}"
    if message:
        assert errors == [vi(message)]
    assert shown(response, vi("Please correct the fields marked below."))
    assert (Member.objects.count(), MembershipEvent.objects.count()) == (members, events)


def test_a_card_typed_with_spaces_clashes_with_the_same_card(tree, register, school_client):
    response = school_client.post(
        url("member_add", tree.school.pk), member_form(card_number=f"  {card_number(1)} ")
    )
    assert response.status_code == 400
    assert field_errors(response, "card_number") == [
        vi(
            "This union card number belongs to %(name)s, a member of %(unit)s.",
            name="Lò Thị Hương",
            unit=tree.school.name,
        )
    ]
    assert not Member.objects.filter(national_id="011193004567").exists()


def test_members_are_not_added_to_an_upper_unit(tree, register, ward_client):
    members = Member.objects.count()
    assert ward_client.get(url("member_add", tree.ward.pk)).status_code == 404
    assert ward_client.post(url("member_add", tree.ward.pk), member_form()).status_code == 404
    assert Member.objects.count() == members


def test_nobody_is_added_to_a_dissolved_union(tree, register, officers):
    client = logged_in(officers["commune"], address="10.0.1.7")
    client.raise_request_exception = False
    members = Member.objects.count()
    response = client.post(url("member_add", tree.cooperative.pk), member_form())
    assert Member.objects.count() == members
    assert response.status_code == 404  # a dissolved union is not among the officer's units


def test_an_officer_edits_a_member(tree, register, school_client):
    on = register.on
    response = school_client.post(
        url("member_edit", on.pk), edit_form(on, phone="0987001122", position="Ủy viên BCH")
    )
    assert response.status_code == 302
    assert response["Location"] == on.get_absolute_url()
    on.refresh_from_db()
    assert (on.phone, on.position, on.unit) == ("0987001122", "Ủy viên BCH", tree.school)
    page = school_client.get(response["Location"])
    assert vi("The member's details are saved.") in messages_of(page)


def test_an_edit_with_a_taken_id_saves_nothing(tree, register, school_client):
    on = register.on
    before = snapshot(Member, *MEMBER_FIELDS)
    response = school_client.post(
        url("member_edit", on.pk),
        edit_form(on, national_id=register.huong.national_id, phone="0987001122"),
    )
    assert response.status_code == 400
    # Hương is of the officer's own union: she is named (outside it she would not be).
    assert field_errors(response, "national_id") == [
        vi(
            "This national ID number belongs to %(name)s, a member of %(unit)s.",
            name="Lò Thị Hương",
            unit=tree.school.name,
        )
    ]
    assert snapshot(Member, *MEMBER_FIELDS) == before


def test_the_edit_form_cannot_move_a_member_or_change_their_status(tree, register, school_client):
    on = register.on
    school_client.post(
        url("member_edit", on.pk),
        edit_form(on, unit=str(tree.clinic.pk), status="left", position="Ủy viên BCH"),
    )
    on.refresh_from_db()
    assert (on.unit, on.status) == (tree.school, MemberStatus.ACTIVE)


# ---------------------------------------------------------------------------------------
# Transfer and leaving


def test_an_officer_transfers_a_member_to_another_union(tree, register, officers, school_client):
    on = register.on
    response = school_client.get(url("member_transfer", on.pk))
    assert response.status_code == 200
    assert tree.clinic.name in text_of(response)
    response = school_client.post(
        url("member_transfer", on.pk),
        {"to_unit": str(tree.clinic.pk), "on": today().isoformat(), "note": "Chuyển công tác"},
    )
    on.refresh_from_db()
    assert on.unit == tree.clinic
    assert on.status == MemberStatus.ACTIVE
    kinds = set(on.events.values_list("kind", "unit", "other_unit"))
    assert (MembershipEvent.Kind.TRANSFERRED_OUT, tree.school.pk, tree.clinic.pk) in kinds
    assert (MembershipEvent.Kind.TRANSFERRED_IN, tree.clinic.pk, tree.school.pk) in kinds
    # The member is now out of the school officer's reach: back to the list.
    assert response.status_code == 302
    assert response["Location"] == url("members", tree.school.pk)
    page = school_client.get(response["Location"])
    assert vi(
        "%(name)s is transferred to %(unit)s.", name=on.full_name, unit=tree.clinic.name
    ) in messages_of(page)
    assert school_client.get(on.get_absolute_url()).status_code == 404


def test_a_transfer_inside_the_officers_branch_returns_to_the_member(tree, register, ward_client):
    on = register.on
    response = ward_client.post(
        url("member_transfer", on.pk), {"to_unit": str(tree.builder.pk), "on": today().isoformat()}
    )
    assert response.status_code == 302
    assert response["Location"] == on.get_absolute_url()


@pytest.mark.parametrize(
    "where", ["ward", "province", "section", "cooperative", "school", "nowhere"]
)
def test_a_forged_transfer_to_a_unit_not_offered_is_refused(tree, register, school_client, where):
    target = "987654" if where == "nowhere" else str(getattr(tree, where).pk)
    before = snapshot(Member, *MEMBER_FIELDS)
    events = MembershipEvent.objects.count()
    response = school_client.post(
        url("member_transfer", register.on.pk), {"to_unit": target, "on": today().isoformat()}
    )
    assert response.status_code == 400
    assert field_errors(response, "to_unit") == [vi("Choose a union from the list.")]
    assert snapshot(Member, *MEMBER_FIELDS) == before
    assert MembershipEvent.objects.count() == events


@pytest.mark.parametrize("when", ["tomorrow", "before admission", "31/02/2026", ""])
def test_a_transfer_with_a_bad_date_is_refused(tree, register, school_client, when):
    on = {
        "tomorrow": (today() + timedelta(days=1)).isoformat(),
        "before admission": (register.on.admitted_on - timedelta(days=1)).isoformat(),
    }.get(when, when)
    before = snapshot(Member, *MEMBER_FIELDS)
    response = school_client.post(
        url("member_transfer", register.on.pk), {"to_unit": str(tree.clinic.pk), "on": on}
    )
    assert response.status_code == 400
    assert field_errors(response, "on")
    assert snapshot(Member, *MEMBER_FIELDS) == before


def test_a_member_who_left_cannot_be_transferred(tree, register, school_client):
    before = snapshot(Member, *MEMBER_FIELDS)
    response = school_client.post(
        url("member_transfer", register.en.pk),
        {"to_unit": str(tree.clinic.pk), "on": today().isoformat()},
    )
    assert response.status_code == 400
    assert shown(response, vi("Only an active member can be transferred."))
    assert snapshot(Member, *MEMBER_FIELDS) == before


def test_leaving_needs_a_reason(tree, register, school_client):
    on = register.on
    before = snapshot(Member, *MEMBER_FIELDS)
    for reason in ("", "   "):
        response = school_client.post(
            url("member_leave", on.pk), {"on": today().isoformat(), "reason": reason}
        )
        assert response.status_code == 400
        assert field_errors(response, "reason") == [vi("This field is required.")]
    assert snapshot(Member, *MEMBER_FIELDS) == before
    assert not on.events.filter(kind=MembershipEvent.Kind.LEFT).exists()


def test_an_officer_marks_a_member_as_left(tree, register, school_client):
    on = register.on
    assert school_client.get(url("member_leave", on.pk)).status_code == 200
    response = school_client.post(
        url("member_leave", on.pk), {"on": today().isoformat(), "reason": "Chấm dứt hợp đồng"}
    )
    assert response.status_code == 302
    assert response["Location"] == on.get_absolute_url()
    on.refresh_from_db()
    assert (on.status, on.left_on) == (MemberStatus.LEFT, today())
    assert on.events.get(kind=MembershipEvent.Kind.LEFT).note == "Chấm dứt hợp đồng"
    page = school_client.get(response["Location"])
    assert vi("%(name)s has left the union.", name=on.full_name) in messages_of(page)


def test_a_member_who_left_cannot_leave_again(tree, register, school_client):
    before = snapshot(Member, *MEMBER_FIELDS)
    response = school_client.post(
        url("member_leave", register.en.pk), {"on": today().isoformat(), "reason": "Lần nữa"}
    )
    assert response.status_code == 400
    assert shown(response, vi("This member is no longer active."))
    assert snapshot(Member, *MEMBER_FIELDS) == before


# ---------------------------------------------------------------------------------------
# The report round


REPORT_FIELDS = (
    "status",
    "total_members",
    "female_members",
    "admitted",
    "left",
    "change_note",
    "results",
    "return_reason",
)


def stored(report) -> dict:
    report.refresh_from_db()
    return {name: getattr(report, name) for name in REPORT_FIELDS}


def test_the_whole_report_round_through_the_officer_area(
    tree, period, officers, school_client, ward_client, django_capture_on_commit_callbacks
):
    report = Report.objects.get(period=period, unit=tree.school)
    address = url("report", report.pk)

    # The unit sees its prefilled report as a form.
    response = school_client.get(address)
    assert response.status_code == 200
    page = text_of(response)
    assert 'name="submit"' in page
    assert re.search(r'name="total_members" value="2"', page)
    assert not shown(response, vi("Accept the report"))

    # It saves a draft.
    response = school_client.post(
        address, report_form(report, results="Tổ chức 3 buổi đối thoại", save="")
    )
    assert response.status_code == 302
    assert response["Location"] == address
    assert vi("The draft is saved.") in messages_of(school_client.get(address))
    assert stored(report)["results"] == "Tổ chức 3 buổi đối thoại"
    assert report.status == ReportStatus.DRAFT

    # Figures that break the rules get a message beside the field; nothing changes.
    before = stored(report)
    for changes, field, message in (
        ({"female_members": "5"}, "female_members", "Female members cannot outnumber all members."),
        ({"admitted": "3"}, "admitted", "Members admitted cannot outnumber all members."),
        ({"left": "3"}, "left", "Members who left cannot outnumber all members."),
        ({"employees": "1"}, "employees", "A unit cannot have fewer employees than members."),
        ({"dialogues_held": "-1"}, "dialogues_held", None),
        ({"total_members": "hai"}, "total_members", "Enter a whole number."),
    ):
        response = school_client.post(
            address, report_form(report, results="Đổi", change_note="Sửa", **changes)
        )
        assert response.status_code == 400, changes
        errors = field_errors(response, field)
        assert errors, field
        if message:
            assert errors == [vi(message)]
        assert stored(report) == before

    # Changing a figure the register prefilled needs a note.
    response = school_client.post(address, report_form(report, total_members="3", submit=""))
    assert response.status_code == 400
    assert field_errors(response, "change_note") == [
        vi("Some figures differ from the register: say why in the note.")
    ]
    assert stored(report) == before
    assert mail.outbox == []

    # With the note, it is submitted, and the officers above are told.
    with django_capture_on_commit_callbacks(execute=True):
        response = school_client.post(
            address,
            report_form(
                report,
                total_members="3",
                change_note="Một đoàn viên mới chưa nhập vào sổ",
                submit="",
            ),
        )
    assert response.status_code == 302
    assert stored(report)["status"] == ReportStatus.SUBMITTED
    assert (report.total_members, report.submitted_by) == (3, officers["school"])
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [officers["ward"].email]
    assert mail.outbox[0].subject == vi("Report submitted: %(unit)s", unit=tree.school.name)
    assert vi("The report is submitted to the unit above.") in messages_of(
        school_client.get(address)
    )

    # It can no longer be changed by the unit: no form, and a forged POST changes nothing.
    response = school_client.get(address)
    assert 'name="submit"' not in text_of(response)
    assert 'name="total_members"' not in text_of(response)
    before = stored(report)
    response = school_client.post(
        address, report_form(report, total_members="1", change_note="x", results="Sửa lén", save="")
    )
    assert response.status_code == 200
    assert stored(report) == before
    # Nor reviewed by the unit itself.
    response = school_client.post(url("report_review", report.pk), {"accept": ""})
    assert response.status_code == 404
    assert stored(report) == before

    # The unit above sees the review buttons, not the form.
    response = ward_client.get(address)
    assert response.status_code == 200
    assert shown(response, vi("Accept the report"))
    assert shown(response, vi("Return it to the unit"))
    assert 'name="total_members"' not in text_of(response)
    assert "Một đoàn viên mới chưa nhập vào sổ" in text_of(response)

    # Returning needs a reason.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = ward_client.post(url("report_review", report.pk), {"return": "", "reason": " "})
    assert response.status_code == 400
    assert field_errors(response, "reason") == [vi("This field is required.")]
    assert stored(report) == before
    assert mail.outbox == []

    reason = "Đề nghị bổ sung số đoàn viên nữ kết nạp trong kỳ"
    with django_capture_on_commit_callbacks(execute=True):
        response = ward_client.post(
            url("report_review", report.pk), {"return": "", "reason": reason}
        )
    assert response.status_code == 302
    assert stored(report)["status"] == ReportStatus.RETURNED
    assert report.return_reason == reason
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [officers["school"].email]
    assert reason in mail.outbox[0].body
    assert vi("The report is returned to the unit.") in messages_of(ward_client.get(address))

    # The unit sees why, corrects and submits again.
    response = school_client.get(address)
    assert reason in text_of(response)
    assert 'name="submit"' in text_of(response)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = school_client.post(
            address,
            report_form(report, results="Đã bổ sung theo yêu cầu", submit=""),
        )
    assert response.status_code == 302
    assert stored(report)["status"] == ReportStatus.SUBMITTED
    assert report.results == "Đã bổ sung theo yêu cầu"
    assert len(mail.outbox) == 1

    # The unit above accepts it.
    response = ward_client.post(url("report_review", report.pk), {"accept": ""})
    assert response.status_code == 302
    assert stored(report)["status"] == ReportStatus.ACCEPTED
    assert report.reviewed_by == officers["ward"]
    assert vi("The report is accepted.") in messages_of(ward_client.get(address))
    # Accepted: no form for the unit, no review buttons for the unit above.
    assert 'name="submit"' not in text_of(school_client.get(address))
    assert not shown(ward_client.get(address), vi("Accept the report"))
    # Accepting twice is refused with a message, not an error page.
    response = ward_client.post(url("report_review", report.pk), {"accept": ""}, follow=True)
    assert response.status_code == 200
    assert vi("Only a submitted report can be reviewed.") in messages_of(response)


def test_the_unit_above_cannot_change_a_units_draft(tree, period, ward_client):
    report = Report.objects.get(period=period, unit=tree.school)
    before = stored(report)
    response = ward_client.post(
        url("report", report.pk),
        report_form(report, total_members="9", change_note="Cấp trên sửa", submit=""),
    )
    assert response.status_code == 200
    assert 'name="total_members"' not in text_of(response)
    assert stored(report) == before


def test_a_report_of_a_closed_period_is_read_only(tree, period, school_client):
    period.is_open = False
    period.save()
    report = Report.objects.get(period=period, unit=tree.school)
    before = stored(report)
    response = school_client.post(
        url("report", report.pk), report_form(report, results="Muộn", submit="")
    )
    assert response.status_code == 200
    assert 'name="submit"' not in text_of(response)
    assert stored(report) == before


def test_a_return_without_a_reason_still_shows_the_reports_files(
    tree, period, officers, ward_client
):
    report = Report.objects.get(period=period, unit=tree.school)
    services.attach_to_report(
        report=report,
        upload=upload(REPORT_FILE, pdf_bytes(), "application/pdf"),
        user=officers["school"],
    )
    services.submit_report(report=report, user=officers["school"])
    response = ward_client.post(url("report_review", report.pk), {"return": "", "reason": ""})
    assert response.status_code == 400
    assert REPORT_FILE in html.unescape(text_of(response))
    assert not shown(response, vi("No file is attached."))


def test_a_draft_cannot_be_reviewed(tree, period, ward_client):
    report = Report.objects.get(period=period, unit=tree.school)
    response = ward_client.post(url("report_review", report.pk), {"accept": ""}, follow=True)
    assert vi("Only a submitted report can be reviewed.") in messages_of(response)
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


@pytest.mark.parametrize("button", [{"accept": ""}, {"return": "", "reason": "Thiếu số liệu"}])
def test_the_officer_who_submitted_a_report_cannot_review_it(
    tree, period, officers, ward_client, button
):
    """The ward's chair, also an officer of the school, submitted its report."""
    Officer.objects.create(user=officers["ward"], unit=tree.school)
    report = Report.objects.get(period=period, unit=tree.school)
    services.submit_report(report=report, user=officers["ward"])
    ward_client.raise_request_exception = False
    response = ward_client.post(url("report_review", report.pk), button)
    assert response.status_code == 403
    report.refresh_from_db()
    assert (report.status, report.reviewed_by, report.return_reason) == (
        ReportStatus.SUBMITTED,
        None,
        "",
    )


def test_the_officer_who_submitted_a_report_is_shown_no_review_buttons(
    tree, period, officers, ward_client
):
    Officer.objects.create(user=officers["ward"], unit=tree.school)
    report = Report.objects.get(period=period, unit=tree.school)
    services.submit_report(report=report, user=officers["ward"])
    page = html.unescape(text_of(ward_client.get(url("report", report.pk))))
    assert vi("Accept the report") not in page
    assert (
        vi("You submitted this report, so another officer of the union above reviews it.") in page
    )
    # Another officer above still reviews it from the same page.
    province_client = logged_in(officers["province"], address="10.0.1.9")
    page = html.unescape(text_of(province_client.get(url("report", report.pk))))
    assert vi("Accept the report") in page


def test_the_review_is_post_only(tree, period, ward_client):
    report = Report.objects.get(period=period, unit=tree.school)
    assert ward_client.get(url("report_review", report.pk)).status_code == 405


# ---------------------------------------------------------------------------------------
# Attachments


REPORT_FILE = "Báo cáo tổng kết năm – Trường Phan Đình Giót.pdf"


def test_a_pdf_attached_to_a_draft_is_downloaded_by_the_unit_above(
    tree, period, school_client, ward_client, settings
):
    report = Report.objects.get(period=period, unit=tree.school)
    content = pdf_bytes("Bao cao tong ket nam")
    response = school_client.post(
        url("report_attach", report.pk), {"file": upload(REPORT_FILE, content, "application/pdf")}
    )
    assert response.status_code == 302
    assert response["Location"] == url("report", report.pk) + "#tep-dinh-kem"
    assert vi("The file is attached.") in messages_of(school_client.get(url("report", report.pk)))
    attachment = ReportAttachment.objects.get(report=report)
    assert (attachment.original_name, attachment.kind, attachment.size) == (
        REPORT_FILE,
        "pdf",
        len(content),
    )
    # Kept out of public media.
    assert files_under(settings.MEDIA_ROOT) == []
    assert len(files_under(settings.PROTECTED_MEDIA_ROOT)) == 1

    page = ward_client.get(url("report", report.pk))
    assert REPORT_FILE in html.unescape(text_of(page))
    download = ward_client.get(url("report_attachment", attachment.pk))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    assert download["Content-Type"] == "application/pdf"
    disposition = download["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=UTF-8''{quote(REPORT_FILE, safe='')}" in disposition
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in download["Cache-Control"]


def test_an_attachment_whose_file_is_gone_is_404(tree, period, officers, ward_client):
    report = Report.objects.get(period=period, unit=tree.school)
    attachment = services.attach_to_report(
        report=report,
        upload=upload(REPORT_FILE, pdf_bytes(), "application/pdf"),
        user=officers["school"],
    )
    attachment.file.storage.delete(attachment.file.name)
    response = ward_client.get(url("report_attachment", attachment.pk))
    assert response.status_code == 404
    page = html.unescape(text_of(response))
    assert vi("The file is not available") in page
    assert REPORT_FILE in page
    assert f'href="{url("report", report.pk)}"' in response.content.decode()


def test_an_attachment_is_handed_to_nginx_after_the_checks(
    tree, period, officers, ward_client, settings
):
    """Behind nginx the bytes of a report's file go through the proxy, not Python."""
    settings.DOWNLOAD_HANDOFF = "x-accel-redirect"
    report = Report.objects.get(period=period, unit=tree.school)
    attachment = services.attach_to_report(
        report=report,
        upload=upload(REPORT_FILE, pdf_bytes(), "application/pdf"),
        user=officers["school"],
    )
    response = ward_client.get(url("report_attachment", attachment.pk))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == settings.PROTECTED_MEDIA_URL + quote(
        attachment.file.name
    )
    assert response.content == b""
    assert f"filename*=UTF-8''{quote(REPORT_FILE, safe='')}" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_an_executable_renamed_pdf_is_refused_and_nothing_is_stored(
    tree, period, school_client, settings
):
    report = Report.objects.get(period=period, unit=tree.school)
    response = school_client.post(
        url("report_attach", report.pk),
        {"file": upload("Bao cao.pdf", executable_bytes(), "application/pdf")},
        follow=True,
    )
    assert response.status_code == 200
    assert messages_of(response) == [
        vi(
            "The file is named “.%(extension)s” but its content is not a %(label)s file.",
            extension="pdf",
            label="PDF",
        )
    ]
    assert not ReportAttachment.objects.exists()
    assert files_under(settings.PROTECTED_MEDIA_ROOT) == []


def test_an_attach_without_a_file_says_so(tree, period, school_client):
    report = Report.objects.get(period=period, unit=tree.school)
    response = school_client.post(url("report_attach", report.pk), {}, follow=True)
    assert messages_of(response) == [vi("Choose the file to attach.")]
    assert not ReportAttachment.objects.exists()


def test_a_submitted_report_has_no_form_and_a_forged_post_changes_nothing(
    tree, period, officers, school_client
):
    report = Report.objects.get(period=period, unit=tree.school)
    services.submit_report(report=report, user=officers["school"])
    before = stored(report)
    page = text_of(school_client.get(url("report", report.pk)))
    assert 'name="total_members"' not in page
    assert 'name="save"' not in page
    response = school_client.post(
        url("report", report.pk),
        report_form(report, total_members="1", change_note="Sửa", results="Sửa lén", save=""),
    )
    assert response.status_code == 200
    assert stored(report) == before


def test_nothing_is_attached_or_removed_after_submitting(
    tree, period, officers, school_client, settings
):
    report = Report.objects.get(period=period, unit=tree.school)
    school_client.post(
        url("report_attach", report.pk),
        {"file": upload(REPORT_FILE, pdf_bytes(), "application/pdf")},
    )
    attachment = ReportAttachment.objects.get()
    services.submit_report(report=report, user=officers["school"])

    page = school_client.get(url("report", report.pk))
    assert url("report_attach", report.pk) not in text_of(page)
    assert url("report_attachment_remove", attachment.pk) not in text_of(page)

    response = school_client.post(
        url("report_attach", report.pk),
        {"file": upload("Phụ lục.pdf", pdf_bytes("Phu luc"), "application/pdf")},
        follow=True,
    )
    assert messages_of(response) == [vi("A submitted report can no longer be changed.")]
    response = school_client.post(url("report_attachment_remove", attachment.pk), follow=True)
    assert messages_of(response) == [vi("A submitted report can no longer be changed.")]
    assert list(ReportAttachment.objects.all()) == [attachment]
    assert len(files_under(settings.PROTECTED_MEDIA_ROOT)) == 1


def test_an_attachment_is_removed_from_a_draft(
    tree, period, school_client, settings, django_capture_on_commit_callbacks
):
    report = Report.objects.get(period=period, unit=tree.school)
    school_client.post(
        url("report_attach", report.pk),
        {"file": upload(REPORT_FILE, pdf_bytes(), "application/pdf")},
    )
    attachment = ReportAttachment.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = school_client.post(url("report_attachment_remove", attachment.pk))
    assert response.status_code == 302
    assert not ReportAttachment.objects.exists()
    assert files_under(settings.PROTECTED_MEDIA_ROOT) == []


def test_the_unit_above_cannot_attach_files_to_a_units_draft(tree, period, ward_client):
    report = Report.objects.get(period=period, unit=tree.school)
    ward_client.post(
        url("report_attach", report.pk),
        {"file": upload(REPORT_FILE, pdf_bytes(), "application/pdf")},
    )
    assert not ReportAttachment.objects.exists()


# ---------------------------------------------------------------------------------------
# The register's figures in a draft, and one form for figures, text and files


def test_a_member_added_after_the_period_opened_reaches_the_draft_and_is_submitted(
    tree, period, school_client
):
    report = Report.objects.get(period=period, unit=tree.school)
    assert report.total_members == 2
    make_member(tree.school, "Lò Thị Én", admitted_on=this_year_start())

    response = school_client.get(url("report", report.pk))
    assert re.search(r'name="total_members" value="3"', text_of(response))
    assert not shown(response, vi("Take it"))

    services.follow_register(report)
    response = school_client.post(url("report", report.pk), report_form(report, submit=""))
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.total_members, report.change_note) == (
        ReportStatus.SUBMITTED,
        3,
        "",
    )

    # Submitted: the register moves on, the report keeps what was sent.
    make_member(tree.school, "Quàng Thị Xuân", admitted_on=this_year_start())
    response = school_client.get(url("report", report.pk))
    assert "<td>3</td>" in text_of(response)


def test_a_typed_figure_shows_the_registers_and_takes_it_in_one_click(tree, period, school_client):
    report = Report.objects.get(period=period, unit=tree.school)
    school_client.post(
        url("report", report.pk),
        report_form(report, total_members="5", change_note="Ba người chưa vào sổ", save=""),
    )
    report.refresh_from_db()
    assert report.total_members == 5

    # The figure stays the officer's, with what the register says beside it.
    response = school_client.get(url("report", report.pk))
    assert re.search(r'name="total_members" value="5"', text_of(response))
    assert shown(response, vi("The register now says %(value)s.", value="2"))
    assert 'name="take" value="total_members"' in text_of(response)

    # One click takes it; what was typed meanwhile is saved with it.
    response = school_client.post(
        url("report", report.pk),
        report_form(report, results="Đã đối chiếu với sổ", change_note="", take="total_members"),
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.total_members, report.results) == (2, "Đã đối chiếu với sổ")
    assert not shown(school_client.get(url("report", report.pk)), vi("Take it"))


def test_attaching_a_file_saves_what_was_typed_with_it(tree, period, school_client):
    report = Report.objects.get(period=period, unit=tree.school)
    page = text_of(school_client.get(url("report", report.pk)))
    # One form: the file field and its button belong to the report's form.
    form = re.search(r'<form method="post"[^>]*multipart/form-data.*?</form>', page, re.S)
    assert form
    assert 'name="file"' in form.group(0)
    assert 'name="attach"' in form.group(0)

    response = school_client.post(
        url("report", report.pk),
        report_form(
            report,
            results="Tổ chức 3 buổi đối thoại",
            file=upload(REPORT_FILE, pdf_bytes(), "application/pdf"),
            attach="",
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == url("report", report.pk) + "#tep-dinh-kem"
    report.refresh_from_db()
    assert report.results == "Tổ chức 3 buổi đối thoại"
    assert ReportAttachment.objects.get(report=report).original_name == REPORT_FILE
    assert vi("The draft is saved and the file is attached.") in messages_of(
        school_client.get(url("report", report.pk))
    )

    # A file's removal is a button of the same form: typed text is saved with it too.
    attachment = ReportAttachment.objects.get(report=report)
    response = school_client.post(
        url("report", report.pk),
        report_form(report, proposals="Đề nghị tập huấn", remove=str(attachment.pk)),
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.proposals == "Đề nghị tập huấn"
    assert not ReportAttachment.objects.exists()


def test_a_refused_file_keeps_what_was_typed_and_says_why(tree, period, school_client, settings):
    report = Report.objects.get(period=period, unit=tree.school)
    before = stored(report)
    response = school_client.post(
        url("report", report.pk),
        report_form(
            report,
            results="Một báo cáo dài đã gõ xong",
            difficulties="Thiếu kinh phí",
            file=upload("Bao cao.pdf", executable_bytes(), "application/pdf"),
            attach="",
        ),
    )
    assert response.status_code == 400
    page = html.unescape(text_of(response))
    assert "Một báo cáo dài đã gõ xong" in page
    assert "Thiếu kinh phí" in page
    assert field_errors(response, "file") == [
        vi(
            "The file is named “.%(extension)s” but its content is not a %(label)s file.",
            extension="pdf",
            label="PDF",
        )
    ]
    assert stored(report) == before
    assert not ReportAttachment.objects.exists()
    assert files_under(settings.PROTECTED_MEDIA_ROOT) == []

    # Pressing attach with no file chosen says so, and keeps the text too.
    response = school_client.post(
        url("report", report.pk), report_form(report, results="Vẫn còn đây", attach="")
    )
    assert response.status_code == 400
    assert field_errors(response, "file") == [vi("Choose the file to attach.")]
    assert "Vẫn còn đây" in html.unescape(text_of(response))


# ---------------------------------------------------------------------------------------
# Progress of a period


def test_the_progress_page_lists_the_missing_units_and_reminds_them(
    tree, register, period, officers, ward_client, django_capture_on_commit_callbacks
):
    services.submit_report(
        report=Report.objects.get(period=period, unit=tree.school), user=officers["school"]
    )
    address = url("period", tree.ward.pk, period.pk)
    response = ward_client.get(address)
    assert response.status_code == 200
    page = text_of(response)
    missing = re.search(r'id="missing-title".*?</ul>', page, re.S).group(0)
    assert tree.builder.name in missing
    assert tree.school.name not in missing
    # Every report of the branch is in the table, and no other branch's.
    rows = [row[0] for row in table_rows(response, "all-title")]
    assert sorted(rows) == sorted([tree.school.name, tree.builder.name])
    assert tree.clinic.name not in page

    with django_capture_on_commit_callbacks(execute=True):
        response = ward_client.post(url("period_remind", tree.ward.pk, period.pk))
    assert response.status_code == 302
    assert response["Location"] == address
    assert [message.to for message in mail.outbox] == [[officers["builder"].email]]
    assert period.name in mail.outbox[0].subject
    assert vi("Reminders sent: %(count)d.") % {"count": 1} in messages_of(ward_client.get(address))


def test_the_progress_page_of_the_province_counts_by_unit_directly_below(
    tree, register, period, officers
):
    services.submit_report(
        report=Report.objects.get(period=period, unit=tree.school), user=officers["school"]
    )
    clinic = Report.objects.get(period=period, unit=tree.clinic)
    clinic_officer = make_officer("pham.thu.trang", tree.clinic)
    services.submit_report(report=clinic, user=clinic_officer)
    services.accept_report(report=clinic, user=officers["commune"])
    client = logged_in(officers["province"], address="10.0.1.8")
    response = client.get(url("period", tree.province.pk, period.pk))
    assert response.status_code == 200
    page = text_of(response)
    # Five reports in all: one accepted, one submitted, three not yet submitted.
    progress = re.findall(r"<progress[^>]*>(.*?)</progress>", page)
    assert progress[:3] == ["1/5", "1/5", "3/5"]
    # Each unit directly below: accepted, submitted, not yet submitted.
    rows = {row[0]: row[1:4] for row in table_rows(response, "children-title")}
    assert rows == {
        tree.commune.name: ["1", "0", "1"],
        tree.power.name: ["0", "0", "1"],
        tree.ward.name: ["0", "1", "1"],
    }
    assert (
        client.get(url("period", tree.province.pk, period.pk), {"page": "abc"}).status_code == 404
    )


def test_the_reminder_is_post_only(tree, period, ward_client):
    response = ward_client.get(url("period_remind", tree.ward.pk, period.pk))
    assert response.status_code == 405
    assert mail.outbox == []


def test_a_period_that_does_not_exist_is_404(tree, period, ward_client):
    assert ward_client.get(url("period", tree.ward.pk, 987654)).status_code == 404
    assert ward_client.post(url("period_remind", tree.ward.pk, 987654)).status_code == 404
    assert mail.outbox == []


def test_every_officer_area_url_lives_under_co_so(tree, period):
    for pattern in urls.urlpatterns:
        if pattern.name == "figures":
            continue
        kwargs = dict.fromkeys(pattern.pattern.converters, 1)
        assert reverse(f"members:{pattern.name}", kwargs=kwargs).startswith("/co-so/"), pattern.name
