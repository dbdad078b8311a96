"""Figures from the register: sums done by the database, never typed by hand.

The register's counts per unit, over a subtree and by branch; what the register says
for a unit's report (register_figures); and where a reporting round stands (progress).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Q
from django.db.models.functions import Substr
from django.utils import timezone

from members.models import (
    Member,
    MembershipEvent,
    MemberStatus,
    Report,
    ReportPeriod,
    ReportStatus,
    Unit,
)

Event = MembershipEvent.Kind

# ---------------------------------------------------------------------------------------
# Figures from the register (sums done by the database)


def _figure_counts(year: int) -> dict:
    """How the register's figures are counted: active, active women, active admitted in `year`."""
    return {
        "members": Count("pk", filter=Q(status=MemberStatus.ACTIVE)),
        "female": Count("pk", filter=Q(status=MemberStatus.ACTIVE, gender="female")),
        "admitted": Count("pk", filter=Q(status=MemberStatus.ACTIVE, admitted_on__year=year)),
    }


def member_figures(members, *, year: int | None = None) -> dict:
    """The figures of a set of members, in one query."""
    return members.aggregate(**_figure_counts(year or timezone.localdate().year))


FIGURE_KEYS = ("members", "female", "admitted")


def counts_by_unit(units, *, year: int) -> dict[int, dict]:
    """Active members, female members and those admitted in `year`, per unit.

    One GROUP BY on the member's unit id, with no join: the database counts, and callers
    add up these per-unit rows (never members) by branch or sector.
    """
    rows = (
        Member.objects.filter(unit_id__in=units.values("pk"))
        .values("unit_id")
        .annotate(**_figure_counts(year))
    )
    return {row["unit_id"]: row for row in rows}


def unit_figures(unit: Unit, *, year: int | None = None) -> tuple[dict, list[dict]]:
    """The figures of a unit's whole subtree, and of each unit directly below it."""
    year = year or timezone.localdate().year
    subtree = Unit.objects.subtree(unit)
    counts = counts_by_unit(subtree, year=year)
    children = list(unit.children.select_related("kind").order_by("name"))
    paths = dict(subtree.filter(pk__in=list(counts)).values_list("pk", "path")) if counts else {}
    branch_length = unit.branch_length
    totals = dict.fromkeys(FIGURE_KEYS, 0)
    branches = {child.path: dict.fromkeys(FIGURE_KEYS, 0) for child in children}
    for unit_id, row in counts.items():
        branch = branches.get(paths[unit_id][:branch_length])
        for key in FIGURE_KEYS:
            totals[key] += row[key]
            if branch is not None:
                branch[key] += row[key]
    return totals, [{"unit": child, **branches[child.path]} for child in children]


def subtree_figures(unit: Unit, *, year: int | None = None) -> dict:
    """The figures of a unit's whole subtree: one query."""
    year = year or timezone.localdate().year
    counts = counts_by_unit(Unit.objects.subtree(unit), year=year)
    return {key: sum(row[key] for row in counts.values()) for key in FIGURE_KEYS}


def children_figures(unit: Unit, *, year: int | None = None) -> list[dict]:
    """Each unit directly below `unit`, with the sums of its whole subtree."""
    return unit_figures(unit, year=year)[1]


@dataclass(frozen=True)
class ReportFigureSource:
    """Another app that knows some figures of a union's report (welfare: the members
    given welfare and the amount). The register does not import it: the app registers
    its source in its AppConfig.ready() with `register_report_source`.

    `provider(units, period)` answers {unit id: {figure: value}} for the units it knows
    something of; a unit it leaves out keeps the figure the union types. `label` names
    the source beside the figures on the report form. A figure that differs from its
    source needs no note: a union also reports what it gave outside that source.
    """

    key: str
    label: str
    figures: tuple[str, ...]
    provider: Callable


_REPORT_SOURCES: dict[str, ReportFigureSource] = {}


def register_report_source(source: ReportFigureSource) -> None:
    _REPORT_SOURCES[source.key] = source


def figure_sources() -> dict[str, ReportFigureSource]:
    """{figure name: its source} for the figures another app prefills."""
    return {name: source for source in _REPORT_SOURCES.values() for name in source.figures}


def register_figures(units, period: ReportPeriod) -> dict[int, dict]:
    """What the register knows for each unit's report: one query for members, one for
    events, and one for each registered source of other figures."""
    unit_ids = [unit.pk for unit in units]
    figures = {
        row["unit"]: row
        for row in Member.objects.filter(unit__in=unit_ids, status=MemberStatus.ACTIVE)
        .values("unit")
        .annotate(
            total_members=Count("pk"),
            female_members=Count("pk", filter=Q(gender="female")),
        )
    }
    events = {
        row["unit"]: row
        for row in MembershipEvent.objects.filter(
            unit__in=unit_ids, happened_on__range=(period.starts_on, period.ends_on)
        )
        .values("unit")
        .annotate(
            admitted=Count("pk", filter=Q(kind=Event.ADMITTED)),
            left=Count("pk", filter=Q(kind=Event.LEFT)),
        )
    }
    result = {}
    for unit in units:
        members = figures.get(unit.pk, {})
        moves = events.get(unit.pk, {})
        total = members.get("total_members", 0)
        # The report's rule is admitted, left ≤ total; a union that shrank within the
        # period gets the register's figures capped, to correct with a note if need be.
        result[unit.pk] = {
            "total_members": total,
            "female_members": members.get("female_members", 0),
            "admitted": min(moves.get("admitted", 0), total),
            "left": min(moves.get("left", 0), total),
            "employees": unit.employees
            if unit.employees is None or unit.employees >= total
            else None,
        }
    for source in _REPORT_SOURCES.values():
        known = source.provider(units, period)
        for unit in units:
            figures = known.get(unit.pk) or {}
            result[unit.pk].update(
                {name: value for name, value in figures.items() if name in source.figures}
            )
    return result


# ---------------------------------------------------------------------------------------
# Where a reporting round stands


def _progress_counts() -> dict:
    return {
        "total": Count("pk"),
        "accepted": Count("pk", filter=Q(status=ReportStatus.ACCEPTED)),
        "submitted": Count("pk", filter=Q(status=ReportStatus.SUBMITTED)),
        "returned": Count("pk", filter=Q(status=ReportStatus.RETURNED)),
    }


def _with_waiting(counts: dict) -> dict:
    """`waiting`: reports neither submitted nor accepted (drafts and returned ones)."""
    return {**counts, "waiting": counts["total"] - counts["accepted"] - counts["submitted"]}


def report_progress(reports) -> dict:
    """Counts of a set of reports by stage."""
    return _with_waiting(reports.aggregate(**_progress_counts()))


def progress_by_period(unit: Unit, periods) -> dict[int, dict]:
    """The same counts below `unit` for several periods at once: one GROUP BY."""
    rows = (
        Report.objects.in_subtree(unit)
        .filter(period__in=periods)
        .values("period")
        .annotate(**_progress_counts())
    )
    return {row["period"]: _with_waiting(row) for row in rows}


def progress_by_child(unit: Unit, period: ReportPeriod) -> list[dict]:
    """For each unit directly below `unit`, its reports by stage: one GROUP BY on the path."""
    children = list(unit.children.order_by("name").only("name", "path", "parent"))
    if not children:
        return []
    length = unit.branch_length
    rows = (
        Report.objects.in_subtree(unit)
        .filter(period=period)
        .exclude(unit_path=unit.path)
        .annotate(branch=Substr("unit_path", 1, length))
        .values("branch")
        .annotate(**_progress_counts())
    )
    by_branch = {row["branch"]: row for row in rows}
    return [
        {"unit": child, **_with_waiting(by_branch[child.path])}
        for child in children
        if child.path in by_branch
    ]
