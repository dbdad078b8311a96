"""Every email the portal sends goes through here: stored, then delivered by a task.

`send_mail_later()` writes the message as an `OutgoingMail` row in the caller's transaction
and enqueues `deliver_mail` once that transaction commits, so the officer's click never
waits on the mail server and a change that rolls back sends nothing. The task sends it;
a server that refuses or does not answer within `EMAIL_TIMEOUT` is tried again after each
delay of `MAIL_RETRY_SECONDS`, and a message that still fails is marked failed, logged,
and listed in the admin, where staff can send it again.

`without_mail()` holds every message back for a block of code: the demo loader runs the
same services officers use, and those tell the (invented) officers of each change.
"""

import logging
from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django_tasks import task

from federation.models import OutgoingMail
from federation.text import describe_error

logger = logging.getLogger(__name__)
Status = OutgoingMail.Status

_without_mail = ContextVar("without_mail", default=False)


@contextmanager
def without_mail():
    """Store and send no message in this block, nor from what it leaves for the commit.

    For the demo loader (congress/seed.py): the services it calls mail the officers of
    each change, most of them once the transaction commits (transaction.on_commit), after
    the block has ended; those callbacks are wrapped so that they run without mail too.
    """
    connection = transaction.get_connection()
    start = len(connection.run_on_commit)
    token = _without_mail.set(True)
    try:
        yield
    finally:
        _without_mail.reset(token)
        connection.run_on_commit[start:] = [
            (savepoints, _run_without_mail(callback), robust)
            for savepoints, callback, robust in connection.run_on_commit[start:]
        ]


def _run_without_mail(callback):
    def run():
        with without_mail():
            callback()

    return run


def send_mail_later(
    subject: str, body: str, recipients: Iterable[str], *, from_email: str = ""
) -> OutgoingMail | None:
    """Store a message and send it in the background once the current transaction commits.

    Nothing is stored for a message without a single address, nor within `without_mail()`.
    """
    recipients = [address for address in recipients if address]
    if not recipients or _without_mail.get():
        return None
    mail = OutgoingMail.objects.create(
        subject=subject, body=body, recipients=recipients, from_email=from_email
    )
    transaction.on_commit(lambda: enqueue(mail.pk))
    return mail


def enqueue(mail_id: int, *, delay: float = 0) -> None:
    """Hand a stored message to the queue; if the queue cannot take it, mark it failed.

    A queue that is down (Redis unreachable, say) neither fails the caller nor loses the
    message: it stays in the admin as failed, to be sent again from there.
    """
    deliver = deliver_mail
    if delay and deliver.get_backend().supports_defer:
        deliver = deliver.using(run_after=timezone.now() + timedelta(seconds=delay))
    try:
        deliver.enqueue(mail_id)
    except Exception as error:
        logger.exception("Could not queue mail %s; it is marked failed", mail_id)
        OutgoingMail.objects.filter(pk=mail_id).exclude(status=Status.SENT).update(
            status=Status.FAILED, last_error=describe_error(error), next_attempt_at=None
        )


@task()
def deliver_mail(mail_id: int) -> str:
    """Send one stored message; on failure, try again later or mark it failed."""
    now = timezone.now()
    # Claiming the row first means two deliveries of the same message (a retry from the
    # admin while one is queued) never both send it.
    claimed = OutgoingMail.objects.filter(pk=mail_id, status=Status.QUEUED).update(
        status=Status.SENDING, attempts=F("attempts") + 1, last_attempt_at=now
    )
    if not claimed:
        return "skipped"
    mail = OutgoingMail.objects.get(pk=mail_id)
    message = EmailMessage(mail.subject, mail.body, mail.from_email or None, list(mail.recipients))
    try:
        message.send()
    except Exception as error:
        return _failed(mail, error)
    OutgoingMail.objects.filter(pk=mail_id).update(
        status=Status.SENT, sent_at=timezone.now(), next_attempt_at=None
    )
    return "sent"


def _failed(mail: OutgoingMail, error: Exception) -> str:
    delays = settings.MAIL_RETRY_SECONDS
    if mail.attempts <= len(delays):
        delay = delays[mail.attempts - 1]
        logger.warning(
            "Mail %s (%s) not sent on attempt %d, trying again in %d s: %s",
            mail.pk,
            mail.subject,
            mail.attempts,
            delay,
            describe_error(error),
        )
        OutgoingMail.objects.filter(pk=mail.pk).update(
            status=Status.QUEUED,
            last_error=describe_error(error),
            next_attempt_at=timezone.now() + timedelta(seconds=delay),
        )
        enqueue(mail.pk, delay=delay)
        return "retrying"
    logger.error(
        "Mail %s (%s) to %s failed after %d attempts: %s",
        mail.pk,
        mail.subject,
        ", ".join(mail.recipients),
        mail.attempts,
        describe_error(error),
    )
    OutgoingMail.objects.filter(pk=mail.pk).update(
        status=Status.FAILED, last_error=describe_error(error), next_attempt_at=None
    )
    return "failed"


# A message still waiting or being sent this long after it was due lost its task (a worker
# killed mid-send, a queue emptied): staff may send it again like a failed one.
STUCK_AFTER = timedelta(hours=1)


def retry(mails) -> int:
    """Send failed (or stuck) messages again, each with a fresh round of attempts."""
    stuck = Q(status__in=[Status.QUEUED, Status.SENDING], due_at__lt=timezone.now() - STUCK_AFTER)
    ids = list(
        mails.annotate(due_at=Coalesce("next_attempt_at", "last_attempt_at", "created_at"))
        .filter(Q(status=Status.FAILED) | stuck)
        .values_list("pk", flat=True)
    )
    OutgoingMail.objects.filter(pk__in=ids).update(
        status=Status.QUEUED, attempts=0, next_attempt_at=None
    )
    for mail_id in ids:
        transaction.on_commit(lambda mail_id=mail_id: enqueue(mail_id))
    return len(ids)
