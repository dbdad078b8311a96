"""The congress blocks of the home page: the congress coming up or in session, and the
grassroots season under way with its count."""

from datetime import timedelta

from django.db.models.functions import Length
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.models import Congress
from congress.services.core import preparation_days
from congress.views import current_or_upcoming, days_until
from federation.home import HomeBlock

CACHE_SECONDS = 30


def coming_congress(today):
    """The public congress in session or due within the preparation window, of the
    highest level (the province's before a ward's), the soonest first."""
    return (
        Congress.objects.public()
        .filter(
            current_or_upcoming(today),
            starts_on__isnull=False,
            starts_on__lte=today + timedelta(days=preparation_days()),
        )
        .select_related("unit")
        .order_by(Length("unit__path"), "starts_on", "pk")
        .first()
    )


def congress_block(request) -> dict | None:
    """A dict that may grow (the grassroots season adds its count); None when nothing is on."""
    today = timezone.localdate()
    block = {}
    congress = coming_congress(today)
    if congress is not None:
        block["congress"] = congress
        block["days_left"] = days_until(congress.starts_on, today)
        block["in_session"] = block["days_left"] is None
    return block or None


def season_block(request) -> dict | None:
    from congress.services.season import season_block_context

    return season_block_context()


HOME_BLOCKS = [
    HomeBlock(
        "congress",
        "congress/blocks/congress.html",
        congress_block,
        order=21,
        cache_seconds=CACHE_SECONDS,
        label=_("Congress countdown"),
    ),
    HomeBlock(
        "congress-season",
        "congress/season/block.html",
        season_block,
        order=22,
        cache_seconds=CACHE_SECONDS,
        label=_("Grassroots congress season"),
    ),
]
