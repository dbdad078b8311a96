"""Dates of birth, admission and issue are plain dd/mm/yyyy (no weekday: they are facts, not
events); a missing value shows one mark, "—", on every page and in the admin."""

import re
from datetime import date

import pytest
from django.contrib import admin
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from federation.text import EMPTY_MARK, weekday_name
from members.models import Member
from tests.documents.factories import make_classifications, make_document
from tests.factories import browser
from tests.helpers import text_of, vi
from tests.members.factories import make_member

pytestmark = pytest.mark.django_db

BORN = date(1995, 3, 8)  # a Wednesday: "Thứ tư, 08/03/1995" before
ADMITTED = date(2019, 7, 2)  # a Tuesday


def cells(page: str) -> dict[str, str]:
    """The rows of a details table: heading → cell text."""
    rows = re.findall(r'<th scope="row">(.*?)</th>\s*<td>(.*?)</td>', page, re.S)
    return {
        re.sub(r"<[^>]+>", "", head).strip(): re.sub(r"<[^>]+>", "", cell).strip()
        for head, cell in rows
    }


def test_the_member_page_writes_birth_and_admission_without_a_weekday(tree, school_client):
    member = make_member(tree.school, "Lò Thị Én", born=BORN, admitted_on=ADMITTED)
    shown = cells(text_of(school_client.get(member.get_absolute_url())))
    assert shown[vi("Date of birth")] == "08/03/1995"
    assert shown[vi("Admitted")] == "02/07/2019"
    assert weekday_name(BORN) not in shown[vi("Date of birth")]


def test_a_document_is_issued_on_a_plain_date_and_posted_on_a_day_of_the_week(db):
    kinds = make_classifications()
    document = make_document("92/CT-UBND", kinds, issued_on=BORN, effective_on=ADMITTED)
    shown = cells(text_of(browser().get(document.get_absolute_url())))
    assert shown[vi("Issue date")] == "08/03/1995"
    assert shown[vi("Effective date")] == "02/07/2019"
    # Posting is an event: it keeps its weekday.
    posted = timezone.localtime(document.posted_at).date()
    assert shown[vi("Posted")].startswith(weekday_name(posted))


def test_missing_values_show_one_mark_on_the_member_page_and_in_the_list(tree, school_client):
    member = make_member(
        tree.school,
        "Quàng Văn Nam",
        gender="male",
        phone="",
    )
    Member.objects.filter(pk=member.pk).update(date_of_birth=None)  # the birth is not known
    shown = cells(text_of(school_client.get(member.get_absolute_url())))
    for heading in ("Date of birth", "Phone", "Email", "Union card", "Position in the union"):
        assert shown[vi(heading)] == EMPTY_MARK, heading

    page = text_of(school_client.get(reverse("members:members", args=[tree.school.pk])))
    row = re.search(
        r"<tr>\s*<th scope=\"row\"><a [^>]*>Quàng Văn Nam</a></th>(.*?)</tr>", page, re.S
    )
    values = [
        re.sub(r"<[^>]+>", "", cell).strip()
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)
    ]
    # Gender, birth, ID, phone, card, admitted, status: birth, phone and card are missing.
    assert [values[1], values[3], values[4]] == [EMPTY_MARK] * 3


@pytest.mark.parametrize(
    ("value", "shown"), [(None, "—"), ("", "—"), ("  ", "—"), (0, "0"), ("Hà", "Hà")]
)
def test_the_filter_marks_only_what_is_missing(value, shown):
    rendered = Template("{% load portal %}{{ value|or_dash }}").render(Context({"value": value}))
    assert rendered == shown


def test_the_admin_shows_the_same_mark():
    assert admin.site.empty_value_display == EMPTY_MARK == "—"
