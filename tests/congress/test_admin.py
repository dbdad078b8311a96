"""The congress secretary's admin: the rules show as form errors, late tasks are found."""

import json
import re
from datetime import timedelta

import pytest

from congress.models import Congress, SubcommitteeTask
from tests.congress.factories import add_subcommittee, make_congress, today, year
from tests.factories import make_editor
from tests.files import jpeg_upload
from tests.helpers import logged_in, shows, text_of, vi

ADD = "/quan-tri/congress/congress/add/"
INLINES = ("sessions", "subcommittees", "documents", "targets", "guests")


def congress_form(unit, **changes) -> dict:
    data = {
        "unit": str(unit.pk),
        "season": "",
        "ordinal": "13",
        "term_start": str(year() + 2),
        "term_end": str(year() + 7),
        "custom_title": "",
        "slug": "",
        "motto": "Dân chủ – Kỷ cương – Đổi mới – Phát triển",
        "summary": "",
        "is_public": "on",
        "starts_on": (today() + timedelta(days=40)).strftime("%d/%m/%Y"),
        "ends_on": "",
        "venue": "Nhà văn hóa tỉnh Điện Biên",
        "format": "delegates",
        "format_reason": "",
        "official_delegates": "280",
        "members_represented": "35210",
        "delegate_cap_reason": "",
        "cover_alt": "",
        "results": "",
        "recognised_on": "",
        "return_reason": "",
    }
    for prefix in INLINES:
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    data.update(changes)
    return data


def test_the_secretary_adds_a_congress_with_its_cover(secretary_client, twelfth, tree):
    response = secretary_client.post(
        ADD, congress_form(tree.province, cover=jpeg_upload(), cover_alt="Quang cảnh hội trường")
    )
    assert response.status_code == 302, text_of(response)[:3000]
    congress = Congress.objects.get(ordinal=13)
    assert congress.slug == f"dai-hoi-ldld-tinh-dien-bien-{year() + 2}-{year() + 7}"
    assert congress.cover_large.name.endswith(".webp")
    assert congress.cover_large_width == 1024
    assert congress.history.count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"ordinal": "12"}, "ordinal", "This unit already has a congress with this ordinal."),
        ({"term_start": str(year())}, "term_start", None),
        ({"term_end": str(year() + 4)}, "term_end", "A term lasts %(years)d years."),
    ],
)
def test_a_rule_of_other_rows_shows_beside_its_field_and_nothing_is_saved(
    secretary_client, twelfth, tree, changes, field, message
):
    response = secretary_client.post(ADD, congress_form(tree.province, **changes))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert field in errors
    assert "__all__" not in errors  # the rule's message, not the database's vaguer one
    if message:
        assert errors[field] == [vi(message, years=5) if "%" in message else vi(message)]
    assert shows(response, errors[field][0])
    assert list(Congress.objects.values_list("ordinal", flat=True)) == [12]


def test_a_large_union_choosing_all_members_must_say_why(secretary_client, tree):
    form = congress_form(
        tree.garment,
        ordinal="1",
        term_start="2023",
        term_end="2028",
        format="all-members",
        members_represented="620",
    )
    response = secretary_client.post(ADD, form)
    assert response.status_code == 200
    assert "format_reason" in response.context["adminform"].form.errors
    assert not Congress.objects.exists()
    form["format_reason"] = "Đoàn viên làm việc theo ca, họp toàn thể được một lần."
    assert secretary_client.post(ADD, form).status_code == 302


def test_late_tasks_are_listed_for_staff(secretary_client, thirteenth, tree):
    add_subcommittee(thirteenth, late=2, done=1)
    other = make_congress(tree.ward, 1, year(), starts_on=today() + timedelta(days=20))
    add_subcommittee(other, late=1)
    on_time = SubcommitteeTask.objects.create(
        subcommittee=thirteenth.subcommittees.get(),
        title="In giấy mời đại biểu",
        deadline=today() + timedelta(days=5),
    )
    page = text_of(secretary_client.get(f"/quan-tri/congress/congress/{thirteenth.pk}/change/"))
    assert "Gửi dự thảo báo cáo lần 1 xin ý kiến" in page
    assert on_time.title not in page
    assert "Họp tiểu ban lần 1" not in page
    listed = text_of(
        secretary_client.get(
            "/quan-tri/congress/subcommitteetask/",
            {"late": "yes", "subcommittee__congress__id__exact": thirteenth.pk},
        )
    )
    assert len(re.findall(r'class="field-title"><a [^>]*>Gửi dự thảo báo cáo lần', listed)) == 2
    assert on_time.title not in listed
    everything = text_of(secretary_client.get("/quan-tri/congress/congress/"))
    late_link = f"late=yes&amp;subcommittee__congress__id__exact={thirteenth.pk}"
    assert f'{late_link}">2</a>' in everything


def test_the_list_filters_by_stage_and_level(secretary_client, twelfth, thirteenth, tree):
    held = text_of(secretary_client.get("/quan-tri/congress/congress/", {"stage": "held"}))
    assert twelfth.title in held
    assert thirteenth.title not in held
    ward = make_congress(tree.ward, 1, year() - 1)
    by_level = text_of(
        secretary_client.get("/quan-tri/congress/congress/", {"level": tree.kinds["commune"].pk})
    )
    assert ward.title in by_level
    assert twelfth.title not in by_level


def test_a_news_editor_names_the_congress_of_an_article(twelfth):
    editor = logged_in(make_editor())
    form = text_of(editor.get("/quan-tri/news/article/add/"))
    assert 'name="congress"' in form
    found = editor.get(
        "/quan-tri/autocomplete/",
        {
            "term": "dien bien xii",
            "app_label": "news",
            "model_name": "article",
            "field_name": "congress",
        },
    )
    assert found.status_code == 200
    assert [item["id"] for item in json.loads(found.content)["results"]] == [str(twelfth.pk)]
