"""The grassroots congress season: each grassroots union records its own congress in the
officer area and submits it, the unit above recognises the results or returns them, and
the levels above follow the progress and remind those behind (as with reports).

Who writes a record (`may_edit_record`: the union's own officers, while it is being
recorded or came back) and who reviews it (`may_review`: the units above, or staff who may
change congresses) are built on members.scope.

A unit's state in a season (`UnitState`) is derived, never stored:

- not scheduled: the union has no congress in the season;
- planned: it has one, not yet held (the date is still ahead);
- held: its dates have passed or its record was submitted, not yet reviewed;
- returned: the unit above sent the record back with a reason;
- recognised: the unit above recognised the results.

Progress is counted by the database: one GROUP BY over the season's unions by branch (the
first `branch_length` characters of their path), whatever the number of unions.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Case, Count, Exists, F, FilteredRelation, OuterRef, Q, Value, When
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from congress.models import Congress, CongressFile, Position, Review, Season, SeasonReminder
from congress.services.core import install_leaders, save_congress, suggested_format
from federation.files import inspect_upload, store_upload
from federation.mail import send_mail_later
from federation.text import format_date
from members import scope
from members.models import Member, Officer, Unit, in_subtree

VIEW_CONGRESS = "congress.view_congress"
CHANGE_CONGRESS = "congress.change_congress"

# The files a record carries: one of each kind is required to submit.
REQUIRED_FILES = (CongressFile.Paper.MINUTES, CongressFile.Paper.RESOLUTION)
MAX_POSITIONS = 20


class UnitState(models.TextChoices):
    NOT_SCHEDULED = "not-scheduled", pgettext_lazy("season state", "Not scheduled")
    PLANNED = "planned", pgettext_lazy("season state", "Planned")
    HELD = "held", pgettext_lazy("season state", "Held")
    RETURNED = "returned", pgettext_lazy("season state", "Returned")
    RECOGNISED = "recognised", pgettext_lazy("season state", "Results recognised")


# The order states are shown in (bars, tables), from done to not begun.
STATE_ORDER = (
    UnitState.RECOGNISED,
    UnitState.HELD,
    UnitState.RETURNED,
    UnitState.PLANNED,
    UnitState.NOT_SCHEDULED,
)
# The status colour each state is shown in (the portal's status-* classes).
STATE_TONE = {
    UnitState.RECOGNISED: "accepted",
    UnitState.HELD: "submitted",
    UnitState.RETURNED: "returned",
    UnitState.PLANNED: "draft",
    UnitState.NOT_SCHEDULED: "expired",
}
# States behind, drawn in the warning colour.
WARNING_STATES = (UnitState.RETURNED, UnitState.NOT_SCHEDULED)
# Held at some point: the congress took place, whatever its record's review.
HELD_STATES = (UnitState.HELD, UnitState.RETURNED, UnitState.RECOGNISED)


# ---------------------------------------------------------------------------------------
# Seasons and their unions


def open_seasons(today: date | None = None):
    """Seasons that have started and whose term is still running: unions record in them."""
    today = today or timezone.localdate()
    return Season.objects.filter(starts_on__lte=today, term_end__gt=today.year).select_related(
        "unit"
    )


def covers(season: Season, unit: Unit) -> bool:
    return unit.is_within(season.unit)


def seasons_for(unit: Unit, today: date | None = None) -> list[Season]:
    """The open seasons that reach `unit`: organised by it or a unit above it, or (for an
    upper unit) organised below it."""
    return list(
        open_seasons(today).filter(
            Q(unit_id__in=[*unit.ancestor_ids, unit.pk]) | in_subtree(unit, "unit")
        )
    )


def season_units(season: Season, within: Unit | None = None):
    """The grassroots unions the season covers: below its organising unit (and `within`),
    existing on the deadline."""
    units = Unit.objects.subtree(season.unit).grassroots().existing_on(season.deadline)
    if within is not None:
        units = units.filter(in_subtree(within))
    return units


def _held(prefix: str, today: date) -> Q:
    """The congress (reached through `prefix`) has been held: its last day is past, or its
    record was submitted (which needs that)."""
    return (
        Q(**{f"{prefix}review": Review.SUBMITTED})
        | Q(**{f"{prefix}ends_on__lt": today})
        | Q(**{f"{prefix}ends_on__isnull": True, f"{prefix}starts_on__lt": today})
    )


def _state_expression(prefix: str, today: date, *, with_missing: bool) -> Case:
    whens = []
    if with_missing:
        whens.append(When(**{f"{prefix}pk__isnull": True}, then=Value(UnitState.NOT_SCHEDULED)))
    whens += [
        When(**{f"{prefix}review": Review.RECOGNISED}, then=Value(UnitState.RECOGNISED)),
        When(**{f"{prefix}review": Review.RETURNED}, then=Value(UnitState.RETURNED)),
        When(_held(prefix, today), then=Value(UnitState.HELD)),
    ]
    return Case(*whens, default=Value(UnitState.PLANNED), output_field=models.CharField())


def state_of(congress: Congress | None, today: date | None = None) -> UnitState:
    """A union's state in a season, from its congress in it (None: not scheduled)."""
    today = today or timezone.localdate()
    if congress is None:
        return UnitState.NOT_SCHEDULED
    if congress.review == Review.RECOGNISED:
        return UnitState.RECOGNISED
    if congress.review == Review.RETURNED:
        return UnitState.RETURNED
    last_day = congress.ends_on or congress.starts_on
    if congress.review == Review.SUBMITTED or (last_day is not None and last_day < today):
        return UnitState.HELD
    return UnitState.PLANNED


def units_with_state(season: Season, within: Unit, today: date | None = None):
    """The season's unions below `within`, each with `state`, `is_pilot`, its congress in
    the season (`congress_id`, `congress_starts_on`), pilots first, then by name."""
    today = today or timezone.localdate()
    pilots = Season.pilots.through.objects.filter(season_id=season.pk, unit_id=OuterRef("pk"))
    return (
        season_units(season, within)
        .alias(own=FilteredRelation("congresses", condition=Q(congresses__season=season)))
        .annotate(
            state=_state_expression("own__", today, with_missing=True),
            is_pilot=Exists(pilots),
            congress_id=F("own__pk"),
            congress_starts_on=F("own__starts_on"),
        )
        .order_by("-is_pilot", "name", "pk")
    )


def behind(units, season: Season):
    """Of `units_with_state`, those behind: not scheduled, or planned without a date or
    for a day after the deadline."""
    return units.filter(
        Q(state=UnitState.NOT_SCHEDULED)
        | Q(state=UnitState.PLANNED)
        & (Q(congress_starts_on__isnull=True) | Q(congress_starts_on__gt=season.deadline))
    )


# ---------------------------------------------------------------------------------------
# Progress


def _empty_counts() -> dict:
    return {"total": 0, "pilots": 0, "pilots_held": 0, **dict.fromkeys(UnitState.values, 0)}


def _finish(counts: dict) -> dict:
    counts["held_all"] = sum(counts[state] for state in HELD_STATES)
    counts["not_scheduled"] = counts[UnitState.NOT_SCHEDULED]
    counts["held_share"] = (
        round(100 * counts["held_all"] / counts["total"]) if counts["total"] else 0
    )
    counts["bars"] = [
        {
            "state": state,
            "label": state.label,
            "count": counts[state],
            "warning": state in WARNING_STATES,
        }
        for state in STATE_ORDER
    ]
    return counts


def progress(season: Season, unit: Unit, today: date | None = None) -> dict:
    """Where the season stands below `unit`: counts by state for the whole subtree
    (`counts`) and for each unit directly below (`children`). Two queries."""
    today = today or timezone.localdate()
    length = unit.branch_length
    rows = (
        units_with_state(season, unit, today)
        .annotate(branch=Substr("path", 1, length))
        .order_by()
        .values("branch", "state", "is_pilot")
        .annotate(n=Count("pk"))
    )
    totals, branches = _empty_counts(), {}
    for row in rows:
        for target in (totals, branches.setdefault(row["branch"], _empty_counts())):
            target[row["state"]] += row["n"]
            target["total"] += row["n"]
            if row["is_pilot"]:
                target["pilots"] += row["n"]
                if row["state"] in HELD_STATES:
                    target["pilots_held"] += row["n"]
    children = [
        {"unit": child, **_finish(branches[child.path])}
        for child in unit.children.order_by("name").only("name", "path", "parent")
        if child.path in branches
    ]
    return {"counts": _finish(totals), "children": children}


def waiting_for_review(season: Season, unit: Unit, limit: int = 20) -> list[Congress]:
    """The records below `unit` submitted in `season` and not yet reviewed, oldest first."""
    return list(
        Congress.objects.of_season(season)
        .in_subtree(unit)
        .exclude(unit=unit)
        .filter(review=Review.SUBMITTED)
        .select_related("unit")
        .order_by("submitted_at", "pk")[:limit]
    )


def public_season(term: str) -> Season | None:
    """The public season of a term written "2025-2030": the one organised highest up."""
    start, dash, end = term.partition("-")
    if not (dash and start.isdigit() and end.isdigit() and len(start) == len(end) == 4):
        return None
    return (
        Season.objects.filter(is_public=True, term_start=int(start), term_end=int(end))
        .select_related("unit")
        .order_by("unit__path", "pk")
        .first()
    )


def current_public_season(today: date | None = None) -> Season | None:
    """The public season under way today (started, deadline not passed), organised
    highest up."""
    today = today or timezone.localdate()
    return (
        Season.objects.filter(is_public=True, starts_on__lte=today, deadline__gte=today)
        .select_related("unit")
        .order_by("unit__path", "-term_start", "pk")
        .first()
    )


def season_block_context(today: date | None = None) -> dict | None:
    """The home block's counts for the public season under way, or None: how many
    grassroots unions have held their congress, planned it, or not scheduled it yet, how
    many results are recognised, the pilots held, and the days left to the deadline."""
    today = today or timezone.localdate()
    season = current_public_season(today)
    if season is None:
        return None
    counts = progress(season, season.unit, today)["counts"]
    return {
        "season": season,
        "counts": counts,
        "days_left": (season.deadline - today).days,
        "url": season.get_absolute_url(),
    }


# ---------------------------------------------------------------------------------------
# A union's own record


def may_edit_record(user, congress: Congress) -> bool:
    """The union's own officers write its record while it is being recorded or returned."""
    return congress.is_editable_by_unit and scope.is_officer_of(user, congress.unit_id)


def may_review(user, congress: Congress) -> bool:
    """Officers of a unit above the union, or staff who may change congresses."""
    return scope.oversees(user, congress.unit, CHANGE_CONGRESS)


def is_own_submission(user, congress: Congress) -> bool:
    """Who submitted a record never reviews it: another officer above does."""
    return congress.submitted_by_id is not None and congress.submitted_by_id == user.pk


def new_record(season: Season, unit: Unit) -> Congress:
    """An unsaved congress for `unit` in `season`, with what can be suggested: the next
    ordinal, the season's term, the format its size asks for and the members it has."""
    members = Member.objects.active().filter(unit=unit).count()
    last = Congress.objects.filter(unit=unit).aggregate(last=models.Max("ordinal"))["last"]
    return Congress(
        unit=unit,
        season=season,
        ordinal=(last or 0) + 1,
        term_start=season.term_start,
        term_end=season.term_end,
        format=suggested_format(members),
        members_represented=members or None,
        is_public=False,
    )


def record_of(season: Season, unit: Unit) -> Congress | None:
    return Congress.objects.filter(season=season, unit=unit).order_by("pk").first()


@dataclass(frozen=True)
class PositionRow:
    """A position chosen at the new committee's first meeting, as the form gives it."""

    role: str
    full_name: str


def _require_unit_officer(user, unit: Unit) -> None:
    if not scope.is_officer_of(user, unit):
        raise PermissionDenied(_("Only the union's own officers record its congress."))


def _check_new(congress: Congress, today: date) -> None:
    season, unit = congress.season, congress.unit
    if season is None or not unit.kind.is_grassroots or not covers(season, unit):
        raise ValidationError(_("This union does not hold its congress in this season."))
    if not open_seasons(today).filter(pk=season.pk).exists():
        raise ValidationError(_("This season is not open."))
    if Congress.objects.filter(season=season, unit=unit).exists():
        raise ValidationError(_("This union has already recorded its congress in this season."))


@transaction.atomic
def save_record(
    *,
    congress: Congress,
    user,
    positions: list[PositionRow] | None = None,
    uploads: dict | None = None,
    remove: CongressFile | None = None,
) -> Congress:
    """Save a union's record of its congress (new, being recorded or returned) with the
    positions chosen at the first meeting, files to attach (`uploads`: kind → file) and a
    file to remove: all or nothing. A refused file is named under its kind."""
    _require_unit_officer(user, congress.unit)
    today = timezone.localdate()
    if congress.pk is None:
        _check_new(congress, today)
        congress.review, congress.is_public = Review.DRAFT, False
    else:
        stored = Congress.objects.select_for_update().get(pk=congress.pk)
        if not stored.is_editable_by_unit:
            raise ValidationError(_("A submitted record can no longer be changed."))
        congress.review = stored.review
        congress.season_id, congress.unit_id = stored.season_id, stored.unit_id
    save_congress(congress)
    if positions is not None:
        _replace_positions(congress, positions)
    if remove is not None:
        if remove.congress_id != congress.pk:
            raise ValidationError(_("This file is not attached to the record."))
        remove.delete()  # its bytes go once the transaction commits (federation.files)
    for kind, upload in (uploads or {}).items():
        if upload is not None:
            _attach(congress, kind, upload)
    return congress


def _replace_positions(congress: Congress, positions: list[PositionRow]) -> None:
    rows = [row for row in positions if row.full_name.strip()]
    if len(rows) > MAX_POSITIONS:
        raise ValidationError(
            {"positions": _("Record at most %(count)d positions.") % {"count": MAX_POSITIONS}}
        )
    built = [
        Position(congress=congress, role=row.role, full_name=row.full_name.strip(), order=order)
        for order, row in enumerate(rows, start=1)
    ]
    for position in built:
        try:
            position.full_clean(exclude=["congress", "candidate"])
        except ValidationError as error:
            raise ValidationError({"positions": error.messages}) from error
    congress.positions.all().delete()
    Position.objects.bulk_create(built)


def _attach(congress: Congress, kind: str, upload) -> CongressFile:
    """Attach the minutes or the resolution, in place of the one attached before."""
    try:
        if kind not in CongressFile.Paper.values:
            raise ValidationError(_("Unknown kind of file."))
        inspected = inspect_upload(upload)
        previous = congress.files.filter(paper=kind)
        if kind == CongressFile.Paper.OTHER:
            previous = previous.none()
        if (
            congress.files.exclude(pk__in=previous.values("pk"))
            .filter(checksum=inspected.checksum)
            .exists()
        ):
            raise ValidationError(_("This file is already attached to the record."))
        for old in previous:
            old.delete()
        row = CongressFile(congress=congress, paper=kind)
        return store_upload(row, upload, inspected=inspected)
    except ValidationError as error:
        raise ValidationError({kind: error.messages}) from error


def submission_errors(congress: Congress, today: date | None = None) -> dict[str, list[str]]:
    """What a record lacks before it can be submitted, by field."""
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    last_day = congress.ends_on or congress.starts_on
    if congress.starts_on is None:
        errors["starts_on"] = [_("Record the days the congress was held.")]
    elif last_day >= today:
        errors["ends_on" if congress.ends_on else "starts_on"] = [
            _("The congress must have ended before its record is submitted.")
        ]
    kinds = set(congress.files.values_list("paper", flat=True))
    for kind in REQUIRED_FILES:
        if kind not in kinds:
            errors[kind] = [
                _("Attach the %(file)s before submitting.")
                % {"file": CongressFile.Paper(kind).label.lower()}
            ]
    if not congress.positions.filter(role=Position.Role.CHAIR).exists():
        errors["positions"] = [_("Record the chair chosen at the first meeting.")]
    return errors


@transaction.atomic
def submit_record(
    *,
    congress: Congress,
    user,
    positions: list[PositionRow] | None = None,
    uploads: dict | None = None,
) -> Congress:
    """Save the record, then send it to the unit above: the congress is over, the minutes
    and the resolution are attached and the chair is named."""
    congress = save_record(congress=congress, user=user, positions=positions, uploads=uploads)
    errors = submission_errors(congress)
    if errors:
        raise ValidationError(errors)
    congress.review = Review.SUBMITTED
    congress.submitted_at, congress.submitted_by = timezone.now(), user
    congress.save(update_fields=["review", "submitted_at", "submitted_by", "updated_at"])
    recipients = _emails(Officer.objects.filter(unit_id=congress.unit.parent_id))
    transaction.on_commit(lambda: _tell(recipients, _record_arrived, congress))
    return congress


def _review(congress: Congress, user) -> Congress:
    if not may_review(user, congress):
        raise PermissionDenied(_("You may not review this record."))
    stored = Congress.objects.select_for_update().select_related("unit__kind").get(pk=congress.pk)
    if stored.review != Review.SUBMITTED:
        raise ValidationError(_("Only a submitted record can be reviewed."))
    if is_own_submission(user, stored):
        raise PermissionDenied(_("A record is reviewed by someone other than who submitted it."))
    return stored


@transaction.atomic
def recognise_record(*, congress: Congress, user, recognised_on: date | None = None) -> Congress:
    """Recognise the results: the positions chosen at the first meeting become the union's
    leaders in the register from `recognised_on` (today unless given)."""
    today = timezone.localdate()
    recognised_on = recognised_on or today
    congress = _review(congress, user)
    last_day = congress.ends_on or congress.starts_on
    if recognised_on > today:
        raise ValidationError({"recognised_on": _("The date of recognition cannot be ahead.")})
    if last_day is not None and recognised_on < last_day:
        raise ValidationError(
            {"recognised_on": _("The results are recognised after the congress, not before.")}
        )
    congress.review, congress.return_reason = Review.RECOGNISED, ""
    congress.recognised_on = recognised_on
    congress.reviewed_at, congress.reviewed_by = timezone.now(), user
    congress.save(
        update_fields=[
            "review",
            "return_reason",
            "recognised_on",
            "reviewed_at",
            "reviewed_by",
            "updated_at",
        ]
    )
    install_leaders(congress)
    recipients = _emails(Officer.objects.filter(unit_id=congress.unit_id))
    transaction.on_commit(lambda: _tell(recipients, _record_recognised, congress))
    return congress


@transaction.atomic
def return_record(*, congress: Congress, user, reason: str) -> Congress:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say what the union should correct.")})
    congress = _review(congress, user)
    congress.review, congress.return_reason = Review.RETURNED, reason
    congress.reviewed_at, congress.reviewed_by = timezone.now(), user
    congress.save(
        update_fields=["review", "return_reason", "reviewed_at", "reviewed_by", "updated_at"]
    )
    recipients = _emails(Officer.objects.filter(unit_id=congress.unit_id))
    transaction.on_commit(lambda: _tell(recipients, _record_returned, congress))
    return congress


# ---------------------------------------------------------------------------------------
# Reminders


def reminded_today(season: Season, unit: Unit, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    start = timezone.make_aware(datetime.combine(today, datetime.min.time()))
    return SeasonReminder.objects.filter(season=season, unit=unit, sent_at__gte=start).exists()


@transaction.atomic
def remind_behind(*, season: Season, unit: Unit, user) -> int:
    """Mail the officers of the unions below `unit` that are behind in the season (not
    scheduled, or planned after the deadline): at most once a day from each unit."""
    if not scope.may_act_on(user, unit, CHANGE_CONGRESS):
        raise PermissionDenied(_("You may not send reminders for this unit."))
    # One reminder at a time per unit: a second click waits for the first, then sees it.
    Unit.objects.select_for_update().filter(pk=unit.pk).first()
    if reminded_today(season, unit):
        raise ValidationError(
            _("Reminders for this season were already sent from this unit today; try tomorrow.")
        )
    late = behind(units_with_state(season, unit), season).order_by()
    officers = (
        Officer.objects.filter(unit__in=late.values("pk"))
        .exclude(user__email="")
        .select_related("unit")
        .values_list("unit_id", "unit__name", "user__email")
        .order_by("unit_id")
    )
    by_unit: dict[int, tuple[str, list[str]]] = {}
    for unit_id, name, email in officers:
        by_unit.setdefault(unit_id, (name, []))[1].append(email)
    for name, emails in by_unit.values():
        send_mail_later(
            _("Reminder: %(season)s") % {"season": season.name},
            _(
                "%(unit)s has not yet held its congress for the term %(term)s, or plans it "
                "after the deadline of %(deadline)s. Record its date in the officer area."
            )
            % {"unit": name, "term": season.term, "deadline": format_date(season.deadline)},
            emails,
        )
    SeasonReminder.objects.create(season=season, unit=unit, sent_by=user, recipients=len(by_unit))
    return len(by_unit)


# ---------------------------------------------------------------------------------------
# Mails


def _emails(officers) -> list[str]:
    return [email for email in officers.values_list("user__email", flat=True) if email]


def _record_arrived(congress: Congress) -> tuple[str, str]:
    return (
        _("Congress record submitted: %(unit)s") % {"unit": congress.unit.name},
        _(
            "%(unit)s has submitted the record of its congress (%(term)s). Review it in the "
            "officer area."
        )
        % {"unit": congress.unit.name, "term": congress.term},
    )


def _record_returned(congress: Congress) -> tuple[str, str]:
    return (
        _("Congress record returned: %(unit)s") % {"unit": congress.unit.name},
        _("The record of your union's congress (%(term)s) was returned for correction: %(reason)s")
        % {"term": congress.term, "reason": congress.return_reason},
    )


def _record_recognised(congress: Congress) -> tuple[str, str]:
    return (
        _("Congress results recognised: %(unit)s") % {"unit": congress.unit.name},
        _(
            "The unit above recognised the results of your union's congress (%(term)s) on "
            "%(day)s; the new officers are in the register from that day."
        )
        % {"term": congress.term, "day": format_date(congress.recognised_on)},
    )


def _tell(recipients: list[str], message, congress: Congress) -> None:
    if not recipients:
        return
    subject, body = message(congress)
    send_mail_later(subject, body, recipients)
