"""Rules of the portal-wide records: counting visits and reading the visitor figures."""

import hashlib
import hmac
import logging
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from federation.models import DailyVisits, VisitorDay
from federation.net import client_ip

logger = logging.getLogger(__name__)

VISITOR_STATS_CACHE_KEY = "federation:visitor-stats"

# Search engines, link previews and scripted clients. An empty user agent is a script too.
BOT_USER_AGENT = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|archiver|facebookexternalhit|facebookcatalog|"
    r"mediapartners|adsbot|bingpreview|yandex|baidu|petalsearch|coccoc|headlesschrome|"
    r"lighthouse|pingdom|uptime|monitor|curl/|wget/|python-|httpclient|java/|go-http|okhttp|"
    r"scrapy|feedfetcher|validator",
    re.IGNORECASE,
)


def is_bot(user_agent: str) -> bool:
    return not user_agent.strip() or bool(BOT_USER_AGENT.search(user_agent))


def visitor_key(*, day: date, address: str, user_agent: str) -> str:
    """A keyed hash that tells visitors apart for one day without keeping who they are."""
    message = f"{day.isoformat()}|{address}|{user_agent}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:32]


def record_page_view(request) -> None:
    """Count one page view: a single upsert of this visitor's row for today."""
    now = timezone.now()
    day = timezone.localdate(now)
    user_agent = request.META.get("HTTP_USER_AGENT", "")[:512]
    key = visitor_key(day=day, address=client_ip(request), user_agent=user_agent)
    table = connection.ops.quote_name(VisitorDay._meta.db_table)
    moment = connection.ops.adapt_datetimefield_value(now)
    values = "VALUES (%s, %s, %s, 1, %s, %s)"
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # This statement is its own transaction: let it commit without waiting for the
        # disk. Every visitor's page view would otherwise queue on a WAL flush; a crash
        # of the database server loses at most the last fraction of a second of counts.
        values = (
            "SELECT %s::date, %s, %s, 1, %s::timestamptz, %s::timestamptz "
            "FROM (SELECT set_config('synchronous_commit', 'off', true)) AS settings"
        )
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (day, visitor, is_bot, views, first_seen, last_seen) "
                f"{values} "
                "ON CONFLICT (day, visitor) DO UPDATE SET "
                f"views = {table}.views + 1, last_seen = excluded.last_seen",
                [
                    connection.ops.adapt_datefield_value(day),
                    key,
                    is_bot(user_agent),
                    moment,
                    moment,
                ],
            )
    except DatabaseError:
        # A lost count must never cost the visitor the page.
        logger.exception("Could not record a page view")


@dataclass(frozen=True)
class VisitorStats:
    """The figures of the statistics block. Views count people, bots are kept apart."""

    online_visitors: int
    online_bots: int
    today: int
    month: int
    total: int
    bots_today: int

    @property
    def online(self) -> int:
        return self.online_visitors + self.online_bots


def roll_up_finished_days(today: date) -> None:
    """Move finished days into their daily totals and drop the per-visitor rows.

    Yesterday stays live a day longer so a request that began before midnight still
    finds its row. Safe to run from several processes at once: the totals are
    inserted once and the rows they came from are deleted in the same transaction.
    """
    cutoff = today - timedelta(days=1)
    with transaction.atomic():
        finished = (
            VisitorDay.objects.filter(day__lt=cutoff)
            .values("day")
            .annotate(
                people_views=Sum("views", filter=Q(is_bot=False), default=0),
                people=Count("pk", filter=Q(is_bot=False)),
                robot_views=Sum("views", filter=Q(is_bot=True), default=0),
                robots=Count("pk", filter=Q(is_bot=True)),
            )
        )
        totals = [
            DailyVisits(
                day=row["day"],
                views=row["people_views"],
                visitors=row["people"],
                bot_views=row["robot_views"],
                bots=row["robots"],
            )
            for row in finished
        ]
        if totals:
            DailyVisits.objects.bulk_create(totals, ignore_conflicts=True)
            VisitorDay.objects.filter(day__lt=cutoff).delete()


def compute_visitor_stats(now: datetime | None = None) -> VisitorStats:
    """Read the figures from the database (a few aggregate queries, no loops over rows)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    month_start = today.replace(day=1)
    roll_up_finished_days(today)

    live = VisitorDay.objects.aggregate(
        total=Sum("views", filter=Q(is_bot=False), default=0),
        month=Sum("views", filter=Q(is_bot=False, day__gte=month_start), default=0),
        today=Sum("views", filter=Q(is_bot=False, day=today), default=0),
        bots_today=Sum("views", filter=Q(is_bot=True, day=today), default=0),
        online_visitors=Count(
            "pk", filter=Q(is_bot=False, last_seen__gte=now - settings.VISITOR_ONLINE_WINDOW)
        ),
        online_bots=Count(
            "pk", filter=Q(is_bot=True, last_seen__gte=now - settings.VISITOR_ONLINE_WINDOW)
        ),
    )
    history = DailyVisits.objects.aggregate(
        total=Sum("views", default=0),
        month=Sum("views", filter=Q(day__gte=month_start), default=0),
    )
    return VisitorStats(
        online_visitors=live["online_visitors"],
        online_bots=live["online_bots"],
        today=live["today"],
        month=live["month"] + history["month"],
        total=live["total"] + history["total"],
        bots_today=live["bots_today"],
    )


def visitor_stats() -> VisitorStats:
    """The figures for the block on every page, recomputed at most every few seconds."""
    stats = cache.get(VISITOR_STATS_CACHE_KEY)
    if stats is None:
        stats = compute_visitor_stats()
        cache.set(VISITOR_STATS_CACHE_KEY, stats, settings.VISITOR_STATS_CACHE_SECONDS)
    return stats


def count_once_per_visit(request, scope: str) -> bool:
    """True the first time this visitor asks for `scope` within a visit; False for bots.

    Used for the view counters of articles and documents: reloading a page, or coming
    back to it within settings.VISIT_LENGTH, is not another view.
    """
    if request.method != "GET":
        return False
    user_agent = request.META.get("HTTP_USER_AGENT", "")[:512]
    if is_bot(user_agent):
        return False
    key = visitor_key(day=timezone.localdate(), address=client_ip(request), user_agent=user_agent)
    return cache.add(f"visit:{scope}:{key}", True, int(settings.VISIT_LENGTH.total_seconds()))


def within_rate_limit(request, scope: str, *, limit: int, window: timedelta) -> bool:
    """Count one more action of this address in `scope`; False once it passes `limit`."""
    address = hmac.new(
        settings.SECRET_KEY.encode(), client_ip(request).encode(), hashlib.sha256
    ).hexdigest()[:32]
    key = f"rate:{scope}:{address}"
    if cache.add(key, 1, int(window.total_seconds())):
        return True
    try:
        return cache.incr(key) <= limit
    except ValueError:
        # The key expired between add() and incr(): a new window begins.
        cache.add(key, 1, int(window.total_seconds()))
        return True
