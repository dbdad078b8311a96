"""The derived stage and the rules that read other rows (congress.services.core)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from congress.models import Congress, Format, Review, Stage
from congress.services import check_congress, stage_of
from congress.services.core import stage_condition
from tests.congress.factories import add_subcommittee, make_congress, today, year
from tests.helpers import vi


def unsaved(unit, ordinal, term_start, **fields):
    fields.setdefault("term_end", term_start + 5)
    return Congress(unit=unit, ordinal=ordinal, term_start=term_start, **fields)


def errors_of(congress) -> dict:
    with pytest.raises(ValidationError) as caught:
        check_congress(congress)
    return caught.value.message_dict


# ---------------------------------------------------------------------------------------
# Stage


@pytest.fixture
def at_every_stage(tree):
    """One congress of the province at each stage, on the same day."""
    day = today()
    return {
        Stage.PLANNED: make_congress(tree.province, 1, year() - 20),  # no dates yet
        Stage.PREPARING: make_congress(
            tree.province, 5, year() + 5, starts_on=day + timedelta(days=30)
        ),
        Stage.IN_SESSION: make_congress(
            tree.province, 4, year(), starts_on=day - timedelta(days=1), ends_on=day
        ),
        Stage.HELD: make_congress(
            tree.province, 3, year() - 5, starts_on=day - timedelta(days=400)
        ),
        Stage.RECOGNISED: make_congress(
            tree.province,
            2,
            year() - 10,
            starts_on=date(year() - 10, 10, 1),
            review=Review.RECOGNISED,
            recognised_on=date(year() - 10, 10, 20),
        ),
    }


def test_each_stage_is_read_from_the_dates_and_the_record(at_every_stage):
    for stage, congress in at_every_stage.items():
        assert stage_of(congress) == stage, congress


def test_a_far_congress_is_planned_until_its_subcommittees_start_work(tree):
    congress = make_congress(tree.province, 1, year() + 1, starts_on=today() + timedelta(days=400))
    assert stage_of(Congress.objects.get(pk=congress.pk)) == Stage.PLANNED
    add_subcommittee(congress)
    assert stage_of(Congress.objects.get(pk=congress.pk)) == Stage.PREPARING


def test_the_database_reads_the_stage_the_same_way(at_every_stage):
    for stage, congress in at_every_stage.items():
        found = set(Congress.objects.filter(stage_condition(stage)).values_list("pk", flat=True))
        assert found == {congress.pk}, stage


# ---------------------------------------------------------------------------------------
# The rules that read other rows


def test_an_ordinal_is_taken_once_per_unit(twelfth, tree):
    errors = errors_of(unsaved(tree.province, 12, year() + 2))
    assert errors["ordinal"] == [vi("This unit already has a congress with this ordinal.")]


def test_a_later_ordinal_needs_a_later_term(twelfth, tree):
    errors = errors_of(unsaved(tree.province, 13, year() - 8))
    assert "XII" in errors["ordinal"][0]
    assert str(year() - 3) in errors["ordinal"][0]


def test_an_earlier_ordinal_needs_an_earlier_term(twelfth, tree):
    errors = errors_of(unsaved(tree.province, 11, year() + 2))
    assert "XII" in errors["ordinal"][0]


def test_a_term_does_not_overlap_the_previous_one(twelfth, tree):
    errors = errors_of(unsaved(tree.province, 13, year()))  # XII runs until year + 2
    assert errors["term_start"] == [
        vi(
            "The term overlaps the previous one (%(term)s): it starts in %(year)d at the earliest.",
            term=twelfth.term,
            year=twelfth.term_end,
        )
    ]


def test_an_upper_level_term_lasts_five_years(tree):
    errors = errors_of(unsaved(tree.ward, 1, 2020, term_end=2023))
    assert errors["term_end"] == [vi("A term lasts %(years)d years.", years=5)]


def test_a_grassroots_union_may_hold_a_shorter_term_but_not_a_longer_one(tree):
    check_congress(unsaved(tree.school, 1, 2020, term_end=2023))
    errors = errors_of(unsaved(tree.school, 2, 2023, term_end=2029))
    assert errors["term_end"] == [
        vi("A grassroots union's term lasts %(low)d to %(high)d years.", low=2, high=5)
    ]


def test_a_congress_does_not_end_before_it_starts(tree):
    day = today()
    errors = errors_of(unsaved(tree.ward, 1, 2020, starts_on=day, ends_on=day - timedelta(1)))
    assert errors["ends_on"] == [vi("The congress cannot end before it starts.")]


def test_a_large_union_says_why_it_holds_an_all_members_congress(tree):
    congress = unsaved(tree.garment, 1, 2022, format=Format.ALL_MEMBERS, members_represented=620)
    assert "format_reason" in errors_of(congress)
    congress.format_reason = "Doanh nghiệp làm việc theo ca, đoàn viên tập trung được một lần."
    check_congress(congress)
    small = unsaved(tree.clinic, 1, 2022, format=Format.ALL_MEMBERS, members_represented=18)
    check_congress(small)
