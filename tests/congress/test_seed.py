"""The demo congresses seed_demo loads: numbers that add up, and a season the demo officers
can work in. The register, documents, news and congresses are loaded once for the module."""

from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import TestCase
from django.utils import timezone

from congress.demo import CONGRESSES_FILE, SEASON, load_congresses
from congress.models import Ballot, Congress, Delegate, Position, Review, Season
from congress.seed import seed_congress
from congress.services import stage_of
from congress.services.delegates import composition
from congress.services.elections import tally
from congress.services.season import (
    UnitState,
    may_edit_record,
    may_review,
    progress,
    state_of,
)
from documents.seed import seed_documents
from federation.demo import DemoDataError
from federation.models import OutgoingMail
from federation.seed import seed_federation
from members.models import Leader, Unit
from members.seed import OFFICER_SCHOOL, seed_members
from news.models import Article
from news.seed import seed_news
from tests.helpers import loaded_for_reading

pytestmark = pytest.mark.django_db

TOP_CHAIR = "Lò Văn Thắng"


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """One load of the steps the congresses build on, then the congresses; what the load
    leaves for the commit (the services' mail to officers) is run as a commit would."""
    with loaded_for_reading(django_db_blocker, tmp_path_factory.mktemp("congress-demo")):
        out = StringIO()
        with TestCase.captureOnCommitCallbacks(execute=True):
            for step in (seed_federation, seed_documents, seed_members, seed_news, seed_congress):
                step(out, logins=True)
        yield out.getvalue()


def top() -> Unit:
    return Unit.objects.get(parent=None)


def provincial(ordinal: int) -> Congress:
    return Congress.objects.get(unit=top(), ordinal=ordinal)


def user(username: str):
    return get_user_model().objects.get(username=username)


def demo_season() -> Season:
    return Season.objects.get(unit=top(), term_start=SEASON.term[0])


def test_congress_xii_has_its_official_delegates_and_a_composition_that_adds_up(seeded):
    congress = provincial(12)
    assert stage_of(congress) == "recognised"
    accepted = congress.delegates.filter(credentials=Delegate.Credentials.ACCEPTED)
    assert accepted.count() == congress.official_delegates == 119
    refused = congress.delegates.get(credentials=Delegate.Credentials.REFUSED)
    assert refused.credentials_reason

    table = composition(congress)
    assert table.total == congress.official_delegates
    for group in (table.by_kind, table.by_sector, table.by_age, table.by_education):
        assert sum(line.count for line in group) == table.total
    assert 0 < table.female.count < table.total
    assert 0 < table.minority.count < table.total  # Thái and Mông names in the register
    # The outgoing committee sits ex officio: the chair and the chairs of the unions below.
    ex_officio = set(
        accepted.filter(kind=Delegate.Kind.EX_OFFICIO).values_list("full_name", flat=True)
    )
    assert {TOP_CHAIR, "Nguyễn Văn Thành", "Quàng Thị Phương"} <= ex_officio
    assert accepted.get(full_name="Lò Thị Xuân").ethnicity == "Thái"
    assert 0 < congress.members_represented <= top().members.count() + 2000


def test_every_ballot_elects_exactly_its_seats_with_counts_that_add_up(seeded):
    ballots = Ballot.objects.filter(congress__unit__parent=None).prefetch_related("candidates")
    assert {b.body for b in ballots} == set(Ballot.Body.values)
    for ballot in [*ballots, *Ballot.objects.filter(congress__unit__name="Công đoàn xã Tuần Giáo")]:
        result = tally(ballot)
        votes = [c.votes for c in ballot.candidates.all()]
        assert len(result.elected) == ballot.seats
        assert not result.tied
        assert max(votes) <= ballot.ballots_valid <= ballot.ballots_issued
        assert sum(votes) <= ballot.ballots_valid * ballot.seats
        assert all(c.votes * 2 > ballot.ballots_valid for c in result.elected)
    executive = provincial(12).ballots.get(body=Ballot.Body.EXECUTIVE)
    assert executive.seats == 27
    assert executive.candidates.count() == 30


def test_the_federation_is_chaired_by_the_chair_the_congress_chose(seeded):
    federation = top()
    assert federation.chairperson == TOP_CHAIR
    chair = Leader.objects.current().get(unit=federation, role=Leader.Role.CHAIR)
    assert chair.full_name == TOP_CHAIR
    assert chair.started_on == provincial(12).recognised_on
    assert (
        Leader.objects.current().filter(unit=federation, role=Leader.Role.VICE_CHAIR).count() == 2
    )
    assert provincial(12).positions.filter(role=Position.Role.INSPECTION_CHAIR).count() == 1


def test_congress_xiii_is_being_prepared_with_late_and_done_tasks(seeded):
    congress = provincial(13)
    assert stage_of(congress) == "preparing"
    today = timezone.localdate()
    tasks = [task for sub in congress.subcommittees.all() for task in sub.tasks.all()]
    assert congress.subcommittees.count() == 4
    assert any(task.is_done for task in tasks)
    assert any(task.is_late(today) for task in tasks)
    assert any(not task.is_done and not task.is_late(today) for task in tasks)


def test_the_season_has_its_pilots_recognised_and_about_two_thirds_held(seeded):
    season = demo_season()
    today = timezone.localdate()
    assert season.starts_on <= today <= season.deadline
    for pilot in season.pilots.all():
        record = pilot.congresses.get(season=season)
        assert state_of(record) == UnitState.RECOGNISED
        assert record.files.count() == 2
    counts = progress(season, season.unit)["counts"]
    assert counts["pilots_held"] == counts["pilots"] == 2
    assert 0.6 <= counts["held_all"] / counts["total"] <= 0.72
    assert counts[UnitState.PLANNED]
    assert counts[UnitState.NOT_SCHEDULED]
    returned = Congress.objects.get(season=season, review=Review.RETURNED)
    assert returned.return_reason == SEASON.return_reason.strip()
    # The pilots held theirs before every other union did.
    first_others = (
        Congress.objects.filter(season=season, starts_on__lt=today)
        .exclude(unit__in=season.pilots.all())
        .order_by("starts_on")
        .first()
    )
    assert max(p.congresses.get().starts_on for p in season.pilots.all()) < first_others.starts_on


def test_the_officer_school_has_planned_its_congress_for_its_officer_to_record(seeded):
    school = Unit.objects.get(name=OFFICER_SCHOOL)
    record = school.congresses.get(season=demo_season())
    assert record.review == Review.DRAFT
    assert record.starts_on > timezone.localdate()
    assert state_of(record) == UnitState.PLANNED
    assert may_edit_record(user("canbo.coso"), record)


def test_the_ward_officer_has_a_record_to_review_and_reviewed_the_others(seeded):
    ward_officer = user("canbo.phuong")
    below = Congress.objects.filter(
        season=demo_season(), unit__parent__name="Công đoàn phường Điện Biên Phủ"
    )
    waiting = below.filter(review=Review.SUBMITTED)
    assert waiting.exists()
    assert all(may_review(ward_officer, record) for record in waiting)
    assert below.filter(review=Review.RECOGNISED, reviewed_by=ward_officer).exists()
    assert below.get(review=Review.RETURNED).reviewed_by == ward_officer
    # Each record was submitted by the union's own officer, never by its reviewer.
    for record in below.exclude(review=Review.DRAFT):
        assert record.submitted_by.officer_roles.filter(unit=record.unit).exists()


def test_the_news_of_tuan_giao_is_linked_to_its_congress_of_eleven(seeded):
    article = Article.objects.get(title__startswith="Công đoàn xã Tuần Giáo tổ chức đại hội")
    congress = article.congress
    assert congress.unit.name == "Công đoàn xã Tuần Giáo"
    assert congress.ordinal == 1
    assert congress.starts_on == timezone.localtime(article.published_at).date()
    assert congress.ballots.get(body=Ballot.Body.EXECUTIVE).seats == 11
    ward = congress.unit
    assert Leader.objects.current().get(unit=ward, role=Leader.Role.CHAIR).full_name == (
        ward.chairperson
    )


def test_loading_the_demo_sent_no_mail(seeded):
    assert not OutgoingMail.objects.exists()


def test_a_second_run_adds_nothing(seeded):
    def counts():
        return {
            model.__name__: model.objects.count()
            for model in (Congress, Delegate, Ballot, Position, Leader, Season)
        }

    before = counts()
    with TestCase.captureOnCommitCallbacks(execute=True):
        seed_congress(StringIO(), logins=True)
    assert counts() == before
    assert not OutgoingMail.objects.exists()


def test_a_mistake_in_the_data_file_names_the_file_and_the_entry(tmp_path):
    text = CONGRESSES_FILE.read_text(encoding="utf-8")
    broken = tmp_path / "congresses.yaml"
    broken.write_text(
        text.replace("kinds: {ex-officio: 27, elected: 88", "kinds: {ex-officio: 27, elected: 87"),
        encoding="utf-8",
    )
    with pytest.raises(
        DemoDataError, match=r"congresses\.yaml, provincial 1 “12”: the kinds add up to 119"
    ):
        load_congresses(broken)
    broken.write_text(text.replace("number: 01/NQ-ĐH", "number: 99/NQ-ĐH"), encoding="utf-8")
    with pytest.raises(DemoDataError, match="document 2: no document numbered “99/NQ-ĐH”"):
        load_congresses(broken)
    assert Path(CONGRESSES_FILE).exists()


def test_the_season_dates_keep_it_open_whatever_the_day(seeded):
    season = demo_season()
    today = timezone.localdate()
    assert season.starts_on <= today - timedelta(days=SEASON.pilots_held)
    assert season.deadline >= today + timedelta(days=SEASON.planned_between[1])
