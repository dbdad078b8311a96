"""Reporting periods and reports: opening a round, a unit's draft following the
register, submitting, attaching files, review by the units above, reminders and mails.

Who writes a report (`may_edit_report`: the unit's own officers) and who reviews it
(`may_review`: the units above, or staff who may change reports) are report rules built
on members.scope.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.files import inspect_upload, store_upload
from federation.mail import send_mail_later
from members import scope
from members.models import (
    Officer,
    Report,
    ReportAttachment,
    ReportPeriod,
    ReportStatus,
    Unit,
)
from members.services.figures import figure_sources, register_figures

MAX_ATTACHMENTS = 10


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
    as of the last time the draft followed it). Figures of another source (welfare) may
    differ without a note."""
    sourced = figure_sources()
    return [
        name
        for name, value in report.prefilled.items()
        if value is not None and name not in sourced and getattr(report, name) != value
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
        # A figure nothing prefilled before counts as the form's default (a source that
        # knew nothing of the unit until now).
        before = report.prefilled.get(name, Report._meta.get_field(name).default)
        if now is not None and getattr(report, name) == before:
            setattr(report, name, now)
    report.prefilled = current
    return report


def may_edit_report(user, report: Report) -> bool:
    """The unit's own officers fill in its report, while it is a draft or returned and the
    period is open; the units above review it but do not write it."""
    return follows_register(report) and scope.is_officer_of(user, report.unit_id)


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


def is_own_submission(user, report: Report) -> bool:
    """Who submitted a report never reviews it: another officer above does."""
    return report.submitted_by_id is not None and report.submitted_by_id == user.pk


def _review(report: Report, user) -> Report:
    if not may_review(user, report):
        raise PermissionDenied(_("You may not review this report."))
    stored = Report.objects.select_for_update().get(pk=report.pk)
    if stored.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be reviewed."))
    if is_own_submission(user, stored):
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
