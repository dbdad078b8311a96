"""Member exports too large for the request: recorded at the click, prepared by a task.

`request_export` writes the `PreparedExport` row in the caller's transaction and hands it
to the queue once that commits; `prepare_export` (run by `members.tasks.prepare_export`)
writes the workbook with the same writer as the immediate export; `purge_prepared_exports`
deletes the files past their `PREPARED_EXPORT_MAX_AGE`.
"""

import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from federation.files import KINDS, InspectedFile, describe, forget_stored_file
from federation.text import describe_error, slugify_vi
from members.models import PreparedExport, Unit

logger = logging.getLogger(__name__)
Status = PreparedExport.Status
# An export still waiting this long after the click lost its task (as for mail).
STUCK_AFTER = timedelta(hours=1)


def export_name(unit: Unit) -> str:
    """What the downloaded file is called: doan-vien-<unit>-<yyyymmdd>.xlsx."""
    return (
        f"doan-vien-{slugify_vi(unit.short_name or unit.name)}-{timezone.localdate():%Y%m%d}.xlsx"
    )


def export_description(unit: Unit) -> str:
    """How the export log names an export of `unit`."""
    return _("Members of %(unit)s (Excel)") % {"unit": unit.name}


def goes_to_background(count: int) -> bool:
    """An export of this many members is prepared by a task, not in the request."""
    return count > settings.EXPORT_IN_BACKGROUND_ABOVE


def request_export(*, user, unit: Unit) -> PreparedExport:
    """Record the export `user` asked for and queue it once the transaction commits.

    A second click while the same export is still being prepared leads to the same row:
    one file is built, not one per click. One still queued after STUCK_AFTER lost its task
    (a worker killed, a queue emptied): the click starts a new one instead.
    """
    now = timezone.now()
    waiting = (
        PreparedExport.objects.filter(
            user=user, unit=unit, status=Status.QUEUED, requested_at__gt=now - STUCK_AFTER
        )
        .order_by("-requested_at")
        .first()
    )
    if waiting is not None:
        return waiting
    export = PreparedExport.objects.create(
        user=user,
        unit=unit,
        requested_at=now,
        expires_at=now + timedelta(seconds=settings.PREPARED_EXPORT_MAX_AGE),
    )
    transaction.on_commit(lambda: enqueue(export.pk))
    return export


def enqueue(export_id: int) -> None:
    """Hand the export to the queue; a queue that cannot take it marks it failed."""
    from members.tasks import prepare_export as task

    try:
        task.enqueue(export_id)
    except Exception as error:
        logger.exception("Could not queue member export %s; it is marked failed", export_id)
        PreparedExport.objects.filter(pk=export_id, status=Status.QUEUED).update(
            status=Status.FAILED, error=describe_error(error), finished_at=timezone.now()
        )


def prepare_export(export_id: int) -> str:
    """Write the workbook of a queued export, or mark it failed (logged) if that breaks."""
    from members import selectors, spreadsheets

    export = PreparedExport.objects.select_related("unit").filter(pk=export_id).first()
    if export is None or export.status != Status.QUEUED:
        return "skipped"
    try:
        # A worker has no request: the file is written in the portal's language.
        with translation.override(settings.LANGUAGE_CODE):
            members = selectors.members_to_export(export.unit)
            content, count = spreadsheets.export_workbook(members)
        describe(
            export,
            InspectedFile(
                kind=KINDS["xlsx"],
                original_name=export_name(export.unit),
                size=len(content),
                checksum=hashlib.sha256(content).hexdigest(),
            ),
        )
        export.rows = count
        export.file.save(export.original_name, ContentFile(content), save=False)
    except Exception as error:
        logger.exception(
            "Member export %s of unit %s for user %s failed",
            export.pk,
            export.unit_id,
            export.user_id,
        )
        if export.file.name:
            export.file.storage.delete(export.file.name)
        PreparedExport.objects.filter(pk=export.pk).update(
            status=Status.FAILED, error=describe_error(error), finished_at=timezone.now()
        )
        return "failed"
    now = timezone.now()
    export.status = Status.READY
    export.finished_at = now
    export.uploaded_at = now
    export.save()
    return "ready"


def purge_prepared_exports(*, now=None) -> int:
    """Delete the files of exports past their expiry and mark them expired; return how many.

    The rows stay (their page says the link has expired); the bytes of personal data go.
    """
    now = now or timezone.now()
    purged = 0
    stale = PreparedExport.objects.filter(expires_at__lte=now).exclude(status=Status.EXPIRED)
    for export in stale:
        with transaction.atomic():
            forget_stored_file(export.file.storage, export.file.name)
            PreparedExport.objects.filter(pk=export.pk).update(status=Status.EXPIRED, file="")
        purged += 1
    if purged:
        logger.info("Deleted %d prepared member exports past their expiry", purged)
    return purged
