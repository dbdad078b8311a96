"""Reads of the officer area: what its pages list and count, from plain values.

Each function takes a unit (already checked with members.scope), filter values or a
date, never the request, and changes nothing; the pages call them, and a JSON API can
call the same ones. Their queries are counted in tests/members/test_queries.py: the
number must not grow with the register.

The public figures (/thong-ke/, the home block) are read by members.figures
(`public_figures`, `register_size`); the register's counts and a round's progress by
members.services.figures.
"""

from datetime import date

from members.models import Member, Report, ReportPeriod, Unit
from members.services.figures import (
    progress_by_child,
    progress_by_period,
    report_progress,
    unit_figures,
)

MISSING_SHOWN = 100


def unit_members(unit: Unit, *, text: str = "", status: str = "", gender: str = ""):
    """The members of `unit` and of every unit below it, in the register's order
    (given name first), with their unit: those whose name or card number matches `text`,
    of `status` and of `gender` when given."""
    members = Member.objects.in_subtree(unit).select_related("unit").matching(text or "")
    if status:
        members = members.filter(status=status)
    if gender:
        members = members.filter(gender=gender)
    return members.order_by("sort_name", "pk")


def members_to_export(unit: Unit):
    """The members of `unit` and below, for the personal-data export."""
    return Member.objects.in_subtree(unit)


def member_history(member: Member):
    """A member's recorded changes, latest first."""
    return member.events.select_related("unit", "other_unit").order_by("-happened_on", "-pk")


def top_units() -> list[Unit]:
    """The tops of the tree, for staff who choose where to start."""
    return list(Unit.objects.filter(parent__isnull=True).select_related("kind"))


def dashboard(unit: Unit, *, today: date) -> dict:
    """A unit's dashboard: its figures and those of each unit directly below it (`year`,
    `figures`, `children`), and each open reporting period with the unit's own report
    and, above the grassroots, how far the units below have got (`open_periods`)."""
    periods = list(ReportPeriod.objects.filter(is_open=True).order_by("deadline"))
    reports = {
        report.period_id: report for report in Report.objects.filter(unit=unit, period__in=periods)
    }
    progress = progress_by_period(unit, periods) if periods and not unit.kind.is_grassroots else {}
    open_periods = [
        {
            "period": period,
            "report": reports.get(period.pk),
            "progress": progress.get(period.pk),
            "overdue": period.deadline < today,
        }
        for period in periods
    ]
    figures, children = unit_figures(unit, year=today.year)
    return {
        "year": today.year,
        "figures": figures,
        "children": children,
        "open_periods": open_periods,
    }


def period_reports(unit: Unit, period: ReportPeriod):
    """The reports of `unit` and the units below it for `period`, for a paged list."""
    return (
        Report.objects.in_subtree(unit)
        .filter(period=period)
        .select_related("unit")
        .order_by("status", "unit__name", "pk")
    )


def period_progress(unit: Unit, period: ReportPeriod) -> dict:
    """Where a reporting round stands below `unit`: counts by stage (`counts`), by unit
    directly below (`children`), and the units that have not submitted (`missing`, the
    first MISSING_SHOWN by name, and `missing_count`)."""
    reports = Report.objects.in_subtree(unit).filter(period=period)
    missing = reports.waiting()
    return {
        "counts": report_progress(reports),
        "children": progress_by_child(unit, period),
        "missing": missing.select_related("unit").order_by("unit__name")[:MISSING_SHOWN],
        "missing_count": missing.count(),
    }
