"""Who may see and act on which unit: the one rule every app of the register follows.

An officer (members.Officer) acts on the units they are an officer of and on everything
below them, at any depth. Federation staff act through model permissions, one per act:
a user who holds the permission asked for acts on every unit. Nobody else acts on any.

The public API (apps import it, nothing else of this module):

- ``officer_units(user)``: the units the user is an officer of (the tops of their
  scope), cached on the user object for the request.
- ``sees_everything(user, permission)``: staff who hold `permission` act everywhere.
- ``may_enter(user)``: an officer of some unit, or staff who may see the tree: who the
  officer area is for.
- ``visible_units(user, permission)``: a Unit queryset of what the user may act on.
- ``scope(queryset, user, *, unit_field, permission)``: the rows of any queryset whose
  unit (reached through `unit_field`) the user may act on.
- ``get_in_scope(queryset, user, pk, *, unit_field, permission)``: one such row, or
  Http404: a row out of scope is answered as if it did not exist.
- ``may_act_on(user, unit, permission)``: the rule itself, for one unit in memory.
- ``require(user, unit, permission, message=None)``: the same, raising PermissionDenied.
- ``oversees(user, unit, permission)``: acts on `unit` from above: an officer of a unit
  strictly above it, or staff with `permission` (who reviews what a unit sends).
- ``is_officer_of(user, unit)``: an officer of that very unit (who writes for it).
- The register's own rights: ``VIEW_UNITS`` (the default `permission` above),
  ``VIEW_MEMBERS``, ``ADD_MEMBERS``, ``CHANGE_MEMBERS``, ``EXPORT_MEMBERS``,
  ``VIEW_REPORTS``, ``CHANGE_REPORTS`` and ``member_rights(user, unit)``.

Every subtree test goes through the unit tree's own helpers (members.models.in_subtree,
Unit.objects.under_any, Unit.is_within): the path prefix is spelled there only.

How a new app uses it, e.g. welfare's ``Grant`` with a ``unit`` foreign key::

    from members import scope

    def grants_of(user):
        # The list: only the grants of units the user may act on (one query).
        return scope.scope(Grant.objects.all(), user, permission="welfare.view_grant")

    def grant_to_change(user, pk) -> Grant:
        # One object: 404 outside the user's scope, 403 without the right to change it.
        grant = scope.get_in_scope(
            Grant.objects.select_related("unit"), user, pk, permission="welfare.view_grant"
        )
        scope.require(user, grant.unit, "welfare.change_grant")
        return grant

A grant reached through another model passes the way to its unit, e.g.
``scope.scope(Payment.objects.all(), user, unit_field="grant__unit")``.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from members.models import Unit, in_subtree

__all__ = [
    "ADD_MEMBERS",
    "CHANGE_MEMBERS",
    "CHANGE_REPORTS",
    "EXPORT_MEMBERS",
    "VIEW_MEMBERS",
    "VIEW_REPORTS",
    "VIEW_UNITS",
    "get_in_scope",
    "is_officer_of",
    "may_act_on",
    "may_enter",
    "member_rights",
    "officer_units",
    "oversees",
    "require",
    "scope",
    "sees_everything",
    "visible_units",
]

# Seeing the tree: the right every other one assumes.
VIEW_UNITS = "members.view_unit"
# What federation staff need, beyond seeing the tree, to handle members' personal data.
# An officer holds all of these on their own units and everything below them.
VIEW_MEMBERS = "members.view_member"
ADD_MEMBERS = "members.add_member"
CHANGE_MEMBERS = "members.change_member"
EXPORT_MEMBERS = "members.export_member"
# Reading the reports units send, and (staff) reviewing them.
VIEW_REPORTS = "members.view_report"
CHANGE_REPORTS = "members.change_report"


def officer_units(user) -> list[Unit]:
    """The units a user is an officer of (the tops of what they may act on)."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_officer_units", None)
    if cached is None:
        cached = list(Unit.objects.filter(officers__user=user).select_related("kind"))
        user._officer_units = cached
    return cached


def sees_everything(user, permission: str = VIEW_UNITS) -> bool:
    """Staff who hold `permission` act on every unit."""
    return user.is_authenticated and user.is_active and user.has_perm(permission)


def may_enter(user) -> bool:
    """An officer of some unit, or staff who may see the tree."""
    return bool(officer_units(user)) or sees_everything(user)


def visible_units(user, permission: str = VIEW_UNITS):
    """Units the user may see and act on: their units and everything below them."""
    if sees_everything(user, permission):
        return Unit.objects.all()
    return Unit.objects.under_any(officer_units(user))


def scope(queryset, user, *, unit_field: str = "unit", permission: str = VIEW_UNITS):
    """Rows of `queryset` that belong to a unit the user may act on."""
    if sees_everything(user, permission):
        return queryset
    return queryset.filter(in_subtree(officer_units(user), unit_field))


def get_in_scope(queryset, user, pk, *, unit_field: str = "unit", permission: str = VIEW_UNITS):
    """The row `pk` of `queryset` if the user may act on its unit; Http404 otherwise."""
    return get_object_or_404(
        scope(queryset, user, unit_field=unit_field, permission=permission), pk=pk
    )


def may_act_on(user, unit: Unit, permission: str = VIEW_UNITS) -> bool:
    """The rule: staff with `permission`, or an officer of `unit` or of a unit above it."""
    if sees_everything(user, permission):
        return True
    return any(unit.is_within(root) for root in officer_units(user))


def require(user, unit: Unit, permission: str = VIEW_UNITS, message=None) -> None:
    """`may_act_on`, or PermissionDenied with `message` (a general refusal if none)."""
    if not may_act_on(user, unit, permission):
        raise PermissionDenied(message or _("You may not act for this unit."))


def oversees(user, unit: Unit, permission: str = VIEW_UNITS) -> bool:
    """Acts on `unit` from above: staff with `permission`, or an officer of a unit
    strictly above it (an officer of `unit` itself does not oversee it)."""
    if sees_everything(user, permission):
        return True
    return any(unit.is_within(root) and unit.pk != root.pk for root in officer_units(user))


def is_officer_of(user, unit: Unit | int) -> bool:
    """An officer of `unit` (a unit or its id) itself, not of a unit above it."""
    unit_id = unit if isinstance(unit, int) else unit.pk
    return any(own.pk == unit_id for own in officer_units(user))


def member_rights(user, unit: Unit) -> dict[str, bool]:
    """What the user may do with the members of `unit`: view, add, change, export."""
    return {
        "view": may_act_on(user, unit, VIEW_MEMBERS),
        "add": may_act_on(user, unit, ADD_MEMBERS),
        "change": may_act_on(user, unit, CHANGE_MEMBERS),
        "export": may_act_on(user, unit, EXPORT_MEMBERS),
    }
