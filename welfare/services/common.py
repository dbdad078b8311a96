"""What the welfare services share: the mail helper, the renditions' sizes, small checks."""

from django.db import IntegrityError, transaction

from federation.images import Rendition
from federation.mail import send_mail_later
from members.models import Officer

PHOTO_RENDITIONS = {
    "small": Rendition("small", 480),
    "large": Rendition("large", 1024),
}
LOGO_RENDITIONS = {
    "logo_small": Rendition("logo", 96, 96, pad=True),
    "logo_large": Rendition("logo-2x", 192, 192, pad=True),
}


def officer_emails(*unit_ids) -> list[str]:
    """The addresses of the officers of these units (those who gave one)."""
    emails = Officer.objects.filter(unit_id__in=[pk for pk in unit_ids if pk]).values_list(
        "user__email", flat=True
    )
    return sorted({email for email in emails if email})


def mail_after_commit(subject: str, body: str, recipients) -> None:
    """A mail sent by the task queue once the caller's transaction commits."""
    recipients = [address for address in recipients if address]
    if recipients:
        send_mail_later(subject, body, recipients)


def save_catching(instance, refusal) -> None:
    """Save in a savepoint; a unique constraint the database catches (a race between two
    clicks) becomes `refusal`, a ValidationError, instead of an error page."""
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as error:
        raise refusal from error
