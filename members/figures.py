"""Public figures computed from the register and from accepted reports; never typed by hand.

Every sum is done by the database (COUNT/SUM with GROUP BY); no personal data leaves
this module, only counts.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear, Substr
from django.utils import timezone

from members.models import (
    Member,
    MembershipEvent,
    MemberStatus,
    Report,
    ReportStatus,
    Sector,
    Unit,
)

CACHE_KEY = "members:public-figures"
CACHE_SECONDS = 300
YEARS_SHOWN = 10


ROW_HEIGHT = 28
BAR_START = 230  # x where bars begin; labels (at most LABEL_LENGTH) are right-aligned before it
BAR_SPACE = 300  # the longest bar's length in the chart's 600-unit width
LABEL_LENGTH = 30


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int  # top of the row in the SVG
    width: float  # length of the bar in the SVG


def bars(pairs: list[tuple[str, int]]) -> dict:
    """Geometry of a horizontal bar chart drawn as SVG on the server (no script, CSP-safe)."""
    largest = max((value for _label, value in pairs), default=0) or 1
    rows = [
        Bar(
            label if len(label) <= LABEL_LENGTH else label[: LABEL_LENGTH - 1] + "…",
            value,
            index * ROW_HEIGHT,
            round(BAR_SPACE * value / largest, 1),
        )
        for index, (label, value) in enumerate(pairs)
    ]
    return {"bars": rows, "height": len(rows) * ROW_HEIGHT, "start": BAR_START}


def public_figures() -> dict:
    """The figures of /thong-ke/ and of the home block, kept for a few minutes."""
    figures = cache.get(CACHE_KEY)
    if figures is None:
        figures = compute_public_figures()
        cache.set(CACHE_KEY, figures, CACHE_SECONDS)
    return figures


def compute_public_figures() -> dict:
    today = timezone.localdate()
    active = Member.objects.filter(status=MemberStatus.ACTIVE)
    headline = active.aggregate(members=Count("pk"), female=Count("pk", filter=Q(gender="female")))
    grassroots = Unit.objects.grassroots().existing_on(today)
    headline["unions"] = grassroots.count()
    headline["female_share"] = (
        round(100 * headline["female"] / headline["members"], 1) if headline["members"] else 0
    )

    unions_by_sector = dict(grassroots.values_list("sector").annotate(n=Count("pk")))
    members_by_sector = {
        row["unit__sector"]: row
        for row in active.values("unit__sector").annotate(
            members=Count("pk"), female=Count("pk", filter=Q(gender="female"))
        )
    }
    by_sector = [
        {
            "label": label,
            "unions": unions_by_sector.get(value, 0),
            "members": members_by_sector.get(value, {}).get("members", 0),
            "female": members_by_sector.get(value, {}).get("female", 0),
        }
        for value, label in Sector.choices
    ]

    by_branch = _by_second_level(active)
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


def _by_second_level(active) -> list[dict]:
    """Members under each unit directly below the top of the tree: one GROUP BY on the path."""
    tops = list(Unit.objects.filter(parent__isnull=True).only("path"))
    if len(tops) != 1:
        return []
    top = tops[0]
    branches = list(top.children.filter(dissolved_on__isnull=True).only("name", "path", "parent"))
    if not branches:
        return []
    length = len(branches[0].path)
    counts = {
        row["branch"]: row
        for row in active.filter(unit__path__startswith=top.path)
        .annotate(branch=Substr("unit__path", 1, length))
        .values("branch")
        .annotate(members=Count("pk"), female=Count("pk", filter=Q(gender="female")))
    }
    rows = [
        {
            "name": branch.name,
            "members": counts.get(branch.path, {}).get("members", 0),
            "female": counts.get(branch.path, {}).get("female", 0),
        }
        for branch in branches
    ]
    return sorted(rows, key=lambda row: -row["members"])
