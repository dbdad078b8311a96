"""Rules of the register: the tree, members' lives, reports.

Who may act on which unit is members.scope: every check here calls it.
"""

import logging
import uuid
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q, Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from federation.files import inspect_upload, store_upload
from federation.mail import send_mail_later
from federation.storage import protected_storage
from members import scope
from members.models import (
    DuplicateAttempt,
    Member,
    MembershipEvent,
    MemberStatus,
    Officer,
    PersonalDataExport,
    Report,
    ReportAttachment,
    ReportPeriod,
    ReportStatus,
    Unit,
    UnitMove,
    path_segment,
)

logger = logging.getLogger(__name__)
MAX_ATTACHMENTS = 10
Event = MembershipEvent.Kind

# ---------------------------------------------------------------------------------------
# The tree


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


# ---------------------------------------------------------------------------------------
# Members


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


# ---------------------------------------------------------------------------------------
# Figures from the register (sums done by the database)


def _figure_counts(year: int) -> dict:
    """How the register's figures are counted: active, active women, active admitted in `year`."""
    return {
        "members": Count("pk", filter=Q(status=MemberStatus.ACTIVE)),
        "female": Count("pk", filter=Q(status=MemberStatus.ACTIVE, gender="female")),
        "admitted": Count("pk", filter=Q(status=MemberStatus.ACTIVE, admitted_on__year=year)),
    }


def member_figures(members, *, year: int | None = None) -> dict:
    """The figures of a set of members, in one query."""
    return members.aggregate(**_figure_counts(year or timezone.localdate().year))


FIGURE_KEYS = ("members", "female", "admitted")


def counts_by_unit(units, *, year: int) -> dict[int, dict]:
    """Active members, female members and those admitted in `year`, per unit.

    One GROUP BY on the member's unit id, with no join: the database counts, and callers
    add up these per-unit rows (never members) by branch or sector.
    """
    rows = (
        Member.objects.filter(unit_id__in=units.values("pk"))
        .values("unit_id")
        .annotate(**_figure_counts(year))
    )
    return {row["unit_id"]: row for row in rows}


def unit_figures(unit: Unit, *, year: int | None = None) -> tuple[dict, list[dict]]:
    """The figures of a unit's whole subtree, and of each unit directly below it."""
    year = year or timezone.localdate().year
    subtree = Unit.objects.subtree(unit)
    counts = counts_by_unit(subtree, year=year)
    children = list(unit.children.select_related("kind").order_by("name"))
    paths = dict(subtree.filter(pk__in=list(counts)).values_list("pk", "path")) if counts else {}
    branch_length = unit.branch_length
    totals = dict.fromkeys(FIGURE_KEYS, 0)
    branches = {child.path: dict.fromkeys(FIGURE_KEYS, 0) for child in children}
    for unit_id, row in counts.items():
        branch = branches.get(paths[unit_id][:branch_length])
        for key in FIGURE_KEYS:
            totals[key] += row[key]
            if branch is not None:
                branch[key] += row[key]
    return totals, [{"unit": child, **branches[child.path]} for child in children]


def subtree_figures(unit: Unit, *, year: int | None = None) -> dict:
    """The figures of a unit's whole subtree: one query."""
    year = year or timezone.localdate().year
    counts = counts_by_unit(Unit.objects.subtree(unit), year=year)
    return {key: sum(row[key] for row in counts.values()) for key in FIGURE_KEYS}


def children_figures(unit: Unit, *, year: int | None = None) -> list[dict]:
    """Each unit directly below `unit`, with the sums of its whole subtree."""
    return unit_figures(unit, year=year)[1]


# ---------------------------------------------------------------------------------------
# Reporting periods and reports


def register_figures(units, period: ReportPeriod) -> dict[int, dict]:
    """What the register knows for each unit's report: one query for members, one for events."""
    unit_ids = [unit.pk for unit in units]
    figures = {
        row["unit"]: row
        for row in Member.objects.filter(unit__in=unit_ids, status=MemberStatus.ACTIVE)
        .values("unit")
        .annotate(
            total_members=Count("pk"),
            female_members=Count("pk", filter=Q(gender="female")),
        )
    }
    events = {
        row["unit"]: row
        for row in MembershipEvent.objects.filter(
            unit__in=unit_ids, happened_on__range=(period.starts_on, period.ends_on)
        )
        .values("unit")
        .annotate(
            admitted=Count("pk", filter=Q(kind=Event.ADMITTED)),
            left=Count("pk", filter=Q(kind=Event.LEFT)),
        )
    }
    result = {}
    for unit in units:
        members = figures.get(unit.pk, {})
        moves = events.get(unit.pk, {})
        total = members.get("total_members", 0)
        # The report's rule is admitted, left ≤ total; a union that shrank within the
        # period gets the register's figures capped, to correct with a note if need be.
        result[unit.pk] = {
            "total_members": total,
            "female_members": members.get("female_members", 0),
            "admitted": min(moves.get("admitted", 0), total),
            "left": min(moves.get("left", 0), total),
            "employees": unit.employees
            if unit.employees is None or unit.employees >= total
            else None,
        }
    return result


@transaction.atomic
def open_period(*, period: ReportPeriod) -> int:
    """Save the period and give every existing grassroots union its draft report."""
    period.full_clean()
    period.save()
    have = set(period.reports.values_list("unit_id", flat=True))
    units = [
        unit
        for unit in Unit.objects.grassroots()
        .existing_on(period.ends_on)
        .only("pk", "path", "employees")
        if unit.pk not in have
    ]
    prefilled = register_figures(units, period)
    reports = []
    for unit in units:
        known = prefilled[unit.pk]
        figures = {key: value for key, value in known.items() if value is not None}
        reports.append(
            Report(period=period, unit=unit, unit_path=unit.path, prefilled=known, **figures)
        )
    Report.objects.bulk_create(reports, batch_size=500)
    return len(reports)


def changed_figures(report: Report) -> list[str]:
    """The register's figures the report differs from (`prefilled` is the register's figures
    as of the last time the draft followed it)."""
    return [
        name
        for name, value in report.prefilled.items()
        if value is not None and getattr(report, name) != value
    ]


def follows_register(report: Report) -> bool:
    """A draft (or returned report) of an open period follows the register; a submitted
    or accepted report keeps what was submitted."""
    return report.is_editable_by_unit and report.period.is_open


def follow_register(report: Report) -> Report:
    """Bring a draft's register figures up to date, in memory.

    A figure the officer never changed (it still equals what the register said) takes the
    register's current value; a figure they typed stays theirs, and `prefilled` becomes the
    register's current figures, so a note is asked only where the report differs from them.
    """
    if not follows_register(report):
        return report
    current = register_figures([report.unit], report.period)[report.unit_id]
    for name, now in current.items():
        if now is not None and getattr(report, name) == report.prefilled.get(name):
            setattr(report, name, now)
    report.prefilled = current
    return report


def may_edit_report(user, report: Report) -> bool:
    """The unit's own officers fill in its report, while it is a draft or returned and the
    period is open; the units above review it but do not write it."""
    return (
        report.is_editable_by_unit
        and report.period.is_open
        and scope.is_officer_of(user, report.unit_id)
    )


def may_review(user, report: Report) -> bool:
    """Officers of a unit above the report's unit, or staff who may change reports."""
    return scope.oversees(user, report.unit, scope.CHANGE_REPORTS)


def _require_unit_officer(user, report: Report) -> None:
    if not scope.is_officer_of(user, report.unit_id):
        raise PermissionDenied(_("Only the union's own officers fill in its report."))


@transaction.atomic
def save_report(
    *, report: Report, user, upload=None, remove: ReportAttachment | None = None
) -> Report:
    """Save a draft (or returned) report, with a file to attach or one to remove, all or
    nothing; a figure that differs from the register's current one needs a note."""
    _require_unit_officer(user, report)
    stored = Report.objects.select_for_update().get(pk=report.pk)
    if not stored.is_editable_by_unit:
        raise ValidationError(_("A submitted report can no longer be changed."))
    if not stored.period.is_open:
        raise ValidationError(_("This reporting period is closed."))
    report.status = stored.status
    report.prefilled = register_figures([report.unit], report.period)[report.unit_id]
    report.full_clean()
    if changed_figures(report) and not report.change_note.strip():
        raise ValidationError(
            {"change_note": _("Some figures differ from the register: say why in the note.")}
        )
    report.save()
    if remove is not None:
        if remove.report_id != report.pk:
            raise ValidationError(_("This file is not attached to the report."))
        remove_attachment(attachment=remove, user=user)
    if upload is not None:
        try:
            attach_to_report(report=report, upload=upload, user=user)
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from error
    return report


@transaction.atomic
def submit_report(*, report: Report, user, upload=None) -> Report:
    """Send the report to the unit above with the register's figures of this moment."""
    report = save_report(report=report, user=user, upload=upload)
    report.status = ReportStatus.SUBMITTED
    report.submitted_at, report.submitted_by = timezone.now(), user
    report.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
    recipients = _emails(Officer.objects.filter(unit_id=report.unit.parent_id))
    transaction.on_commit(lambda: _tell(recipients, _report_arrived, report))
    return report


@transaction.atomic
def attach_to_report(*, report: Report, upload, user) -> ReportAttachment:
    """A file sent with a report: the document library's rules (content, size, name)."""
    _require_unit_officer(user, report)
    stored = Report.objects.select_for_update().select_related("period").get(pk=report.pk)
    if not stored.is_editable_by_unit:
        raise ValidationError(_("A submitted report can no longer be changed."))
    if not stored.period.is_open:
        raise ValidationError(_("This reporting period is closed."))
    inspected = inspect_upload(upload)
    if stored.attachments.filter(checksum=inspected.checksum).exists():
        raise ValidationError(_("This file is already attached to the report."))
    if stored.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError(
            _("A report can carry at most %(count)d files.") % {"count": MAX_ATTACHMENTS}
        )
    return store_upload(ReportAttachment(report=stored), upload, inspected=inspected)


@transaction.atomic
def remove_attachment(*, attachment: ReportAttachment, user) -> None:
    report = attachment.report
    _require_unit_officer(user, report)
    if not report.is_editable_by_unit:
        raise ValidationError(_("A submitted report can no longer be changed."))
    attachment.delete()  # its bytes go once the transaction commits (federation.files)


def _review(report: Report, user) -> Report:
    if not may_review(user, report):
        raise PermissionDenied(_("You may not review this report."))
    stored = Report.objects.select_for_update().get(pk=report.pk)
    if stored.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be reviewed."))
    if stored.submitted_by_id == user.pk:
        raise PermissionDenied(_("A report is reviewed by someone other than who submitted it."))
    return stored


@transaction.atomic
def accept_report(*, report: Report, user) -> Report:
    report = _review(report, user)
    report.status, report.return_reason = ReportStatus.ACCEPTED, ""
    report.reviewed_at, report.reviewed_by = timezone.now(), user
    report.save(
        update_fields=["status", "return_reason", "reviewed_at", "reviewed_by", "updated_at"]
    )
    return report


@transaction.atomic
def return_report(*, report: Report, user, reason: str) -> Report:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"return_reason": _("Say what the unit should correct.")})
    report = _review(report, user)
    report.status, report.return_reason = ReportStatus.RETURNED, reason
    report.reviewed_at, report.reviewed_by = timezone.now(), user
    report.save(
        update_fields=["status", "return_reason", "reviewed_at", "reviewed_by", "updated_at"]
    )
    recipients = _emails(Officer.objects.filter(unit_id=report.unit_id))
    transaction.on_commit(lambda: _tell(recipients, _report_returned, report))
    return report


def _progress_counts() -> dict:
    return {
        "total": Count("pk"),
        "accepted": Count("pk", filter=Q(status=ReportStatus.ACCEPTED)),
        "submitted": Count("pk", filter=Q(status=ReportStatus.SUBMITTED)),
        "returned": Count("pk", filter=Q(status=ReportStatus.RETURNED)),
    }


def _with_waiting(counts: dict) -> dict:
    """`waiting`: reports neither submitted nor accepted (drafts and returned ones)."""
    return {**counts, "waiting": counts["total"] - counts["accepted"] - counts["submitted"]}


def report_progress(reports) -> dict:
    """Counts of a set of reports by stage."""
    return _with_waiting(reports.aggregate(**_progress_counts()))


def progress_by_period(unit: Unit, periods) -> dict[int, dict]:
    """The same counts below `unit` for several periods at once: one GROUP BY."""
    rows = (
        Report.objects.in_subtree(unit)
        .filter(period__in=periods)
        .values("period")
        .annotate(**_progress_counts())
    )
    return {row["period"]: _with_waiting(row) for row in rows}


def progress_by_child(unit: Unit, period: ReportPeriod) -> list[dict]:
    """For each unit directly below `unit`, its reports by stage: one GROUP BY on the path."""
    children = list(unit.children.order_by("name").only("name", "path", "parent"))
    if not children:
        return []
    length = unit.branch_length
    rows = (
        Report.objects.in_subtree(unit)
        .filter(period=period)
        .exclude(unit_path=unit.path)
        .annotate(branch=Substr("unit_path", 1, length))
        .values("branch")
        .annotate(**_progress_counts())
    )
    by_branch = {row["branch"]: row for row in rows}
    return [
        {"unit": child, **_with_waiting(by_branch[child.path])}
        for child in children
        if child.path in by_branch
    ]


def remind_missing(*, period: ReportPeriod, unit: Unit, user) -> int:
    """Email the officers of units below `unit` that have not submitted for `period`."""
    scope.require(user, unit)
    missing = (
        Report.objects.in_subtree(unit)
        .waiting()
        .filter(period=period)
        .values_list("unit_id", flat=True)
    )
    officers = Officer.objects.filter(unit_id__in=missing).select_related("user", "unit")
    sent = 0
    for officer in officers:
        if officer.user.email:
            send_mail_later(
                _("Reminder to submit: %(period)s") % {"period": period.name},
                _("%(unit)s has not submitted %(period)s yet. The deadline is %(deadline)s.")
                % {
                    "unit": officer.unit.name,
                    "period": period.name,
                    "deadline": f"{period.deadline:%d/%m/%Y}",
                },
                [officer.user.email],
            )
            sent += 1
    return sent


def _emails(officers) -> list[str]:
    return [email for email in officers.values_list("user__email", flat=True) if email]


# Period names are whole titles ("Báo cáo năm 2026"): the mails name the period as it is,
# never after a word of their own like "report", which would say it twice.


def _report_arrived(report: Report) -> tuple[str, str]:
    return (
        _("Report submitted: %(unit)s") % {"unit": report.unit.name},
        _("%(unit)s has submitted %(period)s. Review it in the officer area.")
        % {"unit": report.unit.name, "period": report.period.name},
    )


def _report_returned(report: Report) -> tuple[str, str]:
    return (
        _("Returned for correction: %(period)s") % {"period": report.period.name},
        _("%(period)s of your union was returned for correction: %(reason)s")
        % {"period": report.period.name, "reason": report.return_reason},
    )


def _tell(recipients: list[str], message, report: Report) -> None:
    if not recipients:
        return
    subject, body = message(report)
    send_mail_later(subject, body, recipients)
