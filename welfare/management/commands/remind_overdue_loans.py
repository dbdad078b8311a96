"""Mail the borrowers and officers of overdue employment-fund loans (run it daily)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from welfare.services import REMIND_EVERY_DAYS, remind_overdue_loans


class Command(BaseCommand):
    help = (
        "Queue a reminder mail for every overdue loan (to the borrower and the officers of "
        f"the loan's unit), at most once every {REMIND_EVERY_DAYS} days per loan."
    )

    def add_arguments(self, parser):
        parser.add_argument("--on", help="The day to compute arrears for (YYYY-MM-DD); today.")

    def handle(self, *args, on=None, **options):
        try:
            day = date.fromisoformat(on) if on else None
        except ValueError as error:
            raise CommandError(f"--on must be a date like 2026-12-01, not {on!r}") from error
        reminded = remind_overdue_loans(day=day)
        self.stdout.write(f"Reminded {reminded} overdue loan(s).")
