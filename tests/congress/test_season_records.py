"""A grassroots union records its congress in the season and submits it; the unit above
recognises the results (the new officers reach the register) or returns the record."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from congress.models import Congress, CongressFile, Format, Position, Review
from congress.services import save_congress
from congress.services import season as services
from federation import roles
from members.models import Leader, Officer
from tests.congress.factories_season import (
    CHAIR,
    VICE_CHAIR,
    held,
    leadership,
    make_season,
    minutes_file,
    plan,
    resolution_file,
    submitted,
)
from tests.factories import make_staff
from tests.files import executable_bytes, pdf_bytes, upload
from tests.helpers import logged_in, messages_of, text_of, vi
from tests.members.factories import make_many_members, make_officer, today

pytestmark = pytest.mark.django_db


def record_url(congress) -> str:
    return f"/co-so/dai-hoi/ho-so/{congress.pk}/"


def new_url(season, unit) -> str:
    return f"/co-so/dai-hoi/mua/{season.pk}/don-vi/{unit.pk}/"


def form_data(congress=None, **overrides) -> dict:
    """What the record form posts: the fields as typed and the positions' rows."""
    data = {
        "ordinal": "1",
        "term_start": str(today().year),
        "term_end": str(today().year + 5),
        "starts_on": (today() - timedelta(days=12)).isoformat(),
        "ends_on": "",
        "venue": "Hội trường Trường THPT Phan Đình Giót",
        "format": Format.ALL_MEMBERS,
        "format_reason": "",
        "official_delegates": "48",
        "members_represented": "52",
        "results": "Bầu Ban Chấp hành gồm 5 đồng chí; thông qua nghị quyết.",
        "positions-TOTAL_FORMS": "3",
        "positions-INITIAL_FORMS": "0",
        "positions-MIN_NUM_FORMS": "0",
        "positions-MAX_NUM_FORMS": "25",
        "positions-0-role": Position.Role.CHAIR,
        "positions-0-full_name": CHAIR,
        "positions-1-role": Position.Role.VICE_CHAIR,
        "positions-1-full_name": VICE_CHAIR,
        "positions-2-role": "",
        "positions-2-full_name": "",
    }
    data.update(overrides)
    return data


# ---------------------------------------------------------------------------------------
# Recording


def test_the_new_record_suggests_the_next_ordinal_the_term_and_the_format(tree, season):
    make_many_members(tree.school, 3)
    old = Congress(unit=tree.school, ordinal=4, term_start=today().year - 5, term_end=today().year)
    save_congress(old)
    congress = services.new_record(season, tree.school)
    assert (congress.ordinal, congress.term_start, congress.term_end) == (
        5,
        season.term_start,
        season.term_end,
    )
    assert congress.format == Format.ALL_MEMBERS  # 3 members: fewer than 150
    assert congress.members_represented == 3
    assert congress.is_public is False


def test_the_officer_records_the_congress_with_its_files_in_one_form(
    tree, season, officers, school_client
):
    page = school_client.get(new_url(season, tree.school))
    assert page.status_code == 200
    assert re.search(r'name="ordinal"[^>]*value="1"', text_of(page))

    response = school_client.post(
        new_url(season, tree.school),
        form_data(minutes=minutes_file(), resolution=resolution_file(), attach="1"),
    )
    congress = Congress.objects.get(season=season, unit=tree.school)
    assert response.status_code == 302
    assert response["Location"] == record_url(congress) + "#tep-bien-ban"
    assert congress.review == Review.DRAFT
    assert congress.venue == "Hội trường Trường THPT Phan Đình Giót"
    assert [(p.role, p.full_name) for p in congress.positions.all()] == [
        (Position.Role.CHAIR, CHAIR),
        (Position.Role.VICE_CHAIR, VICE_CHAIR),
    ]
    files = {row.paper: row for row in congress.files.all()}
    assert set(files) == {CongressFile.Paper.MINUTES, CongressFile.Paper.RESOLUTION}
    assert files["minutes"].original_name == "Biên bản đại hội.pdf"
    assert files["minutes"].kind == "pdf"  # the file's type, apart from which paper it is

    # The officer downloads the minutes; the answer is private.
    download = school_client.get(f"/co-so/dai-hoi/tep/{files['minutes'].pk}/")
    assert download.status_code == 200
    assert download["Cache-Control"] == "private, no-store"
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_refused_file_keeps_everything_typed_and_says_why_beside_the_field(
    tree, season, officers, school_client
):
    response = school_client.post(
        new_url(season, tree.school),
        form_data(
            venue="Nhà văn hóa tổ dân phố 5",
            minutes=upload("Biên bản.pdf", executable_bytes()),
            resolution=resolution_file(),
            attach="1",
        ),
    )
    assert response.status_code == 400
    body = text_of(response)
    assert 'value="Nhà văn hóa tổ dân phố 5"' in body
    assert CHAIR in body
    error = re.search(r'id="id_minutes_error">(.*?)</p>', body, re.S)
    assert error is not None
    assert "PDF" in error.group(1)  # the refusal names the kinds it takes
    assert not Congress.objects.filter(season=season, unit=tree.school).exists()
    assert not CongressFile.objects.exists()
    # The page still creates the record: it was never saved.
    assert f'action="{new_url(season, tree.school)}"' in body


def test_a_second_record_in_the_same_season_is_refused(tree, season, officers):
    plan(season, tree.school, officers["school"])
    with pytest.raises(ValidationError) as raised:
        plan(season, tree.school, officers["school"])
    assert raised.value.messages == [
        vi("This union has already recorded its congress in this season.")
    ]
    assert Congress.objects.filter(season=season, unit=tree.school).count() == 1


def test_only_the_unions_own_officers_write_its_record(tree, season, officers):
    congress = services.new_record(season, tree.school)
    congress.starts_on = today() + timedelta(days=20)
    for who in ("ward", "builder"):
        with pytest.raises(PermissionDenied):
            services.save_record(congress=congress, user=officers[who])
    assert not Congress.objects.exists()


def test_the_unit_above_sees_the_record_but_no_form(tree, season, officers, ward_client):
    congress = plan(season, tree.school, officers["school"])
    page = ward_client.get(record_url(congress))
    assert page.status_code == 200
    assert 'name="venue"' not in text_of(page)
    refused = ward_client.post(record_url(congress), form_data(venue="Đổi"))
    assert refused.status_code == 403
    congress.refresh_from_db()
    assert congress.venue == "Hội trường đơn vị"


def test_another_branchs_record_and_files_answer_404(tree, season, officers):
    congress = held(season, tree.school, officers["school"])
    clinic = logged_in(officers["clinic"])  # under the commune, not the ward
    commune = logged_in(officers["commune"])
    minutes = congress.files.get(paper="minutes")
    for client in (clinic, commune):
        assert client.get(record_url(congress)).status_code == 404
        assert client.get(f"/co-so/dai-hoi/tep/{minutes.pk}/").status_code == 404
        assert client.post(f"{record_url(congress)}duyet/", {"recognise": "1"}).status_code == 404
        assert client.get(new_url(season, tree.school)).status_code == 404
    congress.refresh_from_db()
    assert congress.review == Review.DRAFT


def test_removing_a_file_and_replacing_the_minutes(tree, season, officers, school_client):
    congress = held(season, tree.school, officers["school"])
    minutes = congress.files.get(paper="minutes")
    response = school_client.post(
        record_url(congress),
        form_data(
            minutes=upload("Biên bản (bản ký).pdf", pdf_bytes("Ban ky")),
            attach="1",
            **{"positions-0-full_name": CHAIR},
        ),
    )
    assert response.status_code == 302
    assert not CongressFile.objects.filter(pk=minutes.pk).exists()
    assert congress.files.get(paper="minutes").original_name == "Biên bản (bản ký).pdf"
    resolution = congress.files.get(paper="resolution")
    response = school_client.post(record_url(congress), form_data(remove=str(resolution.pk)))
    assert response.status_code == 302
    assert list(congress.files.values_list("paper", flat=True)) == ["minutes"]


# ---------------------------------------------------------------------------------------
# Submitting


@pytest.mark.parametrize("missing", ["minutes", "resolution"])
def test_submitting_without_the_minutes_or_the_resolution_is_refused(
    tree, season, officers, missing
):
    congress = held(season, tree.school, officers["school"])
    congress.files.get(paper=missing).delete()
    with pytest.raises(ValidationError) as raised:
        services.submit_record(congress=congress, user=officers["school"])
    paper = {"minutes": "Minutes", "resolution": "Resolution"}[missing]
    assert raised.value.message_dict[missing] == [
        vi("Attach the %(file)s before submitting.", file=vi(paper).lower())
    ]
    congress.refresh_from_db()
    assert congress.review == Review.DRAFT


def test_submitting_a_congress_still_ahead_is_refused(tree, season, officers):
    congress = held(season, tree.school, officers["school"])
    congress.starts_on = today() + timedelta(days=3)
    with pytest.raises(ValidationError) as raised:
        services.submit_record(congress=congress, user=officers["school"])
    assert raised.value.message_dict["starts_on"] == [
        vi("The congress must have ended before its record is submitted.")
    ]
    # A congress still in session (it ends today) waits too.
    congress.starts_on, congress.ends_on = today() - timedelta(days=1), today()
    with pytest.raises(ValidationError) as raised:
        services.submit_record(congress=congress, user=officers["school"])
    assert "ends_on" in raised.value.message_dict
    assert Congress.objects.get(pk=congress.pk).review == Review.DRAFT


def test_submitting_without_the_chair_is_refused(tree, season, officers):
    congress = held(season, tree.school, officers["school"], positions=False)
    with pytest.raises(ValidationError) as raised:
        services.submit_record(congress=congress, user=officers["school"])
    assert raised.value.message_dict["positions"] == [
        vi("Record the chair chosen at the first meeting.")
    ]


def test_a_refused_submission_keeps_the_saved_record_and_shows_why(
    tree, season, officers, school_client
):
    response = school_client.post(
        new_url(season, tree.school), form_data(minutes=minutes_file(), submit="1")
    )
    assert response.status_code == 400
    congress = Congress.objects.get(season=season, unit=tree.school)
    assert congress.review == Review.DRAFT
    assert congress.files.count() == 1
    body = text_of(response)
    assert re.search(r'id="id_resolution_error">[^<]+', body)
    assert messages_of(response) == [vi("The record is saved but not yet submitted.")]
    # From now on the page is the saved record's own.
    assert f'action="{record_url(congress)}"' in body


def test_submission_tells_the_unit_above_and_locks_the_record(
    tree, season, officers, django_capture_on_commit_callbacks
):
    congress = held(season, tree.school, officers["school"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_record(congress=congress, user=officers["school"])
    congress.refresh_from_db()
    assert congress.review == Review.SUBMITTED
    assert congress.submitted_by == officers["school"]
    assert [message.to for message in mail.outbox] == [[officers["ward"].email]]
    assert tree.school.name in mail.outbox[0].subject
    congress.venue = "Đổi sau khi gửi"
    with pytest.raises(ValidationError):
        services.save_record(congress=congress, user=officers["school"])


# ---------------------------------------------------------------------------------------
# Review


def test_a_sibling_or_the_union_itself_cannot_review(tree, season, officers):
    congress = submitted(season, tree.school, officers["school"])
    # The school's vice-chair did not submit it, but reviews come from above.
    deputy = make_officer("quang.thi.mai", tree.school, role=Officer.Role.VICE_CHAIR)
    for user in (officers["builder"], officers["clinic"], officers["commune"], deputy):
        with pytest.raises(PermissionDenied):
            services.recognise_record(congress=congress, user=user)
        with pytest.raises(PermissionDenied):
            services.return_record(congress=congress, user=user, reason="Thiếu chữ ký")
    assert Congress.objects.get(pk=congress.pk).review == Review.SUBMITTED


def test_the_builders_officer_gets_404_when_reviewing_the_school(tree, season, officers):
    congress = submitted(season, tree.school, officers["school"])
    builder = logged_in(officers["builder"])
    assert builder.post(f"{record_url(congress)}duyet/", {"recognise": "1"}).status_code == 404
    assert Congress.objects.get(pk=congress.pk).review == Review.SUBMITTED


def test_returning_needs_a_reason(tree, season, officers, ward_client):
    congress = submitted(season, tree.school, officers["school"])
    with pytest.raises(ValidationError) as raised:
        services.return_record(congress=congress, user=officers["ward"], reason="   ")
    assert raised.value.message_dict["reason"] == [vi("Say what the union should correct.")]
    response = ward_client.post(f"{record_url(congress)}duyet/", {"return": "1", "reason": ""})
    assert response.status_code == 400
    assert vi("Say what the union should correct.") in text_of(response)
    assert Congress.objects.get(pk=congress.pk).review == Review.SUBMITTED


def test_a_returned_record_is_told_to_the_union_and_can_be_fixed(
    tree, season, officers, ward_client, django_capture_on_commit_callbacks
):
    congress = submitted(season, tree.school, officers["school"])
    mail.outbox.clear()
    reason = "Biên bản thiếu chữ ký của thư ký đại hội."
    with django_capture_on_commit_callbacks(execute=True):
        response = ward_client.post(
            f"{record_url(congress)}duyet/", {"return": "1", "reason": reason}
        )
    assert response.status_code == 302
    congress.refresh_from_db()
    assert (congress.review, congress.return_reason) == (Review.RETURNED, reason)
    assert [message.to for message in mail.outbox] == [[officers["school"].email]]
    assert reason in mail.outbox[0].body
    assert services.may_edit_record(officers["school"], congress)


def test_recognition_installs_the_new_leaders_and_tells_the_union(
    tree, season, officers, ward_client, django_capture_on_commit_callbacks
):
    congress = submitted(season, tree.school, officers["school"])
    mail.outbox.clear()
    day = today() - timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        response = ward_client.post(
            f"{record_url(congress)}duyet/", {"recognise": "1", "recognised_on": day.isoformat()}
        )
    assert response.status_code == 302
    congress.refresh_from_db()
    assert congress.review == Review.RECOGNISED
    assert (congress.recognised_on, congress.reviewed_by) == (day, officers["ward"])
    current = Leader.objects.current().filter(unit=tree.school)
    assert sorted((leader.role, leader.full_name) for leader in current) == sorted(
        (row.role, row.full_name) for row in leadership()
    )
    assert {leader.started_on for leader in current} == {day}
    tree.school.refresh_from_db()
    assert tree.school.chairperson == CHAIR
    assert [message.to for message in mail.outbox] == [[officers["school"].email]]
    assert tree.school.name in mail.outbox[0].subject


@pytest.mark.parametrize("days", [1, -11])
def test_recognition_is_dated_between_the_congress_and_today(tree, season, officers, days):
    congress = submitted(season, tree.school, officers["school"])  # held 10 days ago
    with pytest.raises(ValidationError) as raised:
        services.recognise_record(
            congress=congress, user=officers["ward"], recognised_on=today() + timedelta(days=days)
        )
    assert "recognised_on" in raised.value.message_dict
    assert Congress.objects.get(pk=congress.pk).review == Review.SUBMITTED
    assert not Leader.objects.exists()


def test_staff_who_may_change_congresses_review_anywhere(tree, season, officers):
    secretary = make_staff("dinh.thi.lan", roles.CONGRESS_SECRETARY)
    congress = submitted(season, tree.clinic, officers["clinic"])
    services.recognise_record(congress=congress, user=secretary)
    assert Congress.objects.get(pk=congress.pk).review == Review.RECOGNISED


def test_who_submitted_does_not_review(tree, season, officers):
    both = make_officer("vu.van.nam", tree.ward)
    Officer.objects.create(user=both, unit=tree.builder)
    congress = held(season, tree.builder, both)
    services.submit_record(congress=congress, user=both)
    with pytest.raises(PermissionDenied):
        services.recognise_record(congress=congress, user=both)


def test_a_season_closed_takes_no_new_record(tree, officers):
    year = today().year
    closed = make_season(
        tree.province,
        term_start=year - 5,
        term_end=year,
        starts_on=today().replace(year=year - 5),
        deadline=today().replace(year=year - 5) + timedelta(days=100),
    )
    with pytest.raises(ValidationError) as raised:
        plan(closed, tree.school, officers["school"])
    assert raised.value.messages == [vi("This season is not open.")]


def test_the_record_page_takes_a_fixed_number_of_queries(
    tree, season, officers, ward_client, school_client, django_assert_max_num_queries
):
    congress = submitted(season, tree.school, officers["school"])
    ward_client.get(record_url(congress))  # the session and the menu, read once
    with django_assert_max_num_queries(14):
        assert ward_client.get(record_url(congress)).status_code == 200
    services.return_record(congress=congress, user=officers["ward"], reason="Thiếu chữ ký")
    school_client.get(record_url(congress))
    with django_assert_max_num_queries(14):
        assert school_client.get(record_url(congress)).status_code == 200


def test_the_ward_officer_sees_the_records_waiting_for_review_on_the_congress_page(
    season, tree, officers, ward_client
):
    congress = submitted(season, tree.school, officers["school"])
    page = text_of(ward_client.get("/co-so/dai-hoi/"))
    waiting = page.split(vi("Records waiting for your review"), 1)[1]
    assert f"/co-so/dai-hoi/ho-so/{congress.pk}/" in waiting
    assert tree.school.name in waiting

    services.recognise_record(congress=congress, user=officers["ward"])
    assert vi("Records waiting for your review") not in text_of(ward_client.get("/co-so/dai-hoi/"))
