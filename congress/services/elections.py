"""What a congress elects: counting a ballot, the results sheet, and the first meeting.

- `tally(ballot)`: a candidate is elected with more than half of the valid ballots, in
  order of votes, up to the seats. A tie at the last seat is reported as a tie for the
  congress to decide (never resolved here); once it has decided, staff mark the chosen
  candidates (`Candidate.chosen_in_tie`) and they are elected.
- `check_ballot` / `record_ballot`: the counts are refused with a message naming what is
  wrong (votes above the valid ballots, valid ballots above those issued, more elected
  than seats) and nothing is saved.
- `results(congress, public=...)`: the elected of each body with their share of the valid
  ballots; the public sees names and shares only, once the results are recognised.
- `check_position` / `record_first_meeting`: the chair, vice-chairs, standing committee
  and the chair of the inspection committee are among those elected; once the results
  are recognised they become the unit's leaders (congress.services.install_leaders).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from congress.models import Ballot, Candidate, Congress, Position, Stage
from congress.services.core import install_leaders, stage_of
from congress.services.shares import share, share_text

Body = Ballot.Body

# The order the results sheet reads the bodies in.
BODIES = (Body.EXECUTIVE, Body.INSPECTION, Body.UPPER_DELEGATES)

# The body a position is chosen from: the inspection committee elects its own chair.
POSITION_BODY = {
    Position.Role.CHAIR: Body.EXECUTIVE,
    Position.Role.VICE_CHAIR: Body.EXECUTIVE,
    Position.Role.STANDING: Body.EXECUTIVE,
    Position.Role.INSPECTION_CHAIR: Body.INSPECTION,
}
ONE_HOLDER = (Position.Role.CHAIR, Position.Role.INSPECTION_CHAIR)


@dataclass(frozen=True)
class CandidateLine:
    candidate: Candidate
    votes: int
    share: Decimal  # of the valid ballots, two decimals
    elected: bool
    tied: bool  # tied at the last seat

    @property
    def share_text(self) -> str:
        return share_text(self.share)


@dataclass(frozen=True)
class Tally:
    ballot: Ballot
    lines: tuple[CandidateLine, ...]  # every candidate, most votes first
    elected: tuple[Candidate, ...]  # in order of votes
    tied: tuple[Candidate, ...]  # tied at the last seat (empty without a tie)
    tie_seats: int  # the seats those tied compete for
    chosen: tuple[Candidate, ...]  # marked as chosen by the congress after the tie
    majority: int  # the fewest votes that elect

    @property
    def tie(self) -> bool:
        """A tie the congress has not yet decided (or decided for too many)."""
        return bool(self.tied) and len(self.chosen) != self.tie_seats

    @property
    def tie_decided(self) -> bool:
        return bool(self.tied) and len(self.chosen) == self.tie_seats

    @property
    def open_seats(self) -> int:
        return self.ballot.seats - len(self.elected)


def _by_votes(candidates):
    return sorted(candidates, key=lambda c: (-(c.votes or 0), c.order, c.pk or 0, c.full_name))


def tally(ballot: Ballot, candidates=None) -> Tally:
    """Count a ballot (its saved candidates, or `candidates` not yet saved)."""
    candidates = _by_votes(ballot.candidates.all() if candidates is None else candidates)
    valid = ballot.ballots_valid or 0
    seats = ballot.seats or 0
    eligible = [c for c in candidates if (c.votes or 0) * 2 > valid]
    tied: list[Candidate] = []
    tie_seats = 0
    chosen: list[Candidate] = []
    if len(eligible) <= seats:
        elected = eligible
    else:
        last = eligible[seats - 1].votes if seats else None
        above = [c for c in eligible if seats and c.votes > last]
        at_last = [c for c in eligible if seats and c.votes == last]
        if len(above) + len(at_last) <= seats:  # the next one has fewer votes: no tie
            elected = above + at_last
        else:
            tied, tie_seats = at_last, seats - len(above)
            chosen = [c for c in at_last if c.chosen_in_tie]
            elected = above + chosen if len(chosen) == tie_seats else above
    elected_ids = {id(c) for c in elected}
    tied_ids = {id(c) for c in tied}
    lines = tuple(
        CandidateLine(
            candidate=c,
            votes=c.votes or 0,
            share=share(c.votes or 0, valid),
            elected=id(c) in elected_ids,
            tied=id(c) in tied_ids,
        )
        for c in candidates
    )
    return Tally(
        ballot=ballot,
        lines=lines,
        elected=tuple(_by_votes(elected)),
        tied=tuple(tied),
        tie_seats=tie_seats,
        chosen=tuple(chosen),
        majority=valid // 2 + 1,
    )


def _names(candidates) -> str:
    return ", ".join(c.full_name for c in candidates)


def check_ballot(ballot: Ballot, candidates) -> Tally:
    """The counts of a ballot and its candidates, refused with every reason at once."""
    errors: list[str] = []
    issued, valid = ballot.ballots_issued or 0, ballot.ballots_valid or 0
    if valid > issued:
        errors.append(
            _("There are %(valid)d valid ballots but only %(issued)d ballots were issued.")
            % {"valid": valid, "issued": issued}
        )
    for candidate in candidates:
        if (candidate.votes or 0) > valid:
            errors.append(
                _("%(name)s has %(votes)d votes, more than the %(valid)d valid ballots.")
                % {"name": candidate.full_name, "votes": candidate.votes, "valid": valid}
            )
    total = sum(candidate.votes or 0 for candidate in candidates)
    if ballot.seats and total > valid * ballot.seats:
        errors.append(
            _(
                "The votes add up to %(total)d, more than %(valid)d valid ballots of at most "
                "%(seats)d names each can give."
            )
            % {"total": total, "valid": valid, "seats": ballot.seats}
        )
    result = tally(ballot, candidates)
    tied = {id(c) for c in result.tied}
    for candidate in candidates:
        if candidate.chosen_in_tie and id(candidate) not in tied:
            errors.append(
                _("%(name)s was not in a tie at the last seat: only a tied candidate is chosen.")
                % {"name": candidate.full_name}
            )
    if result.tied and len(result.chosen) > result.tie_seats:
        errors.append(
            ngettext(
                "More elected than seats: %(chosen)s were marked as chosen, but the tie "
                "between %(names)s was for %(seats)d seat.",
                "More elected than seats: %(chosen)s were marked as chosen, but the tie "
                "between %(names)s was for %(seats)d seats.",
                result.tie_seats,
            )
            % {
                "chosen": _names(result.chosen),
                "names": _names(result.tied),
                "seats": result.tie_seats,
            }
        )
    if errors:
        raise ValidationError(errors)
    return result


@transaction.atomic
def record_ballot(
    *,
    congress: Congress,
    body: str,
    seats: int,
    ballots_issued: int,
    ballots_valid: int,
    candidates: list[Candidate],
    round: int = 1,
    held_on=None,
) -> Tally:
    """Record a ballot and its candidates (unsaved rows) after checking the counts; a
    ballot of the same body and round is replaced."""
    ballot = Ballot.objects.filter(congress=congress, body=body, round=round).first() or Ballot(
        congress=congress, body=body, round=round
    )
    ballot.seats, ballot.ballots_issued, ballot.ballots_valid = seats, ballots_issued, ballots_valid
    ballot.held_on = held_on
    check_ballot(ballot, candidates)
    ballot.full_clean()
    ballot.save()
    ballot.candidates.all().delete()
    for order, candidate in enumerate(candidates, start=1):
        candidate.ballot = ballot
        candidate.order = candidate.order or order
        candidate.full_clean()
    Candidate.objects.bulk_create(candidates)
    return tally(ballot)


# ---------------------------------------------------------------------------------------
# The results sheet


@dataclass(frozen=True)
class ElectedName:
    """What the public sees of one elected person: the name and the share of the votes."""

    name: str
    share_text: str


@dataclass(frozen=True)
class BodyResult:
    body: str
    label: str
    seats: int
    elected: tuple[ElectedName, ...]
    tallies: tuple[Tally, ...]  # empty on the public sheet

    @property
    def tie(self) -> bool:
        return any(t.tie for t in self.tallies)


def _tallies(congress: Congress) -> dict[str, list[Tally]]:
    ballots = Ballot.objects.filter(congress=congress).prefetch_related("candidates")
    by_body: dict[str, list[Tally]] = {}
    for ballot in sorted(ballots, key=lambda b: (BODIES.index(b.body), b.round)):
        by_body.setdefault(ballot.body, []).append(tally(ballot))
    return by_body


def results(congress: Congress, *, public: bool = True) -> tuple[BodyResult, ...] | None:
    """The elected of each body, in order of votes with their share of the valid ballots.

    Public: None until the results are recognised; then names and shares of those
    elected only (no candidate rows, nobody not elected). Staff get every tally too.
    Two queries.
    """
    if public and stage_of(congress) != Stage.RECOGNISED:
        return None
    sheet = []
    for body, tallies in _tallies(congress).items():
        elected = tuple(
            ElectedName(name=line.candidate.full_name, share_text=line.share_text)
            for t in tallies
            for line in sorted(t.lines, key=lambda line: -line.votes)
            if line.elected
        )
        sheet.append(
            BodyResult(
                body=body,
                label=str(Body(body).label),
                seats=tallies[0].ballot.seats,
                elected=elected,
                tallies=() if public else tuple(tallies),
            )
        )
    return tuple(sheet)


# ---------------------------------------------------------------------------------------
# The first meeting


def elected_to(congress: Congress, body: str) -> set[int]:
    """The ids of the candidates this congress elected to `body`."""
    return {
        candidate.pk
        for t in _tallies(congress).get(body, [])
        for candidate in t.elected
        if candidate.pk
    }


def check_position(position: Position, others=None) -> None:
    """A position chosen at the first meeting: held by someone elected to its body, and
    the chair (and the inspection committee's chair) once only."""
    errors: dict[str, list[str]] = {}
    candidate = position.candidate
    if candidate is not None:
        body = POSITION_BODY[position.role]
        if candidate.ballot.congress_id != position.congress_id or candidate.pk not in elected_to(
            position.congress, body
        ):
            errors.setdefault("candidate", []).append(
                _("%(name)s is not among those this congress elected to the %(body)s.")
                % {"name": candidate.full_name, "body": str(Body(body).label).lower()}
            )
        if not position.full_name:
            position.full_name = candidate.full_name
    if position.role in ONE_HOLDER:
        if others is None:
            others = Position.objects.filter(congress_id=position.congress_id).exclude(
                pk=position.pk
            )
        if any(other.role == position.role for other in others):
            errors.setdefault("role", []).append(
                _("The congress already has a %(role)s.")
                % {"role": str(Position.Role(position.role).label).lower()}
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def record_first_meeting(*, congress: Congress, positions: list[Position]) -> list[Position]:
    """Replace the positions chosen at the first meeting (unsaved rows), all checked; once
    the results are recognised, the unit's leaders in the register follow."""
    for index, position in enumerate(positions):
        position.congress = congress
        position.order = position.order or index + 1
        check_position(position, others=positions[:index])
        position.full_clean()
    congress.positions.all().delete()
    Position.objects.bulk_create(positions)
    if congress.recognised_on:
        install_leaders(congress)
    return positions
