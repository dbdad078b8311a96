"""Build a believable demo federation. Safe to run twice; never touches real content."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from federation.demo import demo_steps, real_content
from federation.seed import DEMO_LOGINS


class Command(BaseCommand):
    help = "Load the demo content (idempotent). Refuses a database with real content."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though the database holds content that is not demo content.",
        )
        parser.add_argument(
            "--no-logins",
            action="store_true",
            help="Load the content without the demo user accounts.",
        )

    def handle(self, *args, force=False, no_logins=False, **options):
        logins = not no_logins
        if logins and not settings.DEBUG:
            raise CommandError(
                "Demo logins have published passwords and are only created with DEBUG=true. "
                "Use --no-logins to load the demo content without them."
            )
        found = real_content()
        if found and not force:
            raise CommandError(
                "This database holds content that seed_demo did not create ("
                + ", ".join(found)
                + "). Nothing was changed. Use --force to add the demo content anyway."
            )
        with transaction.atomic():
            for step in demo_steps():
                step.run(self.stdout, logins=logins)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        if logins:
            self.stdout.write("Demo logins (development only):")
            for username, password, *_rest, role in DEMO_LOGINS:
                self.stdout.write(f"  {role:<26} {username:<12} / {password}")
