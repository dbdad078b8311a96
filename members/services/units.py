"""The tree of units: creating a unit, changing it, moving it (a reform), and who leads it.

A unit's path is set here and only here (members.models explains the tree).
"""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import (
    Leader,
    Report,
    Unit,
    UnitMove,
    path_segment,
)


@transaction.atomic
def save_unit(*, unit: Unit, user=None, moved_on: date | None = None) -> Unit:
    """Create or change a unit; a new upper-level unit goes through `move_unit`."""
    unit.full_clean()
    if unit.pk is None:
        unit.save()
        unit.path = (unit.parent.path if unit.parent_id else "") + path_segment(unit.pk)
        Unit.objects.filter(pk=unit.pk).update(path=unit.path)
        return unit
    stored_parent = Unit.objects.filter(pk=unit.pk).values_list("parent_id", flat=True).get()
    new_parent = unit.parent
    # The path and parent are only ever changed by move_unit, never from a loaded copy.
    unit.save(
        update_fields=[
            field.attname
            for field in Unit._meta.concrete_fields
            if not field.primary_key and field.name not in ("path", "parent")
        ]
    )
    unit.parent_id = stored_parent
    if (new_parent is not None and new_parent.pk != stored_parent) or (
        new_parent is None and stored_parent is not None
    ):
        move_unit(unit=unit, new_parent=new_parent, user=user, moved_on=moved_on)
    return unit


@transaction.atomic
def move_unit(*, unit: Unit, new_parent: Unit | None, user=None, moved_on=None) -> Unit:
    """Give a unit a new upper-level unit: its whole subtree moves in one UPDATE.

    Reports already made keep the path they were made with, so their figures still
    count under the old parent for those periods.
    """
    unit.refresh_from_db(fields=["path", "parent"])
    if new_parent is not None:
        new_parent.refresh_from_db(fields=["path"])
        if new_parent.is_within(unit):
            raise ValidationError({"parent": _("A unit cannot be placed under itself.")})
    old_path, old_parent = unit.path, unit.parent
    new_path = (new_parent.path if new_parent else "") + path_segment(unit.pk)
    # Both sets are taken at the old path, before the units' paths change.
    moving_units = Unit.objects.subtree(unit)
    moving_reports = Report.objects.in_subtree(unit)
    UnitMove.objects.create(
        unit=unit,
        old_parent=old_parent,
        new_parent=new_parent,
        old_path=old_path,
        moved_on=moved_on or timezone.localdate(),
        moved_by=user if user is not None and user.is_authenticated else None,
    )
    moving_units.update(path=Concat(Value(new_path), Substr("path", len(old_path) + 1)))
    # Drafts of periods still open follow the unit to its new parent; reports already
    # submitted or accepted keep the place the unit had when it reported.
    moving_reports.waiting().filter(period__is_open=True).update(
        unit_path=Concat(Value(new_path), Substr("unit_path", len(old_path) + 1))
    )
    Unit.objects.filter(pk=unit.pk).update(parent=new_parent)
    unit.refresh_from_db(fields=["path", "parent"])
    return unit


@transaction.atomic
def install_leadership(
    *, unit: Unit, leaders: list[Leader], since: date, source: str = ""
) -> list[Leader]:
    """Make `leaders` (unsaved rows: name, role, order, member) the unit's leadership from
    `since`: whoever held a position before steps down the day before, and the unit's
    chairperson becomes the new chair. Installing the same leadership again changes nothing.
    """
    if not leaders:
        raise ValidationError(_("Name at least the chair before installing a leadership."))
    Leader.objects.filter(unit=unit, started_on=since, source=source).delete()
    Leader.objects.filter(unit=unit, ended_on__isnull=True, started_on__lt=since).update(
        ended_on=since - timedelta(days=1)
    )
    for leader in leaders:
        leader.unit = unit
        leader.started_on = since
        leader.ended_on = None
        leader.source = source
        leader.full_clean(exclude=["unit"])
    created = Leader.objects.bulk_create(leaders)
    chair = next((leader for leader in leaders if leader.role == Leader.Role.CHAIR), None)
    if chair is not None and unit.chairperson != chair.full_name:
        unit.chairperson = chair.full_name
        unit.save(update_fields=["chairperson"])
    return created
