"""Public figures computed from the register and from accepted reports; never typed by hand.

Every sum is done by the database (COUNT/SUM with GROUP BY); no personal data leaves
this module, only counts.
"""

import textwrap
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone

from members.models import (
    Member,
    MembershipEvent,
    Report,
    ReportStatus,
    Sector,
    Unit,
    path_segment,
)
from members.services.figures import counts_by_unit

CACHE_KEY = "members:public-figures"
CACHE_SECONDS = 300
YEARS_SHOWN = 10


# Chart geometry in CSS pixels: the SVG has no viewBox, so nothing is scaled down on a
# phone. Each label has its own line(s) above its bar, wrapped on the server, so the bars
# keep the whole width and no label is ever cut.
LABEL_WRAP = 40  # characters a label line holds: fits a 320 px wide chart at 14 px
LINE_HEIGHT = 18  # of a label line
LABEL_GAP = 4  # between the label and its bar
BAR_HEIGHT = 18
ROW_GAP = 12  # below a bar
BAR_SPACE = 78  # per cent of the width the longest bar takes; the value is written after it


@dataclass(frozen=True)
class Bar:
    lines: tuple[str, ...]  # the label, wrapped
    value: int
    label_y: int  # baseline of the label's first line
    bar_y: int  # top of the bar
    share: float  # length of the bar, per cent of the chart's width

    @property
    def label(self) -> str:
        return " ".join(self.lines)

    @property
    def value_y(self) -> int:
        return self.bar_y + BAR_HEIGHT - 4


def bars(pairs: list[tuple[str, int]]) -> dict:
    """Geometry of a horizontal bar chart drawn as SVG on the server (no script, CSP-safe)."""
    largest = max((value for _label, value in pairs), default=0) or 1
    rows, top = [], 0
    for label, value in pairs:
        lines = tuple(textwrap.wrap(label, LABEL_WRAP, break_long_words=False)) or ("",)
        bar_y = top + len(lines) * LINE_HEIGHT + LABEL_GAP
        rows.append(
            Bar(
                lines=lines,
                value=value,
                label_y=top + LINE_HEIGHT - 4,
                bar_y=bar_y,
                share=round(BAR_SPACE * value / largest, 1),
            )
        )
        top = bar_y + BAR_HEIGHT + ROW_GAP
    return {"bars": rows, "height": top, "line_height": LINE_HEIGHT}


def public_figures() -> dict:
    """The figures of /thong-ke/ and of the home block, kept for a few minutes."""
    figures = cache.get(CACHE_KEY)
    if figures is None:
        figures = compute_public_figures()
        cache.set(CACHE_KEY, figures, CACHE_SECONDS)
    return figures


def register_size(unit_name: str | None = None, *, on=None) -> dict:
    """How big the register says the federation (or the union named `unit_name`) is:
    active members, existing grassroots unions and those by sector; and, from 1 January
    to the day `on` (today unless given), the admissions recorded and the grassroots
    unions founded.

    For texts that state these figures (the demo's introduction and news), so they are
    read from the register, never typed. An unknown name counts nothing.
    """
    on = on or timezone.localdate()
    units = Unit.objects.all()
    if unit_name is not None:
        unit = Unit.objects.filter(name=unit_name).order_by("pk").first()
        units = Unit.objects.subtree(unit) if unit is not None else Unit.objects.none()
    unions = units.grassroots().existing_on(on)
    by_sector = dict(unions.order_by().values_list("sector").annotate(n=Count("pk")))
    year_so_far = (on.replace(month=1, day=1), on)
    return {
        "members": Member.objects.active().filter(unit__in=units).count(),
        "unions": sum(by_sector.values()),
        "unions_by_sector": {sector: by_sector.get(sector, 0) for sector in Sector.values},
        "admitted": MembershipEvent.objects.filter(
            unit__in=units, kind=MembershipEvent.Kind.ADMITTED, happened_on__range=year_so_far
        ).count(),
        "founded": unions.filter(founded_on__range=year_so_far).count(),
    }


def compute_public_figures() -> dict:
    """Counts per unit in one pass over the members, rolled up by sector and branch."""
    today = timezone.localdate()
    counts = counts_by_unit(Unit.objects.all(), year=today.year)
    units = list(Unit.objects.values_list("pk", "path", "sector", "parent_id"))
    tops = [path for _pk, path, _sector, parent in units if parent is None]
    top = tops[0] if len(tops) == 1 else None
    branch_names = (
        dict(
            Unit.objects.filter(parent__path=top, dissolved_on__isnull=True).values_list(
                "path", "name"
            )
        )
        if top
        else {}
    )
    branch_length = len(top) + len(path_segment(0)) if top else 0
    empty = {"members": 0, "female": 0}
    headline = dict(empty)
    sectors = {value: {**empty, "unions": 0} for value in Sector.values}
    branches = {path: dict(empty) for path in branch_names}
    for pk, path, sector, _parent in units:
        row = counts.get(pk)
        if row is None:
            continue
        targets = [headline, sectors.get(sector), branches.get(path[:branch_length])]
        for target in filter(None, targets):
            target["members"] += row["members"]
            target["female"] += row["female"]
    grassroots = Unit.objects.grassroots().existing_on(today)
    for sector, number in grassroots.values_list("sector").annotate(n=Count("pk")):
        if sector in sectors:
            sectors[sector]["unions"] = number
    headline["unions"] = grassroots.count()
    headline["female_share"] = (
        round(100 * headline["female"] / headline["members"], 1) if headline["members"] else 0
    )
    by_sector = [{"label": label, **sectors[value]} for value, label in Sector.choices]
    by_branch = sorted(
        ({"name": branch_names[path], **row} for path, row in branches.items()),
        key=lambda row: -row["members"],
    )
    admitted_by_year = dict(
        MembershipEvent.objects.filter(
            kind=MembershipEvent.Kind.ADMITTED, happened_on__year__gt=today.year - YEARS_SHOWN
        )
        .annotate(year=ExtractYear("happened_on"))
        .values_list("year")
        .annotate(n=Count("pk"))
    )
    years = list(range(today.year - YEARS_SHOWN + 1, today.year + 1))
    # One source for "admitted this year": the admissions recorded, as in the chart below.
    headline["admitted"] = admitted_by_year.get(today.year, 0)
    reported = list(
        Report.objects.filter(status=ReportStatus.ACCEPTED)
        .values("period__name", "period__ends_on")
        .annotate(
            unions=Count("pk"),
            members=Sum("total_members"),
            female=Sum("female_members"),
            admitted=Sum("admitted"),
        )
        .order_by("period__ends_on")
    )
    return {
        "as_of": today,
        "headline": headline,
        "by_sector": by_sector,
        "sector_chart": bars([(str(row["label"]), row["members"]) for row in by_sector]),
        "by_branch": by_branch,
        "branch_chart": bars([(row["name"], row["members"]) for row in by_branch]),
        "admitted_by_year": [(year, admitted_by_year.get(year, 0)) for year in years],
        "year_chart": bars([(str(year), admitted_by_year.get(year, 0)) for year in years]),
        "reported": reported,
    }
