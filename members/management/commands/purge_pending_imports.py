"""Delete member import files that were checked but never confirmed (run it hourly)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from members.services import purge_pending_imports


class Command(BaseCommand):
    help = (
        "Delete uploaded member lists that were never confirmed within "
        "MEMBER_IMPORT_MAX_AGE seconds (they hold ID numbers and phones)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--max-age",
            type=int,
            default=None,
            help="Seconds a file may wait (default: the MEMBER_IMPORT_MAX_AGE setting).",
        )

    def handle(self, *args, max_age=None, **options):
        max_age = settings.MEMBER_IMPORT_MAX_AGE if max_age is None else max_age
        purged = purge_pending_imports(max_age=max_age)
        self.stdout.write(f"Deleted {purged} pending import file(s) older than {max_age} s.")
