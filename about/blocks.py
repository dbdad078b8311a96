"""The home page's blocks of this app: campaign banners, today's schedule, the links."""

from django.utils.translation import gettext_lazy as _

from federation.home import HomeBlock


def banners(request):
    from about.services import shown_banners

    found = shown_banners()
    return {"banners": found} if found else None


def schedule_today(request):
    from django.utils import timezone

    from about.services import items_of_today

    items = items_of_today()
    return {"items": items, "today": timezone.localdate()} if items else None


def links(request):
    from about.services import shown_links

    found = shown_links()
    return {"links": found} if found else None


# Dates start and end at midnight: a block is read afresh at least every minute.
CACHE_SECONDS = 60

HOME_BLOCKS = [
    HomeBlock(
        "about-banners",
        "about/blocks/banners.html",
        banners,
        order=25,
        cache_seconds=CACHE_SECONDS,
        label=_("Campaign banners"),
    ),
    HomeBlock(
        "about-schedule-today",
        "about/blocks/schedule_today.html",
        schedule_today,
        order=30,
        region="aside",
        cache_seconds=CACHE_SECONDS,
        label=_("Today's work schedule"),
    ),
    HomeBlock(
        "about-links",
        "about/blocks/links.html",
        links,
        order=95,
        region="aside",
        cache_seconds=CACHE_SECONDS,
        label=_("Links"),
    ),
]
