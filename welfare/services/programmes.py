"""Programmes, their budgets and quotas, and the totals every page shows.

Quotas: the running unit hands quotas to the units directly below it; a unit passes part
of its own quota to the units directly below it. The quotas passed down from one quota
never add up to more than it (in suất, in đồng, each where it is limited); the quotas the
running unit hands out never add up to more đồng than the budget. A quota never drops
below what is already approved under it, nor below what it passed down.

Every change of quotas and every approval first locks the programme's row, so they are
done one after another for the same programme, whoever clicks at the same moment.
"""

from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet, PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, Substr
from django.utils.translation import gettext as _

from federation.text import format_money, format_number, slugify_vi
from members import scope
from members.models import Unit
from welfare.models import (
    COUNTED,
    FundingSource,
    Grant,
    Programme,
    ProgrammeStatus,
    Quota,
    grant_value,
)

# ---------------------------------------------------------------------------------------
# Programmes


def unique_slug(name: str, *, exclude_pk=None) -> str:
    base = slugify_vi(name, max_length=190) or "chuong-trinh"
    slug, number = base, 2
    taken = Programme.objects.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def save_programme(*, programme: Programme, user) -> Programme:
    """Create or change a programme: by staff, or by the officers of its running unit."""
    permission = "welfare.add_programme" if programme.pk is None else "welfare.change_programme"
    if programme.unit_id and not scope.may_act_on(user, programme.unit, permission):
        raise PermissionDenied(_("You may not run programmes for this unit."))
    if programme.pk is not None:
        stored = Programme.objects.select_for_update().get(pk=programme.pk)
        if stored.unit_id != programme.unit_id and stored.grants.exists():
            raise ValidationError(
                {"unit": _("The running unit cannot change once grants have been proposed.")}
            )
    if not programme.slug:
        programme.slug = unique_slug(programme.name, exclude_pk=programme.pk)
    if programme.starts_on and programme.ends_on and programme.ends_on < programme.starts_on:
        raise ValidationError({"ends_on": _("A programme cannot end before it starts.")})
    programme.full_clean()
    programme.save()
    return programme


def budget_of(programme: Programme) -> int:
    """The programme's budget: what its funding sources put in (one query)."""
    return FundingSource.objects.filter(programme=programme).aggregate(
        total=Coalesce(Sum("pledged"), 0)
    )["total"]


def counted_sums(grants) -> dict:
    """suất, đồng and beneficiaries of approved (or handed over) grants, in one query."""
    return grants.filter(status__in=COUNTED).aggregate(
        places=Coalesce(Sum("places"), 0),
        amount=Coalesce(Sum(grant_value()), 0),
        cash=Coalesce(Sum("cash_amount"), 0),
        in_kind=Coalesce(Sum("in_kind_value"), 0),
        beneficiaries=Count("pk"),
    )


# ---------------------------------------------------------------------------------------
# Quotas


@dataclass
class QuotaRow:
    """A quota of the plan being checked: as stored, or as a form would change it."""

    unit: Unit
    places: int | None
    amount: int | None


def _limit_text(places, amount) -> str:
    parts = []
    if places is not None:
        parts.append(_("%(count)s suất") % {"count": format_number(places)})
    if amount is not None:
        parts.append(format_money(amount))
    return ", ".join(parts)


def _one_limit(field: str, value: int) -> str:
    return _limit_text(value, None) if field == "places" else _limit_text(None, value)


def check_quotas(programme: Programme, changed: list[QuotaRow], removed=()) -> None:
    """Refuse (ValidationError) a change of a programme's quotas that breaks a rule.

    `changed` are the quotas to create or change, `removed` the units whose quota is
    taken away; the rest of the programme's quotas stay as stored. Every rule is checked
    on the plan as it would be after the change.
    """
    plan = {
        quota.unit_id: QuotaRow(quota.unit, quota.places, quota.amount)
        for quota in Quota.objects.filter(programme=programme).select_related("unit")
    }
    removed_ids = {unit.pk if isinstance(unit, Unit) else unit for unit in removed}
    for unit_id in removed_ids:
        plan.pop(unit_id, None)
    for row in changed:
        plan[row.unit.pk] = row
    top = programme.unit
    budget = None
    for row in changed:
        unit = row.unit
        if row.places is None and row.amount is None:
            raise ValidationError(_("A quota limits suất, money or both."))
        if not unit.is_within(top) or unit.pk == top.pk:
            raise ValidationError(
                _("%(unit)s is not below the unit that runs the programme.") % {"unit": unit}
            )
        if unit.parent_id != top.pk and unit.parent_id not in plan:
            raise ValidationError(
                _("%(unit)s gets its quota from %(parent)s, which has none in this programme.")
                % {"unit": unit, "parent": unit.parent}
            )
    # Every quota the change touches: the changed ones, their parents, the removed ones'.
    touched = set()
    for row in changed:
        touched.add(row.unit.pk)
        touched.add(row.unit.parent_id)
    for unit_id in removed_ids:
        unit = Unit.objects.filter(pk=unit_id).only("parent_id").first()
        if unit is not None:
            touched.add(unit.parent_id)
    for unit_id in touched:
        children = [row for row in plan.values() if row.unit.parent_id == unit_id]
        if unit_id == top.pk:
            amounts = [row.amount for row in children if row.amount is not None]
            if amounts:
                budget = budget_of(programme) if budget is None else budget
                if sum(amounts) > budget:
                    raise ValidationError(
                        _(
                            "The quotas handed out add up to %(total)s, more than the "
                            "programme's budget of %(budget)s."
                        )
                        % {"total": format_money(sum(amounts)), "budget": format_money(budget)}
                    )
            continue
        parent = plan.get(unit_id)
        if parent is None:
            continue
        for field in ("places", "amount"):
            limit = getattr(parent, field)
            given = [getattr(row, field) for row in children if getattr(row, field) is not None]
            if limit is not None and sum(given) > limit:
                raise ValidationError(
                    _(
                        "The quotas passed down from %(unit)s add up to %(total)s, more than "
                        "its own quota of %(limit)s."
                    )
                    % {
                        "unit": parent.unit,
                        "total": _one_limit(field, sum(given)),
                        "limit": _one_limit(field, limit),
                    }
                )
    for row in changed:
        used = counted_sums(Grant.objects.filter(programme=programme).in_subtree(row.unit))
        if (row.places is not None and used["places"] > row.places) or (
            row.amount is not None and used["amount"] > row.amount
        ):
            raise ValidationError(
                _("%(unit)s has already had %(used)s approved: its quota cannot be smaller.")
                % {"unit": row.unit, "used": _limit_text(used["places"], used["amount"])}
            )
    for unit_id in removed_ids:
        if any(row.unit.parent_id == unit_id for row in plan.values()):
            raise ValidationError(
                _("Take back the quotas passed down from this unit before its own.")
            )
        if Grant.objects.filter(programme=programme, status__in=COUNTED, unit_id=unit_id).exists():
            raise ValidationError(_("Grants were approved under this quota: it stays."))


def may_hand_out(user, programme: Programme, unit: Unit) -> bool:
    """Who gives `unit` its quota: the units above it (or staff who may change quotas)."""
    return scope.oversees(user, unit, "welfare.change_quota")


@transaction.atomic
def save_quotas(*, programme: Programme, changed: list[QuotaRow], user, removed=()) -> list[Quota]:
    """Apply a change of quotas (rows to create or change, units whose quota goes), all or
    nothing, after the checks of `check_quotas`; the programme is locked meanwhile."""
    programme = (
        Programme.objects.select_for_update(of=("self",))
        .select_related("unit")
        .get(pk=programme.pk)
    )
    if programme.status == ProgrammeStatus.SETTLED:
        raise ValidationError(_("This programme is settled: nothing in it changes."))
    removed = [
        Unit.objects.get(pk=unit) if not isinstance(unit, Unit) else unit for unit in removed
    ]
    for unit in [row.unit for row in changed] + removed:
        if not may_hand_out(user, programme, unit):
            raise PermissionDenied(
                _("Only a unit above %(unit)s hands it a quota.") % {"unit": unit}
            )
    check_quotas(programme, changed, removed)
    Quota.objects.filter(programme=programme, unit__in=removed).delete()
    saved = []
    # Parents first: a quota passed down points to the quota it came from.
    for row in sorted(changed, key=lambda row: row.unit.depth):
        parent = (
            None
            if row.unit.parent_id == programme.unit_id
            else Quota.objects.get(programme=programme, unit_id=row.unit.parent_id)
        )
        quota, _created = Quota.objects.update_or_create(
            programme=programme,
            unit=row.unit,
            defaults={
                "parent": parent,
                "places": row.places,
                "amount": row.amount,
                "handed_by": user,
            },
        )
        saved.append(quota)
    return saved


def hand_out_quota(
    *, programme: Programme, unit: Unit, user, places: int | None = None, amount: int | None = None
) -> Quota:
    """Give `unit` (or change) its quota: from the running unit, or passed down from the
    quota of the unit directly above it."""
    return save_quotas(programme=programme, changed=[QuotaRow(unit, places, amount)], user=user)[0]


def take_back_quota(*, programme: Programme, unit: Unit, user) -> None:
    save_quotas(programme=programme, changed=[], removed=[unit], user=user)


def quota_chain(programme: Programme, unit: Unit):
    """The quotas that bound what `unit` may have approved: its own and its upper units'
    (below the running unit), nearest first. Not locked; `approve_grant` locks them."""
    ids = [*unit.ancestor_ids, unit.pk]
    return Quota.objects.filter(programme=programme, unit_id__in=ids).select_related("unit")


def quota_usage(programme: Programme, units=None):
    """The programme's quotas (of `units` if given) with what is approved under each:
    `used_places`, `used_amount`, and the rest in `left_places`, `left_amount`. One query."""
    counted = (
        Grant.objects.filter(
            programme=programme,
            status__in=COUNTED,
            unit__path__startswith=OuterRef("unit__path"),
        )
        .order_by()  # no join the grants' default ordering would bring (see _counted)
        .values("programme")
    )
    quotas = Quota.objects.filter(programme=programme).select_related("unit")
    if units is not None:
        quotas = quotas.filter(unit__in=units)
    quotas = quotas.annotate(
        used_places=Coalesce(
            Subquery(counted.annotate(total=Sum("places")).values("total")[:1]),
            0,
            output_field=IntegerField(),
        ),
        used_amount=Coalesce(
            Subquery(counted.annotate(total=Sum(grant_value())).values("total")[:1]),
            0,
            output_field=IntegerField(),
        ),
    )
    result = list(quotas)
    for quota in result:
        quota.left_places = None if quota.places is None else quota.places - quota.used_places
        quota.left_amount = None if quota.amount is None else quota.amount - quota.used_amount
    return result


# ---------------------------------------------------------------------------------------
# Totals: sums done by the database, one query each


TOTALS = ("places", "amount", "beneficiaries")


def _totals():
    return {
        "places": Coalesce(Sum("places"), 0),
        "amount": Coalesce(Sum(grant_value()), 0),
        # COUNT(*), not of the id: the sums are read from the index grant_counted alone.
        "beneficiaries": Count("*"),
    }


def _counted(programmes=None):
    # order_by(): a GROUP BY drops the grants' default ordering, but not the joins it
    # brings (programme and kind, the unit's path): each would be a join over every grant.
    grants = Grant.objects.filter(status__in=COUNTED).order_by()
    if programmes is not None:
        grants = grants.filter(programme__in=programmes)
    return grants


def programme_totals(programme: Programme) -> dict:
    """suất, đồng and beneficiaries approved in one programme."""
    return _counted().filter(programme=programme).aggregate(**_totals())


def totals_by_programme(programmes=None) -> dict[int, dict]:
    """{programme id: totals} for these programmes (all by default)."""
    rows = _counted(programmes).values("programme_id").annotate(**_totals())
    return {row["programme_id"]: row for row in rows}


def totals_by_branch(unit: Unit, programmes=None) -> list[dict]:
    """Totals for each unit directly below `unit` (its branch, whatever the depth), with
    the unit itself when grants were proposed by it (two queries: the sums, the names).

    The database sums the grants by unit first (from the index grant_counted alone), then
    those sums by branch, the prefix of the unit's path: the units are joined to a row per
    unit rather than to every grant, half the work of grouping the grants by their unit's
    path. The ORM writes both parts; only the join of the two and the last sums are SQL.
    """
    # Grouped by "unit_id + 0", an expression: SQLite then reads the sums from the index
    # grant_counted alone, where grouping by the column itself has it walk the index on
    # the unit (already in that order) and fetch all 100,000 grants, five times the work.
    sums = _counted(programmes).values(grant_unit=F("unit_id") + 0).annotate(**_totals())
    units = (
        Unit.objects.subtree(unit)
        .order_by()
        .values("id", branch=Substr("path", 1, unit.branch_length))
    )
    try:
        sums_sql, sums_params = sums.query.sql_with_params()
        units_sql, units_params = units.query.sql_with_params()
    except EmptyResultSet:  # no programme given
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT u.branch, SUM(g.places), SUM(g.amount), SUM(g.beneficiaries) "
            f"FROM ({sums_sql}) g INNER JOIN ({units_sql}) u ON u.id = g.grant_unit "
            f"GROUP BY u.branch",
            (*sums_params, *units_params),
        )
        by_branch = {
            branch: {"places": int(places), "amount": int(amount), "beneficiaries": int(count)}
            for branch, places, amount, count in cursor.fetchall()
        }
    result = []
    if unit.path in by_branch:
        result.append({"unit": unit, **by_branch[unit.path]})
    for child in unit.children.order_by("name").only("name", "path", "parent"):
        if child.path in by_branch:
            result.append({"unit": child, **by_branch[child.path]})
    return result


# The totals by kind and by year of programmes whose totals a page has already (from
# totals_by_programme): those rows, one per programme however many grants, are added up
# rather than the grants summed again.


def _add_up(programmes, rows, key) -> dict:
    """{key(programme): totals} of the rows (by `programme_id`) of these programmes."""
    programmes = {programme.pk: programme for programme in programmes}
    result = {}
    for row in rows:
        programme = programmes.get(row["programme_id"])
        if programme is None:
            continue
        into = result.setdefault(key(programme), dict.fromkeys(TOTALS, 0))
        for field in into:
            into[field] += row[field]
    return result


def totals_by_kind_of(programmes, rows) -> list[dict]:
    """Totals per kind of programme, in the kinds' order, for these programmes (loaded with
    their kind): their rows of totals_by_programme added up, no grant summed again."""
    sums = _add_up(programmes, rows, lambda programme: programme.kind)
    return [
        {
            "programme__kind_id": kind.pk,
            "programme__kind__name": kind.name,
            "programme__kind__order": kind.order,
            **totals,
        }
        for kind, totals in sorted(sums.items(), key=lambda item: (item[0].order, item[0].name))
    ]


def totals_by_year_of(programmes, rows) -> list[dict]:
    """Totals per programme year, earliest first, added up from the programmes' rows of
    totals_by_programme."""
    sums = _add_up(programmes, rows, lambda programme: programme.year)
    return [{"programme__year": year, **sums[year]} for year in sorted(sums)]


def unit_welfare_figures(unit: Unit, starts_on, ends_on) -> dict:
    """What a unit's periodic report says of welfare: the members (and people) given
    welfare and the amount, from the grants of its subtree approved in the period."""
    return (
        Grant.objects.filter(status__in=COUNTED)
        .in_subtree(unit)
        .filter(reviewed_at__date__gte=starts_on, reviewed_at__date__lte=ends_on)
        .aggregate(
            people=Count("pk"),
            members=Count("member", distinct=True, filter=Q(member__isnull=False)),
            amount=Coalesce(Sum(grant_value()), 0),
        )
    )
