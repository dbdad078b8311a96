"""What a congress elects: the count, the refusals, the results sheet, the first meeting."""

from dataclasses import fields
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse

from congress.models import Ballot, Candidate, Position, Review
from congress.services import elections
from members.models import Leader
from tests.congress.factories_delegates import make_ballot, make_congress, make_secretary
from tests.helpers import logged_in, text_of, vi
from tests.members.factories import make_officer, make_tree

pytestmark = pytest.mark.django_db

Body = Ballot.Body


@pytest.fixture
def tree(db):
    return make_tree()


@pytest.fixture
def congress(tree):
    """The ward's congress, held on 10/10/2023."""
    return make_congress(tree.ward, ordinal=3)


def names(candidates) -> list[str]:
    return [candidate.full_name for candidate in candidates]


def shares(tally) -> dict[str, str]:
    return {line.candidate.full_name: line.share_text for line in tally.lines}


# ---------------------------------------------------------------------------------------
# The count


def test_more_than_half_of_the_valid_ballots_elects_in_order_of_votes(congress):
    ballot = make_ballot(
        congress,
        Body.EXECUTIVE,
        seats=4,  # a seat is left open rather than given to half the ballots
        issued=205,
        valid=200,
        votes=[
            ("Lò Thị Hương", 150),
            ("Quàng Văn Dũng", 101),
            ("Cà Thị Nga", 100),  # exactly half: not elected
            ("Trần Văn Sơn", 180),
        ],
    )
    tally = elections.tally(ballot)
    assert names(tally.elected) == ["Trần Văn Sơn", "Lò Thị Hương", "Quàng Văn Dũng"]
    assert tally.majority == 101
    assert tally.open_seats == 1
    assert not tally.tie
    assert shares(tally) == {
        "Trần Văn Sơn": "90,00 %",
        "Lò Thị Hương": "75,00 %",
        "Quàng Văn Dũng": "50,50 %",
        "Cà Thị Nga": "50,00 %",
    }


def test_no_more_are_elected_than_seats(congress):
    ballot = make_ballot(
        congress,
        Body.INSPECTION,
        seats=2,
        issued=100,
        valid=100,
        votes=[("Lò Thị Hương", 90), ("Quàng Văn Dũng", 80), ("Cà Thị Nga", 70)],
    )
    tally = elections.tally(ballot)
    assert names(tally.elected) == ["Lò Thị Hương", "Quàng Văn Dũng"]
    assert tally.open_seats == 0


def test_percentages_have_two_decimals_and_a_comma(congress):
    ballot = make_ballot(
        congress,
        Body.EXECUTIVE,
        seats=1,
        issued=260,
        valid=250,
        votes=[("Lò Thị Hương", 131), ("Quàng Văn Dũng", 119)],
    )
    assert shares(elections.tally(ballot)) == {
        "Lò Thị Hương": "52,40 %",
        "Quàng Văn Dũng": "47,60 %",
    }
    ballot = make_ballot(
        congress, Body.INSPECTION, seats=1, issued=3, valid=3, votes=[("Cà Thị Nga", 2)]
    )
    assert shares(elections.tally(ballot)) == {"Cà Thị Nga": "66,67 %"}


@pytest.fixture
def tied(congress):
    """Three seats: Nga and Sơn have 135 votes each for the last one (600 votes in all)."""
    return make_ballot(
        congress,
        Body.EXECUTIVE,
        seats=3,
        issued=200,
        valid=200,
        votes=[
            ("Lò Thị Hương", 180),
            ("Quàng Văn Dũng", 150),
            ("Cà Thị Nga", 135),
            ("Trần Văn Sơn", 135),
        ],
    )


def test_a_tie_at_the_last_seat_is_shown_not_resolved(tied):
    tally = elections.tally(tied)
    assert tally.tie
    assert names(tally.tied) == ["Cà Thị Nga", "Trần Văn Sơn"]
    assert tally.tie_seats == 1
    assert names(tally.elected) == ["Lò Thị Hương", "Quàng Văn Dũng"]  # nobody picked silently
    assert tally.open_seats == 1


def test_the_congress_decides_the_tie(tied):
    tied.candidates.filter(full_name="Trần Văn Sơn").update(chosen_in_tie=True)
    tally = elections.tally(tied)
    assert not tally.tie
    assert tally.tie_decided
    assert names(tally.elected) == ["Lò Thị Hương", "Quàng Văn Dũng", "Trần Văn Sơn"]


def test_choosing_more_than_the_tied_seats_is_refused(tied):
    candidates = list(tied.candidates.all())
    for candidate in candidates[2:]:
        candidate.chosen_in_tie = True
    with pytest.raises(ValidationError) as refused:
        elections.check_ballot(tied, candidates)
    assert refused.value.messages == [
        vi(
            "More elected than seats: %(chosen)s were marked as chosen, but the tie between "
            "%(names)s was for %(seats)d seat.",
            "More elected than seats: %(chosen)s were marked as chosen, but the tie between "
            "%(names)s was for %(seats)d seats.",
            1,
        )
        % {
            "chosen": "Cà Thị Nga, Trần Văn Sơn",
            "names": "Cà Thị Nga, Trần Văn Sơn",
            "seats": 1,
        }
    ]


def test_only_a_tied_candidate_can_be_chosen(tied):
    candidates = list(tied.candidates.all())
    candidates[0].chosen_in_tie = True  # Hương, elected outright
    with pytest.raises(ValidationError) as refused:
        elections.check_ballot(tied, candidates)
    assert "Lò Thị Hương" in refused.value.messages[0]


# ---------------------------------------------------------------------------------------
# Refusals


def ballot_of(congress, **counts) -> Ballot:
    return Ballot(congress=congress, body=Body.EXECUTIVE, seats=2, **counts)


def test_votes_above_the_valid_ballots_are_refused_naming_the_candidate(congress):
    with pytest.raises(ValidationError) as refused:
        elections.record_ballot(
            congress=congress,
            body=Body.EXECUTIVE,
            seats=2,
            ballots_issued=120,
            ballots_valid=118,
            candidates=[
                Candidate(full_name="Lò Thị Hương", votes=119),
                Candidate(full_name="Quàng Văn Dũng", votes=80),
            ],
        )
    assert refused.value.messages == [
        vi("%(name)s has %(votes)d votes, more than the %(valid)d valid ballots.")
        % {"name": "Lò Thị Hương", "votes": 119, "valid": 118}
    ]
    assert not Ballot.objects.exists()
    assert not Candidate.objects.exists()


def test_valid_ballots_above_those_issued_are_refused(congress):
    with pytest.raises(ValidationError) as refused:
        elections.record_ballot(
            congress=congress,
            body=Body.EXECUTIVE,
            seats=1,
            ballots_issued=100,
            ballots_valid=101,
            candidates=[Candidate(full_name="Lò Thị Hương", votes=90)],
        )
    assert refused.value.messages == [
        vi("There are %(valid)d valid ballots but only %(issued)d ballots were issued.")
        % {"valid": 101, "issued": 100}
    ]
    assert not Ballot.objects.exists()


def test_more_votes_than_the_ballots_can_hold_are_refused(congress):
    ballot = ballot_of(congress, ballots_issued=10, ballots_valid=10)
    candidates = [Candidate(full_name=name, votes=8) for name in ("Lò Thị Hương", "Cà Thị Nga")]
    candidates.append(Candidate(full_name="Vì Văn Khải", votes=5))
    with pytest.raises(ValidationError) as refused:
        elections.check_ballot(ballot, candidates)  # 21 votes, 10 ballots of 2 names
    assert "21" in refused.value.messages[0]


def test_a_clean_ballot_is_recorded(congress):
    tally = elections.record_ballot(
        congress=congress,
        body=Body.UPPER_DELEGATES,
        seats=2,
        ballots_issued=120,
        ballots_valid=118,
        candidates=[
            Candidate(full_name="Lò Thị Hương", votes=110),
            Candidate(full_name="Quàng Văn Dũng", votes=70),
            Candidate(full_name="Cà Thị Nga", votes=40),
        ],
        held_on=date(2023, 10, 10),
    )
    assert names(tally.elected) == ["Lò Thị Hương", "Quàng Văn Dũng"]
    assert Candidate.objects.filter(ballot__congress=congress).count() == 3


# ---------------------------------------------------------------------------------------
# The results sheet


@pytest.fixture
def elected(congress, tied):
    """The executive (with its tie decided), the inspection committee, upper delegates."""
    Candidate.objects.filter(ballot=tied, full_name="Cà Thị Nga").update(
        chosen_in_tie=True, position="Giáo viên, sinh ngày 12/05/1990, ĐT 0912345678"
    )
    make_ballot(
        congress,
        Body.INSPECTION,
        seats=1,
        issued=200,
        valid=198,
        votes=[("Vì Văn Khải", 150), ("Lường Thị Yến", 48)],
    )
    return congress


def test_the_public_sees_nothing_before_the_results_are_recognised(elected):
    assert elections.results(elected) is None


def recognise(congress, day=date(2023, 11, 2)):
    congress.review = Review.RECOGNISED
    congress.recognised_on = day
    congress.save()


def test_the_public_sees_names_and_shares_of_those_elected_only(
    elected, django_assert_max_num_queries
):
    recognise(elected)
    with django_assert_max_num_queries(2):
        sheet = elections.results(elected)
    assert [(body.body, [(p.name, p.share_text) for p in body.elected]) for body in sheet] == [
        (
            Body.EXECUTIVE,
            [
                ("Lò Thị Hương", "90,00 %"),
                ("Quàng Văn Dũng", "75,00 %"),
                ("Cà Thị Nga", "67,50 %"),
            ],
        ),
        (Body.INSPECTION, [("Vì Văn Khải", "75,76 %")]),
    ]
    assert all(body.tallies == () for body in sheet)
    assert {field.name for field in fields(sheet[0].elected[0])} == {"name", "share_text"}
    html = render_to_string("congress/includes/results.html", {"results": sheet})
    assert "Cà Thị Nga" in html
    assert "67,50 %" in html
    for hidden in ("Trần Văn Sơn", "Lường Thị Yến", "0912345678", "12/05/1990"):
        assert hidden not in html


def test_staff_see_the_whole_sheet_before_recognition(elected):
    sheet = elections.results(elected, public=False)
    executive = sheet[0]
    assert [line.candidate.full_name for line in executive.tallies[0].lines][-1] == "Trần Văn Sơn"
    assert executive.tallies[0].tie_decided


# ---------------------------------------------------------------------------------------
# The admin


@pytest.fixture
def secretary(db):
    return logged_in(make_secretary(), address="10.0.9.1")


def test_the_admin_shows_the_results_sheet_and_the_tie(secretary, tied):
    response = secretary.get(reverse("admin:congress_ballot_change", args=[tied.pk]))
    assert response.status_code == 200
    page = text_of(response)
    assert "90,00 %" in page
    assert "Cà Thị Nga, Trần Văn Sơn" in page
    assert vi("Tied at the last seat") in page


def ballot_post(congress, *, valid, candidates) -> dict:
    data = {
        "congress": congress.pk,
        "body": Body.EXECUTIVE,
        "round": 1,
        "seats": 2,
        "ballots_issued": 120,
        "ballots_valid": valid,
        "held_on": "",
        "candidates-TOTAL_FORMS": len(candidates),
        "candidates-INITIAL_FORMS": 0,
        "candidates-MIN_NUM_FORMS": 0,
        "candidates-MAX_NUM_FORMS": 1000,
    }
    for index, (name, votes) in enumerate(candidates):
        data |= {
            f"candidates-{index}-order": index + 1,
            f"candidates-{index}-full_name": name,
            f"candidates-{index}-position": "",
            f"candidates-{index}-votes": votes,
        }
    return data


def test_the_admin_refuses_votes_above_the_valid_ballots_on_the_form(secretary, congress):
    response = secretary.post(
        reverse("admin:congress_ballot_add"),
        ballot_post(congress, valid=118, candidates=[("Lò Thị Hương", 119), ("Cà Thị Nga", 60)]),
    )
    assert response.status_code == 200  # the form again, with the error
    assert vi("%(name)s has %(votes)d votes, more than the %(valid)d valid ballots.") % {
        "name": "Lò Thị Hương",
        "votes": 119,
        "valid": 118,
    } in text_of(response)
    assert not Ballot.objects.exists()


def test_the_admin_refuses_valid_ballots_above_those_issued(secretary, congress):
    response = secretary.post(
        reverse("admin:congress_ballot_add"),
        ballot_post(congress, valid=121, candidates=[("Lò Thị Hương", 100)]),
    )
    assert response.status_code == 200
    assert vi("There cannot be more valid ballots than ballots issued.") in text_of(response)
    assert not Ballot.objects.exists()


def test_the_admin_records_a_clean_ballot(secretary, congress):
    response = secretary.post(
        reverse("admin:congress_ballot_add"),
        ballot_post(congress, valid=118, candidates=[("Lò Thị Hương", 100), ("Cà Thị Nga", 60)]),
    )
    assert response.status_code == 302
    assert Ballot.objects.get().candidates.count() == 2


# ---------------------------------------------------------------------------------------
# The first meeting and the register's leaders


def candidate(congress, name) -> Candidate:
    return Candidate.objects.get(ballot__congress=congress, full_name=name)


def test_a_position_goes_to_someone_elected_to_its_body(elected):
    not_elected = Position(
        congress=elected,
        role=Position.Role.CHAIR,
        candidate=candidate(elected, "Trần Văn Sơn"),  # lost the tie
    )
    with pytest.raises(ValidationError) as refused:
        elections.check_position(not_elected)
    assert "Trần Văn Sơn" in refused.value.message_dict["candidate"][0]
    wrong_body = Position(
        congress=elected,
        role=Position.Role.INSPECTION_CHAIR,
        candidate=candidate(elected, "Lò Thị Hương"),  # executive, not inspection
    )
    with pytest.raises(ValidationError):
        elections.check_position(wrong_body)
    elections.check_position(
        Position(
            congress=elected,
            role=Position.Role.INSPECTION_CHAIR,
            candidate=candidate(elected, "Vì Văn Khải"),
        )
    )


def first_meeting(congress) -> list[Position]:
    return elections.record_first_meeting(
        congress=congress,
        positions=[
            Position(role=Position.Role.CHAIR, candidate=candidate(congress, "Lò Thị Hương")),
            Position(
                role=Position.Role.VICE_CHAIR, candidate=candidate(congress, "Quàng Văn Dũng")
            ),
            Position(
                role=Position.Role.INSPECTION_CHAIR,
                candidate=candidate(congress, "Vì Văn Khải"),
            ),
        ],
    )


def test_two_chairs_are_refused(elected):
    with pytest.raises(ValidationError):
        elections.record_first_meeting(
            congress=elected,
            positions=[
                Position(role=Position.Role.CHAIR, candidate=candidate(elected, "Lò Thị Hương")),
                Position(role=Position.Role.CHAIR, candidate=candidate(elected, "Cà Thị Nga")),
            ],
        )
    assert not Position.objects.exists()


def test_recognised_results_make_the_new_leaders_of_the_unit(elected, tree):
    first_meeting(elected)  # not yet recognised: the register does not change
    assert not Leader.objects.exists()
    recognise(elected, date(2023, 11, 2))
    first_meeting(elected)
    current = Leader.objects.current(date(2023, 11, 2)).filter(unit=tree.ward)
    assert sorted((leader.role, leader.full_name) for leader in current) == [
        (Leader.Role.CHAIR, "Lò Thị Hương"),
        (Leader.Role.INSPECTION_CHAIR, "Vì Văn Khải"),
        (Leader.Role.VICE_CHAIR, "Quàng Văn Dũng"),
    ]
    assert {leader.started_on for leader in current} == {date(2023, 11, 2)}
    tree.ward.refresh_from_db()
    assert tree.ward.chairperson == "Lò Thị Hương"
    # The officer area's dashboard of the ward shows them.
    officer = logged_in(make_officer("lo.thi.en", tree.ward), address="10.0.2.2")
    page = text_of(officer.get(reverse("members:unit", args=[tree.ward.pk])))
    assert vi("Leadership of the union") in page
    assert "Lò Thị Hương" in page
    assert "Vì Văn Khải" in page
