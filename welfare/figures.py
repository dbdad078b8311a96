"""What the public pages say of welfare: the headline of a programme's totals, the
figures of /thong-ke/, the houses by step. Only sums and counts leave this module: never
a beneficiary, a name or an ID number.

Every total counts approved and handed-over grants only (welfare.services), of public
programmes only; the sums are done by the database, a fixed number of queries each.
"""

from django.core.cache import cache
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from federation import pagecache
from federation.text import format_money_short, format_number
from members.models import Unit
from welfare import services
from welfare.models import COUNTED, Behaviour, HousingAid, Loan, Programme

CACHE_SECONDS = 300


def loan_totals_by_programme(programmes) -> dict[int, dict]:
    """{programme id: loans, đồng lent, jobs created} of these loan programmes (one query)."""
    rows = (
        Loan.objects.filter(programme__in=programmes)
        .values("programme_id")
        .annotate(
            beneficiaries=Count("pk"),
            amount=Coalesce(Sum("principal"), 0),
            jobs=Coalesce(Sum("jobs_created"), 0),
        )
    )
    return {row["programme_id"]: row for row in rows}


def headline(programme: Programme, totals: dict | None) -> str:
    """ "5.196 suất quà đã duyệt, trị giá 2,87 tỷ đồng"; "111 nhà Mái ấm Công đoàn đã duyệt,
    4,1 tỷ đồng": what is approved (or handed over), said so, as a programme still open is
    read beside its plan (the news of a Tết programme gives the gifts it plans)."""
    behaviour = programme.kind.behaviour
    if behaviour == Behaviour.PARTNERS:
        return ""
    if not totals or not totals.get("beneficiaries"):
        if behaviour == Behaviour.LOAN:
            return _("No loans yet.")
        return _("Nothing approved yet.")
    amount = format_money_short(totals["amount"])
    count = totals["beneficiaries"]
    if behaviour == Behaviour.HOUSING:
        return ngettext(
            "%(count)s house of %(kind)s approved, %(amount)s",
            "%(count)s houses of %(kind)s approved, %(amount)s",
            count,
        ) % {"count": format_number(count), "kind": programme.kind.name, "amount": amount}
    if behaviour == Behaviour.SCHOLARSHIP:
        return ngettext(
            "%(count)s scholarship approved, %(amount)s",
            "%(count)s scholarships approved, %(amount)s",
            count,
        ) % {"count": format_number(count), "amount": amount}
    if behaviour == Behaviour.LOAN:
        return ngettext(
            "%(count)s loan, %(amount)s lent", "%(count)s loans, %(amount)s lent", count
        ) % {"count": format_number(count), "amount": amount}
    places = totals["places"]
    return ngettext(
        "%(places)s gift approved, worth %(amount)s",
        "%(places)s gifts approved, worth %(amount)s",
        places,
    ) % {"places": format_number(places), "amount": amount}


def totals_for(programmes: list[Programme], grants: dict[int, dict] | None = None) -> dict:
    """The totals of these programmes: grants, or loans for loan programmes (two queries).
    `grants`, the grants' totals by programme (totals_by_programme) when the caller has
    them already, saves summing the grants again."""
    loans = [p.pk for p in programmes if p.kind.behaviour == Behaviour.LOAN]
    others = [p.pk for p in programmes if p.kind.behaviour != Behaviour.LOAN]
    if grants is not None:
        totals = {pk: grants[pk] for pk in others if pk in grants}
    else:
        totals = services.totals_by_programme(others) if others else {}
    if loans:
        totals.update(loan_totals_by_programme(loans))
    return totals


# Where a house stands, for the public: the step it reached, in order.
HOUSE_STEPS = (
    ("handed-over", Q(handed_over_on__isnull=False)),
    ("building", Q(handed_over_on__isnull=True, work_started_on__isnull=False)),
    (
        "surveyed",
        Q(handed_over_on__isnull=True, work_started_on__isnull=True, surveyed_on__isnull=False),
    ),
    (
        "waiting",
        Q(handed_over_on__isnull=True, work_started_on__isnull=True, surveyed_on__isnull=True),
    ),
)


def house_step_labels() -> dict[str, str]:
    return {
        "waiting": _("Approved, survey to come"),
        "surveyed": _("Surveyed"),
        "building": _("Under construction"),
        "handed-over": _("Handed over"),
    }


def houses_by_step(programme: Programme) -> list[dict]:
    """The approved houses of a housing programme by the step they reached (one query)."""
    counts = HousingAid.objects.filter(
        grant__programme=programme, grant__status__in=COUNTED
    ).aggregate(**{key: Count("pk", filter=condition) for key, condition in HOUSE_STEPS})
    labels = house_step_labels()
    order = ("waiting", "surveyed", "building", "handed-over")
    return [{"key": key, "label": labels[key], "count": counts[key]} for key in order]


# ---------------------------------------------------------------------------------------
# /thong-ke/


def _top_unit() -> Unit | None:
    tops = list(Unit.objects.filter(parent__isnull=True).order_by("pk")[:2])
    return tops[0] if len(tops) == 1 else None


# The longest bar takes this share of the room members.figures gives it, so that its
# value ("102,5 triệu", longer than a count) still fits beside it on a phone.
BAR_SCALE = 0.8


def _chart(rows: list[dict], label) -> dict:
    """A bar chart of the đồng of each row, its value said the short way ("2,87 tỷ"); the
    section's heading says the unit."""
    from members.figures import bars

    chart = bars([(label(row), row["amount"]) for row in rows])
    chart["bars"] = [
        {
            "bar": bar,
            "share": round(bar.share * BAR_SCALE, 1),
            "shown": format_money_short(row["amount"]).removesuffix(" đồng"),
        }
        for bar, row in zip(chart["bars"], rows, strict=True)
    ]
    return chart


def compute_welfare_figures() -> dict | None:
    """Totals of public programmes by kind, by year and by second-level unit (5 queries):
    the grants are summed twice, by programme (added up here by kind and by year) and
    by branch."""
    programmes = list(Programme.objects.public().select_related("kind"))
    rows = services.totals_by_programme(programmes).values()
    by_kind = services.totals_by_kind_of(programmes, rows)
    if not by_kind:
        return None
    by_year = services.totals_by_year_of(programmes, rows)
    top = _top_unit()
    by_branch = services.totals_by_branch(top, programmes) if top else []
    by_branch = [
        {"name": row["unit"].name, **{k: v for k, v in row.items() if k != "unit"}}
        for row in by_branch
    ]
    by_branch.sort(key=lambda row: -row["amount"])
    return {
        "headline": {
            "places": sum(row["places"] for row in by_kind),
            "amount": sum(row["amount"] for row in by_kind),
            "beneficiaries": sum(row["beneficiaries"] for row in by_kind),
        },
        "by_kind": by_kind,
        "kind_chart": _chart(by_kind, lambda row: row["programme__kind__name"]),
        "by_year": by_year,
        "year_chart": _chart(by_year, lambda row: str(row["programme__year"])),
        "by_branch": by_branch,
        "branch_chart": _chart(by_branch, lambda row: row["name"]),
    }


def welfare_figures() -> dict | None:
    """The welfare figures of /thong-ke/, kept for a few minutes; a change of a programme
    (made public or hidden, say) starts a new page-cache generation and is read afresh."""
    key = f"welfare:public-figures:{pagecache.generation()}"
    figures = cache.get(key)
    if figures is None:
        figures = compute_welfare_figures() or False
        cache.set(key, figures, CACHE_SECONDS)
    return figures or None
