"""A congress itself: its derived stage, the rules that read other rows, saving it, and
handing the leadership it chose to the register."""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.models import (
    GRASSROOTS_SHORTEST_TERM,
    TERM_YEARS,
    Congress,
    Format,
    Position,
    Review,
    Stage,
    Subcommittee,
)
from federation.images import Rendition, follow_source
from federation.text import slugify_vi
from members import services as member_services
from members.models import Leader, Member

COVER_RENDITIONS = {
    "cover_small": Rendition("small", 480),
    "cover_large": Rendition("large", 1024),
}

# A union of this many members or more holds a delegates' congress unless it says why not.
ALL_MEMBERS_BELOW = 150

# Position chosen at the first meeting -> the register's leader role.
LEADER_ROLES = {
    Position.Role.CHAIR: Leader.Role.CHAIR,
    Position.Role.VICE_CHAIR: Leader.Role.VICE_CHAIR,
    Position.Role.STANDING: Leader.Role.STANDING,
    Position.Role.INSPECTION_CHAIR: Leader.Role.INSPECTION_CHAIR,
}


def preparation_days() -> int:
    return getattr(settings, "CONGRESS_PREPARATION_DAYS", 180)


def stage_of(congress: Congress, today: date | None = None) -> Stage:
    """Planned, preparing (within the preparation window, or its subcommittees at work),
    in session, held, or results recognised: read from the dates and the record."""
    today = today or timezone.localdate()
    if congress.review == Review.RECOGNISED or congress.recognised_on:
        return Stage.RECOGNISED
    if congress.starts_on is None:
        return Stage.PLANNED
    ends_on = congress.ends_on or congress.starts_on
    if ends_on < today:
        return Stage.HELD
    if congress.starts_on <= today:
        return Stage.IN_SESSION
    if congress.starts_on - today <= timedelta(days=preparation_days()):
        return Stage.PREPARING
    prepared = getattr(congress, "has_subcommittees", None)
    if prepared is None:
        prepared = congress.pk is not None and congress.subcommittees.exists()
    return Stage.PREPARING if prepared else Stage.PLANNED


def stage_condition(stage: Stage, today: date | None = None) -> Q:
    """stage_of as a query condition, for lists and filters: the same rule, read by the
    database (tests check that both agree for every stage)."""
    today = today or timezone.localdate()
    recognised = Q(review=Review.RECOGNISED) | Q(recognised_on__isnull=False)
    if stage == Stage.RECOGNISED:
        return recognised
    open_ = ~recognised
    held = Q(starts_on__isnull=False) & (
        Q(ends_on__lt=today) | Q(ends_on__isnull=True, starts_on__lt=today)
    )
    if stage == Stage.HELD:
        return open_ & held
    in_session = Q(starts_on__lte=today) & ~held
    if stage == Stage.IN_SESSION:
        return open_ & in_session
    soon = Q(starts_on__gt=today, starts_on__lte=today + timedelta(days=preparation_days()))
    at_work = Q(starts_on__gt=today) & Q(
        Exists(Subcommittee.objects.filter(congress=OuterRef("pk")))
    )
    if stage == Stage.PREPARING:
        return open_ & (soon | at_work)
    return open_ & (Q(starts_on__isnull=True) | (Q(starts_on__gt=today) & ~soon & ~at_work))


def suggested_format(members: int) -> Format:
    return Format.DELEGATES if members >= ALL_MEMBERS_BELOW else Format.ALL_MEMBERS


def check_congress(congress: Congress) -> None:
    """The rules that read other rows, as one ValidationError naming the fields."""
    congress.clean()
    errors: dict[str, str] = {}
    unit = congress.unit
    length = congress.term_end - congress.term_start
    shortest = GRASSROOTS_SHORTEST_TERM if unit.kind.is_grassroots else TERM_YEARS
    if not shortest <= length <= TERM_YEARS:
        errors["term_end"] = (
            _("A term lasts %(years)d years.") % {"years": TERM_YEARS}
            if shortest == TERM_YEARS
            else _("A grassroots union's term lasts %(low)d to %(high)d years.")
            % {"low": shortest, "high": TERM_YEARS}
        )
    others = Congress.objects.filter(unit=unit).exclude(pk=congress.pk)
    if others.filter(ordinal=congress.ordinal).exists():
        errors["ordinal"] = _("This unit already has a congress with this ordinal.")
    else:
        before = others.filter(ordinal__lt=congress.ordinal).order_by("-ordinal").first()
        after = others.filter(ordinal__gt=congress.ordinal).order_by("ordinal").first()
        if before and before.term_start >= congress.term_start:
            errors["ordinal"] = _(
                "Congress no. %(roman)s of this unit began its term in %(year)d: a later "
                "ordinal needs a later term."
            ) % {"roman": before.ordinal_roman, "year": before.term_start}
        elif after and after.term_start <= congress.term_start:
            errors["ordinal"] = _(
                "Congress no. %(roman)s of this unit began its term in %(year)d: an earlier "
                "ordinal needs an earlier term."
            ) % {"roman": after.ordinal_roman, "year": after.term_start}
        elif before and before.term_end > congress.term_start:
            errors["term_start"] = _(
                "The term overlaps the previous one (%(term)s): it starts in %(year)d at the "
                "earliest."
            ) % {"term": before.term, "year": before.term_end}
        elif after and congress.term_end > after.term_start:
            errors["term_end"] = _(
                "The term overlaps the next one (%(term)s): it ends in %(year)d at the latest."
            ) % {"term": after.term, "year": after.term_start}
    if (
        congress.format == Format.ALL_MEMBERS
        and congress.members_represented is not None
        and congress.members_represented >= ALL_MEMBERS_BELOW
        and not congress.format_reason.strip()
    ):
        errors["format_reason"] = _(
            "A union of %(count)d members or more holds a delegates' congress: say why this "
            "one is an all-members congress."
        ) % {"count": ALL_MEMBERS_BELOW}
    if errors:
        raise ValidationError(errors)


def unique_slug(congress: Congress) -> str:
    base = slugify_vi(
        f"dai hoi {congress.unit.short_name or congress.unit.name} "
        f"{congress.term_start} {congress.term_end}",
        max_length=180,
    )
    slug, number = base, 2
    while Congress.objects.filter(slug=slug).exclude(pk=congress.pk).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


@transaction.atomic
def save_congress(congress: Congress) -> Congress:
    """Check a congress against its unit's other congresses and save it (with a slug and
    the renditions of its cover picture)."""
    check_congress(congress)
    if not congress.slug:
        congress.slug = unique_slug(congress)
    congress.full_clean(exclude=["cover"] if not congress.cover else None)
    stored = Congress.objects.filter(pk=congress.pk).values_list("cover", flat=True).first()
    congress.save()
    follow_source(congress, congress.cover, COVER_RENDITIONS, changed=stored != congress.cover.name)
    return congress


@transaction.atomic
def install_leaders(congress: Congress) -> list[Leader]:
    """The positions chosen at the first meeting become the unit's leadership in the
    register from the day the results were recognised (members.services)."""
    if not congress.recognised_on:
        raise ValidationError(_("The results must be recognised before the new officers start."))
    positions = list(congress.positions.select_related("candidate__member"))
    if not any(position.role == Position.Role.CHAIR for position in positions):
        raise ValidationError(_("Record the chair chosen at the first meeting."))
    leaders = [
        Leader(
            full_name=position.full_name,
            member=_member_of(position),
            role=LEADER_ROLES[position.role],
            order=position.order,
        )
        for position in positions
    ]
    return member_services.install_leadership(
        unit=congress.unit, leaders=leaders, since=congress.recognised_on, source=congress.title
    )


def _member_of(position: Position) -> Member | None:
    candidate = position.candidate
    return candidate.member if candidate is not None else None
