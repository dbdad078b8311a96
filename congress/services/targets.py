"""The targets of a term and how far each has come, year by year.

A target measured from the records (`Target.measure`) is computed here, never typed: from
the member register (admissions, members), the tree of units (grassroots unions founded)
or the reports the federation accepted (collective agreements, worker dialogues), for the
congress's unit and everything below it, each year of the term up to this one. The
source is named with the figures. Other targets show what staff recorded each year
(`TargetProgress`).

Each measure is one aggregate query for every year at once, whatever the number of
targets; a page showing the targets costs the targets, their recorded progress, and one
query per measure in use. The public pages keep what they measured for a few minutes
(`kept=True`), as /thong-ke/ keeps its figures: a provincial congress's measures count
every member and admission of the province, which would cost more than the rest of its
page on each request.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.cache import cache
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.models import Congress, Target
from federation.text import format_number
from members.models import (
    Member,
    MembershipEvent,
    Report,
    ReportStatus,
    Sector,
    Unit,
    in_subtree,
)

Measure = Target.Measure
ENTERPRISE_SECTORS = (Sector.STATE, Sector.NON_STATE, Sector.FOREIGN)
# Counted during the term: a target for the whole term adds the years up.
FLOWS = (Measure.MEMBERS_ADMITTED, Measure.NEW_GRASSROOTS)
# How long the public pages keep a measure's figures (as members.figures keeps /thong-ke/'s).
MEASURE_CACHE_SECONDS = 300


def format_figure(value: Decimal | int | None) -> str:
    """ "12.000", "45,5": a figure the Vietnamese way, without needless decimals."""
    if value is None:
        return ""
    value = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    whole, _point, decimals = f"{value:.2f}".partition(".")
    decimals = decimals.rstrip("0")
    text = format_number(int(whole))
    return f"{text},{decimals}" if decimals else text


@dataclass(frozen=True)
class YearValue:
    year: int
    value: Decimal

    @property
    def text(self) -> str:
        return format_figure(self.value)


@dataclass(frozen=True)
class TargetStatus:
    """A target with what has been reached, year by year, and where the figures come from."""

    target: Target
    years: tuple[YearValue, ...]
    source: str

    @property
    def latest(self) -> YearValue | None:
        return self.years[-1] if self.years else None

    @property
    def percent(self) -> float:
        """How much of the target the latest value reaches, 0 to 100 (for the bar)."""
        if self.latest is None:
            return 0.0
        if self.target.value <= 0:
            return 100.0
        share = float(self.latest.value) / float(self.target.value) * 100
        return round(min(max(share, 0.0), 100.0), 1)

    @property
    def met(self) -> bool:
        return self.latest is not None and self.latest.value >= self.target.value

    @property
    def value_text(self) -> str:
        return format_figure(self.target.value)


def term_years(congress: Congress, today: date | None = None) -> list[int]:
    """The years of the term that have begun, up to this one."""
    today = today or timezone.localdate()
    return list(range(congress.term_start, min(congress.term_end, today.year) + 1))


def _year_end(year: int, today: date) -> date:
    return min(date(year, 12, 31), today)


def _by_year(rows: Iterable[tuple[int, int]], years: list[int]) -> dict[int, Decimal]:
    counted = dict(rows)
    return {year: Decimal(counted.get(year, 0)) for year in years}


def admitted_by_year(unit: Unit, years: list[int], today: date) -> dict[int, Decimal]:
    """Admissions recorded in the register in the unit's subtree, per year."""
    rows = (
        MembershipEvent.objects.filter(
            in_subtree(unit, "unit"),
            kind=MembershipEvent.Kind.ADMITTED,
            happened_on__gte=date(years[0], 1, 1),
            happened_on__lte=_year_end(years[-1], today),
        )
        .annotate(year=ExtractYear("happened_on"))
        .order_by()
        .values_list("year")
        .annotate(count=Count("pk"))
    )
    return _by_year(rows, years)


def members_by_year(unit: Unit, years: list[int], today: date) -> dict[int, Decimal]:
    """Members of the subtree at the end of each year (today for this year): admitted by
    then and not left by then. One query with a count per year."""
    counts = {}
    for year in years:
        end = _year_end(year, today)
        counts[f"y{year}"] = Count(
            "pk", filter=Q(admitted_on__lte=end) & (Q(left_on__isnull=True) | Q(left_on__gt=end))
        )
    totals = Member.objects.filter(in_subtree(unit, "unit")).aggregate(**counts)
    return {year: Decimal(totals[f"y{year}"] or 0) for year in years}


def founded_by_year(unit: Unit, years: list[int], today: date) -> dict[int, Decimal]:
    """Grassroots unions founded in the subtree, per year."""
    rows = (
        Unit.objects.subtree(unit)
        .grassroots()
        .filter(founded_on__gte=date(years[0], 1, 1), founded_on__lte=_year_end(years[-1], today))
        .annotate(year=ExtractYear("founded_on"))
        .order_by()
        .values_list("year")
        .annotate(count=Count("pk"))
    )
    return _by_year(rows, years)


def _report_share(unit: Unit, years: list[int], holds: Q, *, sectors=None) -> dict[int, Decimal]:
    """Per year, the per cent of the unions with an accepted report for that year whose
    report `holds`; a union reporting twice in a year (half-year and year) counts once.
    Only years with accepted reports have a value."""
    reports = Report.objects.in_subtree(unit).filter(
        status=ReportStatus.ACCEPTED, period__ends_on__year__in=years
    )
    if sectors is not None:
        reports = reports.filter(unit__sector__in=sectors)
    rows = (
        reports.annotate(year=ExtractYear("period__ends_on"))
        .order_by()
        .values_list("year")
        .annotate(
            reporting=Count("unit", distinct=True),
            holding=Count("unit", distinct=True, filter=holds),
        )
    )
    return {
        year: (Decimal(holding * 100) / Decimal(reporting)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )
        for year, reporting, holding in rows
        if reporting
    }


def agreement_share_by_year(unit: Unit, years: list[int], today: date) -> dict[int, Decimal]:
    return _report_share(unit, years, Q(collective_agreement=True), sectors=ENTERPRISE_SECTORS)


def dialogue_share_by_year(unit: Unit, years: list[int], today: date) -> dict[int, Decimal]:
    return _report_share(unit, years, Q(dialogues_held__gt=0))


MEASURES: dict[str, Callable[[Unit, list[int], date], dict[int, Decimal]]] = {
    Measure.MEMBERS_ADMITTED: admitted_by_year,
    Measure.MEMBERS_TOTAL: members_by_year,
    Measure.NEW_GRASSROOTS: founded_by_year,
    Measure.AGREEMENT_SHARE: agreement_share_by_year,
    Measure.DIALOGUE_SHARE: dialogue_share_by_year,
}


def source_of(target: Target, congress: Congress) -> str:
    start = congress.term_start
    if target.measure == Measure.MEMBERS_ADMITTED:
        if target.group == Target.Group.TERM:
            return _("Member register: admissions recorded since 1 January %(year)d") % {
                "year": start
            }
        return _("Member register: admissions recorded each year")
    if target.measure == Measure.MEMBERS_TOTAL:
        return _("Member register: members at the end of each year (today for this year)")
    if target.measure == Measure.NEW_GRASSROOTS:
        if target.group == Target.Group.TERM:
            return _("Register of units: grassroots unions founded since 1 January %(year)d") % {
                "year": start
            }
        return _("Register of units: grassroots unions founded each year")
    if target.measure == Measure.AGREEMENT_SHARE:
        return _(
            "Accepted reports: enterprises (state, non-state and foreign-invested) whose "
            "union reports a collective agreement in force"
        )
    if target.measure == Measure.DIALOGUE_SHARE:
        return _("Accepted reports: grassroots unions that held at least one worker dialogue")
    return _("Recorded by the federation's staff")


def _measured(target: Target, values: dict[int, Decimal]) -> tuple[YearValue, ...]:
    years = sorted(values)
    if target.measure in FLOWS and target.group == Target.Group.TERM:
        running, cumulative = Decimal(0), []
        for year in years:
            running += values[year]
            cumulative.append(YearValue(year, running))
        return tuple(cumulative)
    return tuple(YearValue(year, values[year]) for year in years)


def _recorded(target: Target) -> tuple[YearValue, ...]:
    rows = sorted(target.progress.all(), key=lambda row: row.year)  # prefetched
    return tuple(YearValue(row.year, row.value) for row in rows)


def measured(measure: str, unit: Unit, years: list[int], today: date, *, kept: bool = False):
    """A measure's figures for the unit's subtree, per year; with `kept`, as computed in the
    last MEASURE_CACHE_SECONDS for the same unit, years and day."""
    if not years:
        return {}
    if not kept:
        return MEASURES[measure](unit, years, today)
    key = f"congress:measure:{measure}:{unit.pk}:{years[0]}-{years[-1]}:{today.isoformat()}"
    values = cache.get(key)
    if values is None:
        values = MEASURES[measure](unit, years, today)
        cache.set(key, values, MEASURE_CACHE_SECONDS)
    return values


def targets_progress(
    congress: Congress,
    targets: list[Target] | None = None,
    today: date | None = None,
    *,
    kept: bool = False,
) -> list[TargetStatus]:
    """Every target of the congress with its progress, in the congress's order.

    `targets` may be given already loaded with their `progress` prefetched. With `kept`
    (the public pages), the measured figures may be a few minutes old (`measured`).
    """
    today = today or timezone.localdate()
    if targets is None:
        targets = list(congress.targets.prefetch_related("progress"))
    years = term_years(congress, today)
    in_use = {target.measure for target in targets if target.measure}
    figures = {
        measure: measured(measure, congress.unit, years, today, kept=kept) for measure in in_use
    }
    statuses = []
    for target in targets:
        values = _measured(target, figures[target.measure]) if target.measure else _recorded(target)
        statuses.append(TargetStatus(target, values, source_of(target, congress)))
    return statuses


def current_targets(today: date | None = None) -> dict | None:
    """The targets of the term in force of the top-level unit's latest public congress,
    for the figures page; None when there are none to show."""
    today = today or timezone.localdate()
    tops = list(Unit.objects.filter(parent__isnull=True).values_list("pk", flat=True)[:2])
    if len(tops) != 1:
        return None
    congress = (
        Congress.objects.public()
        .filter(unit_id=tops[0], term_start__lte=today.year)
        .select_related("unit__kind")
        .order_by("-term_start", "-ordinal")
        .first()
    )
    if congress is None:
        return None
    statuses = targets_progress(congress, today=today, kept=True)
    return {"congress": congress, "targets": statuses} if statuses else None
