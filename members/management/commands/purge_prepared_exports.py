"""Delete the files of prepared member exports past their expiry (run it hourly)."""

from django.core.management.base import BaseCommand

from members.services import purge_prepared_exports


class Command(BaseCommand):
    help = (
        "Delete the files of member exports prepared in the background once they are "
        "PREPARED_EXPORT_MAX_AGE seconds old (they hold ID numbers and phones)."
    )

    def handle(self, *args, **options):
        purged = purge_prepared_exports()
        self.stdout.write(f"Deleted {purged} expired prepared export file(s).")
