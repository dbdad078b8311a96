"""Members' lives: admission, changes, transfer, leaving, spreadsheet imports, the
files waiting for an import's confirmation, and the log of personal-data exports.

A number (ID, union card) another member holds is answered according to members.scope:
named within the officer's units, recorded for federation staff outside them.
"""

import logging
import uuid
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from federation.storage import protected_storage
from members import scope
from members.models import (
    DuplicateAttempt,
    Member,
    MembershipEvent,
    MemberStatus,
    PersonalDataExport,
    Unit,
)

logger = logging.getLogger("members.services")  # one log name for the register's services
Event = MembershipEvent.Kind


def _recorder(user):
    return user if user is not None and user.is_authenticated else None


# What an officer is told whenever federation staff must settle a case: the same words
# whatever the case, so that the answer reveals nothing about the register outside the
# officer's units.
NEEDS_STAFF = gettext_lazy(
    "This cannot be completed here. Federation staff have been told and will contact you."
)
NUMBER_FIELDS = {
    "national_id": DuplicateAttempt.Field.NATIONAL_ID,
    "card_number": DuplicateAttempt.Field.CARD_NUMBER,
}


def held_elsewhere(*, other: Member, field: str, user, unit: Unit | None, action: str) -> str:
    """What to tell `user`, who typed a number that `other` already holds.

    Within the user's units the member is named: the officer can go and look. Outside
    them the officer learns nothing; the attempt is recorded for federation staff.
    """
    if user is None or scope.may_act_on(user, other.unit):
        label = (
            _("This national ID number belongs to %(name)s, a member of %(unit)s.")
            if field == "national_id"
            else _("This union card number belongs to %(name)s, a member of %(unit)s.")
        )
        return label % {"name": other.full_name, "unit": other.unit.name}
    attempt = DuplicateAttempt.objects.create(
        user=_recorder(user),
        unit=unit,
        action=action,
        field=NUMBER_FIELDS[field],
        member=other,
        member_unit=other.unit,
    )
    logger.warning(
        "Number held elsewhere: user %s, %s in unit %s, %s of member %s in unit %s (record %s)",
        getattr(user, "pk", None),
        action,
        getattr(unit, "pk", None),
        field,
        other.pk,
        other.unit_id,
        attempt.pk,
    )
    return str(NEEDS_STAFF)


def _refuse_held_numbers(member: Member, user, action: str) -> None:
    """An ID or card number another member holds is refused (see `held_elsewhere`)."""
    member.normalise()
    errors = {}
    for field in NUMBER_FIELDS:
        value = getattr(member, field)
        if not value:
            continue
        other = (
            Member.objects.filter(**{field: value})
            .exclude(pk=member.pk)
            .select_related("unit")
            .first()
        )
        if other is not None:
            errors[field] = held_elsewhere(
                other=other, field=field, user=user, unit=member.unit, action=action
            )
    if errors:
        raise ValidationError(errors)


def admit_member(*, member: Member, user=None) -> Member:
    """Register a member: the admission (and card, when numbered) are written as events."""
    if not member.unit.kind.is_grassroots:
        raise ValidationError({"unit": _("Members belong to a grassroots union.")})
    # Before the transaction: the record of a number held elsewhere must outlive the refusal.
    _refuse_held_numbers(member, user, DuplicateAttempt.Action.ADD)
    return _admit_member(member, user)


@transaction.atomic
def _admit_member(member: Member, user) -> Member:
    member.status = MemberStatus.ACTIVE
    member.full_clean()
    member.save()
    MembershipEvent.objects.create(
        member=member,
        kind=Event.ADMITTED,
        happened_on=member.admitted_on,
        unit=member.unit,
        recorded_by=_recorder(user),
    )
    if member.card_number:
        MembershipEvent.objects.create(
            member=member,
            kind=Event.CARD_ISSUED,
            happened_on=member.admitted_on,
            unit=member.unit,
            note=member.card_number,
            recorded_by=_recorder(user),
        )
    return member


def update_member(*, member: Member, user=None) -> Member:
    """Save changed personal details; the unit and status change only through their services."""
    _refuse_held_numbers(member, user, DuplicateAttempt.Action.EDIT)
    return _update_member(member, user)


@transaction.atomic
def _update_member(member: Member, user) -> Member:
    stored = Member.objects.select_for_update().get(pk=member.pk)
    member.unit_id, member.status, member.left_on = stored.unit_id, stored.status, stored.left_on
    member.full_clean()
    member.save()
    if member.admitted_on != stored.admitted_on:
        # A corrected admission date moves the admission (and the card given with it).
        member.events.filter(
            Q(kind=Event.ADMITTED) | Q(kind=Event.CARD_ISSUED, happened_on=stored.admitted_on)
        ).update(happened_on=member.admitted_on)
    if member.card_number and member.card_number != stored.card_number:
        MembershipEvent.objects.create(
            member=member,
            kind=Event.CARD_REISSUED if stored.card_number else Event.CARD_ISSUED,
            happened_on=timezone.localdate(),
            unit=member.unit,
            note=member.card_number,
            recorded_by=_recorder(user),
        )
    return member


def _last_event_day(member: Member) -> date:
    """Changes are recorded in order: none may be dated before the latest one."""
    last = member.events.aggregate(last=Max("happened_on"))["last"]
    return max(filter(None, (last, member.admitted_on)))


@transaction.atomic
def transfer_member(
    *, member: Member, to_unit: Unit, on: date, user=None, note: str = ""
) -> Member:
    """Move an active member to another grassroots union: both sides written at once."""
    member = Member.objects.select_for_update().select_related("unit").get(pk=member.pk)
    if member.status != MemberStatus.ACTIVE:
        raise ValidationError(_("Only an active member can be transferred."))
    if not to_unit.kind.is_grassroots:
        raise ValidationError({"to_unit": _("Members belong to a grassroots union.")})
    if to_unit.pk == member.unit_id:
        raise ValidationError({"to_unit": _("The member is already in this union.")})
    if to_unit.dissolved_on and to_unit.dissolved_on <= on:
        raise ValidationError({"to_unit": _("This union no longer exists.")})
    if on > timezone.localdate() or on < _last_event_day(member):
        raise ValidationError(
            {"on": _("The transfer date must be between the last recorded change and today.")}
        )
    from_unit = member.unit
    recorder = _recorder(user)
    MembershipEvent.objects.bulk_create(
        [
            MembershipEvent(
                member=member,
                kind=Event.TRANSFERRED_OUT,
                happened_on=on,
                unit=from_unit,
                other_unit=to_unit,
                note=note,
                recorded_by=recorder,
            ),
            MembershipEvent(
                member=member,
                kind=Event.TRANSFERRED_IN,
                happened_on=on,
                unit=to_unit,
                other_unit=from_unit,
                note=note,
                recorded_by=recorder,
            ),
        ]
    )
    member.unit = to_unit
    member.save(update_fields=["unit", "updated_at"])  # a saved change: the history keeps it
    return member


@transaction.atomic
def mark_left(*, member: Member, on: date, reason: str, user=None) -> Member:
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.status != MemberStatus.ACTIVE:
        raise ValidationError(_("This member is no longer active."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the member left.")})
    if on > timezone.localdate() or on < _last_event_day(member):
        raise ValidationError(
            {"on": _("The date must be between the last recorded change and today.")}
        )
    member.status, member.left_on = MemberStatus.LEFT, on
    member.save(update_fields=["status", "left_on", "updated_at"])
    MembershipEvent.objects.create(
        member=member,
        kind=Event.LEFT,
        happened_on=on,
        unit=member.unit,
        note=reason[:255],
        recorded_by=_recorder(user),
    )
    return member


@transaction.atomic
def import_members(*, unit: Unit, rows, user=None) -> int:
    """Save checked spreadsheet rows (members.spreadsheets) as members, all or none."""
    if not unit.kind.is_grassroots:
        raise ValidationError(_("Members belong to a grassroots union."))
    if unit.dissolved_on and unit.dissolved_on <= timezone.localdate():
        raise ValidationError(_("This union no longer exists."))
    if not rows or any(row.errors for row in rows):
        raise ValidationError(_("Correct the rows with errors, then upload the file again."))
    members = []
    for row in rows:
        member = Member(unit=unit, status=MemberStatus.ACTIVE, **row.cleaned)
        member.normalise()
        members.append(member)
    try:
        with transaction.atomic():
            Member.objects.bulk_create(members, batch_size=1000)
    except IntegrityError as error:
        # Someone registered the same ID or card number since the file was checked.
        raise ValidationError(
            _("Some ID or card numbers were registered meanwhile: check the file again.")
        ) from error
    recorder = _recorder(user)
    events = []
    for member in members:
        events.append(
            MembershipEvent(
                member=member,
                kind=Event.ADMITTED,
                happened_on=member.admitted_on,
                unit=unit,
                note=_("Imported from a spreadsheet"),
                recorded_by=recorder,
            )
        )
        if member.card_number:
            events.append(
                MembershipEvent(
                    member=member,
                    kind=Event.CARD_ISSUED,
                    happened_on=member.admitted_on,
                    unit=unit,
                    note=member.card_number,
                    recorded_by=recorder,
                )
            )
    MembershipEvent.objects.bulk_create(events, batch_size=1000)
    return len(members)


# ---------------------------------------------------------------------------------------
# Imports waiting for their confirmation (files full of personal data)

PENDING_IMPORTS = "nhap-doan-vien"


def pending_import_name(unit: Unit, suffix: str) -> str:
    """Where a checked file waits; its name starts with the time it was stored, which
    the cleanup reads (a file's modification time changes when media are copied)."""
    return (
        f"{PENDING_IMPORTS}/{unit.pk}/{int(timezone.now().timestamp())}-{uuid.uuid4().hex}{suffix}"
    )


def _stored_at(name: str):
    stamp = name.rpartition("/")[2].partition("-")[0]
    if stamp.isdigit():
        return datetime.fromtimestamp(int(stamp), tz=UTC)
    return protected_storage.get_modified_time(name)


def discard_pending_import(name: str) -> None:
    if name.startswith(f"{PENDING_IMPORTS}/") and ".." not in name:
        protected_storage.delete(name)


def purge_pending_imports(*, max_age: int | None = None) -> int:
    """Delete the checked files never confirmed within `max_age` seconds; return how many."""
    max_age = settings.MEMBER_IMPORT_MAX_AGE if max_age is None else max_age
    limit = timezone.now() - timedelta(seconds=max_age)
    try:
        folders, _files = protected_storage.listdir(PENDING_IMPORTS)
    except FileNotFoundError:
        return 0
    purged = 0
    for folder in folders:
        _dirs, files = protected_storage.listdir(f"{PENDING_IMPORTS}/{folder}")
        for file in files:
            name = f"{PENDING_IMPORTS}/{folder}/{file}"
            if _stored_at(name) < limit:
                protected_storage.delete(name)
                purged += 1
    if purged:
        logger.info("Deleted %d member import files never confirmed", purged)
    return purged


def log_export(*, user, unit: Unit | None, description: str, rows: int) -> PersonalDataExport:
    """Every export of personal data is written down: who, when, what."""
    return PersonalDataExport.objects.create(
        user=_recorder(user), unit=unit, description=description[:255], rows=rows
    )
