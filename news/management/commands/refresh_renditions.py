"""Redraw article covers' and photos' renditions that are not WebP or have no size yet."""

from django.core.management.base import BaseCommand

from news.services import refresh_all_renditions


class Command(BaseCommand):
    help = "Redraw the renditions of news images that are not WebP or have no stored size."

    def handle(self, *args, **options):
        done = refresh_all_renditions(stdout=self.stdout)
        self.stdout.write(f"Redrew the renditions of {done} images.")
