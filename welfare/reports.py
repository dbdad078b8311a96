"""The welfare figures of a union's periodic report, prefilled from approved grants.

Registered with the register in WelfareConfig.ready() (members.services.figures keeps
the list of report figure sources: the register never imports welfare). A report's
"members given welfare" counts the grants approved in the period in the union's subtree
(each member or member's relative helped, as the reports count them: lượt), and its
"welfare amount" their cash and value in kind.
"""

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from members.models import PATH_STEP
from members.services.figures import ReportFigureSource
from welfare.models import COUNTED, Grant, grant_value


def _figures(people: int, amount: int) -> dict:
    return {"welfare_members": people, "welfare_amount": amount}


def welfare_report_figures(units, period) -> dict[int, dict]:
    """{unit id: figures} for the units whose subtree had grants approved in the period
    (a unit with none is left out: it reports what it gave itself). One query."""
    from welfare.services import unit_welfare_figures

    units = list(units)
    if len(units) == 1:
        unit = units[0]
        known = unit_welfare_figures(unit, period.starts_on, period.ends_on)
        return {unit.pk: _figures(known["people"], known["amount"])} if known["people"] else {}
    # Many units (a round being opened): one GROUP BY over the period's approved grants,
    # added up into each unit from the paths of the units that proposed them.
    rows = (
        Grant.objects.filter(
            status__in=COUNTED,
            reviewed_at__date__gte=period.starts_on,
            reviewed_at__date__lte=period.ends_on,
        )
        .values("unit__path")
        .annotate(people=Count("pk"), amount=Sum(grant_value()))
    )
    by_path: dict[str, list[int]] = {}
    for row in rows:
        path = row["unit__path"]
        for end in range(PATH_STEP, len(path) + 1, PATH_STEP):
            totals = by_path.setdefault(path[:end], [0, 0])
            totals[0] += row["people"]
            totals[1] += row["amount"] or 0
    result = {}
    for unit in units:
        totals = by_path.get(unit.path)
        if totals and totals[0]:
            result[unit.pk] = _figures(*totals)
    return result


WELFARE_SOURCE = ReportFigureSource(
    key="welfare",
    label=_("From the approved lists of the welfare programmes"),
    figures=("welfare_members", "welfare_amount"),
    provider=welfare_report_figures,
)
