"""Where the season stands: each union's state, the progress below a unit (counted by the
database in a fixed number of queries), the reminders, and the public page."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congress.models import Season, SeasonReminder
from congress.services import season as services
from congress.services.season import UnitState
from tests.congress.factories_season import (
    CHAIR,
    INSPECTION_CHAIR,
    VICE_CHAIR,
    held,
    make_season,
    plan,
    submitted,
    term_slug,
)
from tests.helpers import logged_in, messages_of, text_of, vi
from tests.members.factories import make_officer, make_unit, today

pytestmark = pytest.mark.django_db

State = UnitState


@pytest.fixture
def season_under_way(tree, season, officers):
    """The school (a pilot) plans its congress, the builder held it and submitted the
    record, the clinic's results are recognised, the garment factory's record was returned;
    the power company has not scheduled one."""
    plan(season, tree.school, officers["school"])
    submitted(season, tree.builder, officers["builder"])
    clinic = submitted(season, tree.clinic, officers["clinic"])
    services.recognise_record(congress=clinic, user=officers["commune"])
    garment = submitted(season, tree.garment, officers["garment"])
    services.return_record(congress=garment, user=officers["commune"], reason="Thiếu trang 2")
    return season


def states(season, unit) -> dict:
    return {row.name: row.state for row in services.units_with_state(season, unit)}


def test_each_union_has_its_state_and_the_dissolved_one_takes_no_part(tree, season_under_way):
    assert states(season_under_way, tree.province) == {
        tree.school.name: State.PLANNED,
        tree.builder.name: State.HELD,
        tree.clinic.name: State.RECOGNISED,
        tree.garment.name: State.RETURNED,
        tree.power.name: State.NOT_SCHEDULED,
    }
    # The same rule read from one congress in memory.
    for congress in season_under_way.congresses.all():
        assert (
            services.state_of(congress).value
            == states(season_under_way, tree.province)[congress.unit.name]
        )


def test_a_congress_whose_day_has_passed_counts_as_held_before_any_record(tree, season, officers):
    held(season, tree.school, officers["school"], files=False, positions=False)
    assert states(season, tree.ward)[tree.school.name] == State.HELD


def test_a_unit_of_another_season_or_term_is_not_counted(tree, season, officers):
    other = make_season(tree.ward, term_start=season.term_start + 1, term_end=season.term_end + 1)
    plan(other, tree.school, officers["school"])
    assert states(season, tree.ward)[tree.school.name] == State.NOT_SCHEDULED


def test_pilots_come_first(tree, season):
    names = [row.name for row in services.units_with_state(season, tree.province)]
    assert names[0] == tree.school.name  # the pilot, whatever its name
    rows = list(services.units_with_state(season, tree.province))
    assert [row.is_pilot for row in rows] == [True, False, False, False, False]


def test_progress_counts_by_unit_directly_below(tree, season_under_way):
    figures = services.progress(season_under_way, tree.province)
    counts = figures["counts"]
    assert (counts["total"], counts["held_all"], counts["not_scheduled"]) == (5, 3, 1)
    assert [counts[state] for state in services.STATE_ORDER] == [1, 1, 1, 1, 1]
    assert (counts["pilots"], counts["pilots_held"]) == (1, 0)
    by_child = {row["unit"].name: row for row in figures["children"]}
    # The power company sits directly under the province: its own branch.
    assert set(by_child) == {tree.ward.name, tree.commune.name, tree.power.name}
    ward, commune = by_child[tree.ward.name], by_child[tree.commune.name]
    assert (ward["total"], ward["planned"], ward["held"]) == (2, 1, 1)
    assert (commune["total"], commune["recognised"], commune["returned"]) == (2, 1, 1)
    assert by_child[tree.power.name]["not_scheduled"] == 1


def test_behind_are_the_unscheduled_and_those_planned_after_the_deadline(tree, season, officers):
    plan(season, tree.school, officers["school"], on=season.deadline - timedelta(days=1))
    plan(season, tree.builder, officers["builder"], on=season.deadline + timedelta(days=1))
    late = services.behind(services.units_with_state(season, tree.province), season)
    assert sorted(row.name for row in late) == sorted(
        [tree.builder.name, tree.clinic.name, tree.garment.name, tree.power.name]
    )


# ---------------------------------------------------------------------------------------
# The officer's pages


def test_the_progress_page_shows_bars_counts_and_those_behind(tree, season_under_way, officers):
    client = logged_in(officers["province"])
    response = client.get(f"/co-so/dai-hoi/mua/{season_under_way.pk}/don-vi/{tree.province.pk}/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    body = text_of(response)
    assert body.count("<progress") == 5 + 3  # a bar per state, one per unit below
    behind_table = re.search(r'id="units-title".*?</table>', body, re.S).group(0)
    assert tree.power.name in behind_table
    assert tree.clinic.name not in behind_table
    everything = client.get(
        f"/co-so/dai-hoi/mua/{season_under_way.pk}/don-vi/{tree.province.pk}/?show=all"
    )
    listed = text_of(everything).split('id="units-title"')[1]
    rows = re.findall(r'<th scope="row">(.*?)</th>', listed)
    assert tree.school.name in rows[0]  # the pilot first
    assert len(rows) == 5


def test_the_progress_page_takes_the_same_queries_however_many_unions(
    tree, season_under_way, officers, django_assert_num_queries
):
    client = logged_in(officers["province"])
    url = f"/co-so/dai-hoi/mua/{season_under_way.pk}/don-vi/{tree.province.pk}/"
    assert client.get(url).status_code == 200  # the session and the menu, read once
    with CaptureQueriesContext(connection) as first:
        assert client.get(url).status_code == 200
    queries = len(first)  # read now: each request clears the connection's query log
    assert queries <= 14
    for number in range(40):
        unit = make_unit(
            f"Công đoàn cơ sở Trường Tiểu học số {number + 1}",
            tree.kinds["grassroots"],
            tree.commune if number % 2 else tree.ward,
            sector="public",
        )
        if number % 3 == 0:
            plan(season_under_way, unit, make_officer(f"can.bo.{number}", unit))
    # Planned congresses start a new page-cache generation: the menu's sub-menu is read
    # again once, whatever the number of unions.
    assert client.get(url).status_code == 200
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert "45" in text_of(response)


def test_another_branch_sees_no_progress_and_a_grassroots_officer_no_others(tree, season, officers):
    commune = logged_in(officers["commune"])
    assert commune.get(f"/co-so/dai-hoi/mua/{season.pk}/don-vi/{tree.ward.pk}/").status_code == 404
    school = logged_in(officers["school"])
    assert school.get(f"/co-so/dai-hoi/mua/{season.pk}/don-vi/{tree.ward.pk}/").status_code == 404
    assert (
        school.get(f"/co-so/dai-hoi/mua/{season.pk}/don-vi/{tree.builder.pk}/").status_code == 404
    )


def test_the_officer_index_offers_each_union_its_own_record(tree, season, officers):
    school = logged_in(officers["school"])
    page = school.get("/co-so/dai-hoi/")
    assert page.status_code == 200
    assert f'href="/co-so/dai-hoi/mua/{season.pk}/don-vi/{tree.school.pk}/"' in text_of(page)
    assert vi("Record the union's congress") in text_of(page)
    ward = logged_in(officers["ward"])
    page = ward.get("/co-so/dai-hoi/")
    assert f'href="/co-so/dai-hoi/mua/{season.pk}/don-vi/{tree.ward.pk}/"' in text_of(page)


# ---------------------------------------------------------------------------------------
# Reminders


def test_reminders_go_to_the_unions_behind_once_a_day(
    tree, season, officers, django_capture_on_commit_callbacks
):
    plan(season, tree.school, officers["school"])  # planned in time: not behind
    power = make_officer("le.quang.huy", tree.power)
    ward = logged_in(officers["ward"])
    url = f"/co-so/dai-hoi/mua/{season.pk}/don-vi/{tree.ward.pk}/nhac-nho/"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = ward.post(url, follow=True)
    assert messages_of(response) == [vi("Reminders sent to %(count)d unions.") % {"count": 1}]
    assert [message.to for message in mail.outbox] == [[officers["builder"].email]]
    assert tree.builder.name in mail.outbox[0].body
    assert power.email not in str([message.to for message in mail.outbox])
    reminder = SeasonReminder.objects.get()
    assert (reminder.unit, reminder.sent_by, reminder.recipients) == (
        tree.ward,
        officers["ward"],
        1,
    )

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again = ward.post(url, follow=True)
    assert messages_of(again) == [
        vi("Reminders for this season were already sent from this unit today; try tomorrow.")
    ]
    assert mail.outbox == []
    assert SeasonReminder.objects.count() == 1
    # Another unit may still remind its own unions today.
    with django_capture_on_commit_callbacks(execute=True):
        services.remind_behind(season=season, unit=tree.province, user=officers["province"])
    assert sorted(address for message in mail.outbox for address in message.to) == sorted(
        [officers[name].email for name in ("builder", "clinic", "garment")] + [power.email]
    )


def test_a_reminder_of_yesterday_does_not_stop_todays(tree, season, officers):
    reminder = SeasonReminder.objects.create(
        season=season, unit=tree.ward, sent_by=officers["ward"], recipients=2
    )
    SeasonReminder.objects.filter(pk=reminder.pk).update(
        sent_at=reminder.sent_at - timedelta(days=1)
    )
    assert services.remind_behind(season=season, unit=tree.ward, user=officers["ward"]) == 2


def test_a_grassroots_officer_cannot_remind_for_the_unit_above(tree, season, officers):
    school = logged_in(officers["school"])
    response = school.post(f"/co-so/dai-hoi/mua/{season.pk}/don-vi/{tree.ward.pk}/nhac-nho/")
    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        services.remind_behind(season=season, unit=tree.ward, user=officers["school"])
    assert not SeasonReminder.objects.exists()


# ---------------------------------------------------------------------------------------
# The public page and the home block


def test_the_public_page_shows_the_progress_without_any_name(
    tree, season_under_way, officers, visitor
):
    response = visitor.get(f"/dai-hoi/mua-dai-hoi/{term_slug(season_under_way)}/")
    assert response.status_code == 200
    body = text_of(response)
    assert season_under_way.name in body
    for name in (tree.ward.name, tree.commune.name, tree.power.name):
        assert name in body
    people = [CHAIR, VICE_CHAIR, INSPECTION_CHAIR, "Thiếu trang 2"]
    people += [user.get_full_name() for user in officers.values()]
    people += [user.last_name for user in officers.values()]
    for name in people:
        assert name not in body, name
    cards = dict(re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", body))
    assert cards[vi("Grassroots unions")] == "5"
    assert cards[vi("Congresses held")].startswith("3")
    assert cards[vi("Not scheduled yet")] == "1"
    assert cards[vi("Pilot congresses held")] == "0/1"


def test_the_public_page_is_kept_for_visitors(tree, season_under_way, visitor, settings):
    settings.PAGE_CACHE_SECONDS = 60
    url = f"/dai-hoi/mua-dai-hoi/{term_slug(season_under_way)}/"
    with CaptureQueriesContext(connection) as first:
        visitor.get(url)
    with CaptureQueriesContext(connection) as second:
        again = visitor.get(url)
    assert again.status_code == 200
    assert any("congress_congress" in query["sql"] for query in first.captured_queries)
    assert not any("congress_congress" in query["sql"] for query in second.captured_queries)


@pytest.mark.parametrize("term", ["2000-2005", "dai-hoi", "20x6-2031"])
def test_an_unknown_term_answers_404(season, visitor, term):
    assert visitor.get(f"/dai-hoi/mua-dai-hoi/{term}/").status_code == 404


def test_a_season_kept_from_the_public_answers_404(season, visitor):
    Season.objects.filter(pk=season.pk).update(is_public=False)
    assert visitor.get(f"/dai-hoi/mua-dai-hoi/{term_slug(season)}/").status_code == 404


def test_the_home_block_counts_the_season_under_way(tree, season_under_way):
    block = services.season_block_context()
    assert block["season"] == season_under_way
    counts = block["counts"]
    assert (counts["total"], counts["held_all"], counts["planned"]) == (5, 3, 1)
    assert block["days_left"] == (season_under_way.deadline - today()).days
    assert block["url"] == f"/dai-hoi/mua-dai-hoi/{term_slug(season_under_way)}/"


def test_no_home_block_once_the_deadline_passed_or_for_a_private_season(tree, season):
    Season.objects.filter(pk=season.pk).update(deadline=today() - timedelta(days=1))
    assert services.season_block_context() is None
    Season.objects.filter(pk=season.pk).update(
        deadline=today() + timedelta(days=5), is_public=False
    )
    assert services.season_block_context() is None
