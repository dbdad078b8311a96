"""Rules of the portal-wide records: counting visits and reading the visitor figures."""

import atexit
import hashlib
import hmac
import logging
import re
import threading
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from federation.models import DailyVisits, VisitorDay, VisitorKind

logger = logging.getLogger(__name__)

VISITOR_STATS_CACHE_KEY = "federation:visitor-stats"

# Search engines that name themselves in their user agent. Only these count as search
# engines: a browser without a window or a script is not one, whatever it does.
SEARCH_ENGINE_USER_AGENT = re.compile(
    r"googlebot|google-inspectiontool|googleother|adsbot-google|mediapartners-google|"
    r"storebot-google|bingbot|bingpreview|msnbot|adidxbot|coccocbot|yandex\w*/|baiduspider|"
    r"duckduckbot|duckassistbot|applebot|yahoo! slurp|sogou \w+ spider|seznambot|petalbot|"
    r"naverbot|yeti/|qwantbot|qwantify|exabot",
    re.IGNORECASE,
)
# Everything else that is not a person: scripts, headless and automated browsers, link
# previews, scrapers, monitoring, validators and other crawlers. An empty user agent too.
ROBOT_USER_AGENT = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|archiver|scraper|facebookexternalhit|facebookcatalog|"
    r"headless|phantomjs|puppeteer|playwright|selenium|webdriver|lighthouse|"
    r"pagespeed|gtmetrix|pingdom|uptime|monitor|statuscake|curl/|wget/|python-|python/|"
    r"aiohttp|httpx|httpclient|java/|go-http|okhttp|node-fetch|axios/|libwww|"
    r"guzzlehttp|ruby|postmanruntime|insomnia|scrapy|feedfetcher|validator|w3c_|"
    r"checklink|\bzgrab|masscan|nmap",
    re.IGNORECASE,
)


def classify_user_agent(user_agent: str) -> str:
    """VisitorKind of a user agent: search engines only by their own word."""
    if not user_agent.strip():
        return VisitorKind.ROBOT
    if SEARCH_ENGINE_USER_AGENT.search(user_agent):
        return VisitorKind.SEARCH_ENGINE
    if ROBOT_USER_AGENT.search(user_agent):
        return VisitorKind.ROBOT
    return VisitorKind.VISITOR


def is_bot(user_agent: str) -> bool:
    """Not a person: a search engine or another robot (their views count nothing)."""
    return classify_user_agent(user_agent) != VisitorKind.VISITOR


def visitor_key(*, day: date, address: str, user_agent: str) -> str:
    """A keyed hash that tells visitors apart for one day without keeping who they are."""
    message = f"{day.isoformat()}|{address}|{user_agent}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:32]


@dataclass(frozen=True)
class Visitor:
    """Who is asking, as the plain values the services take (built by net.visitor_of).

    `key` tells visitors apart for a day without keeping who they are; `kind` is a
    VisitorKind; `reading` is False for HEAD and for sending forms, which count nothing.
    """

    key: str
    address: str
    kind: str
    day: date
    reading: bool = True

    @property
    def countable(self) -> bool:
        """A person reading a page: their views and downloads are counted."""
        return self.reading and self.kind == VisitorKind.VISITOR


def make_visitor(*, address: str, user_agent: str, reading: bool = True, day=None) -> Visitor:
    user_agent = user_agent[:512]
    day = day or timezone.localdate()
    return Visitor(
        key=visitor_key(day=day, address=address, user_agent=user_agent),
        address=address,
        kind=classify_user_agent(user_agent),
        day=day,
        reading=reading,
    )


# Page views waiting to be written, per process: (day, visitor) → [kind, views, first, last].
_pending: dict[tuple[date, str], list] = {}
_pending_lock = threading.Lock()
_next_write = 0.0


def record_page_view(visitor: Visitor) -> None:
    """Count one page view of this visitor on their day.

    With PAGE_VIEW_WRITE_SECONDS at 0 every view is one upsert. Otherwise views are
    added up in the process and written at most that many seconds apart, one upsert
    per visitor and day, by the request that finds the time has come (and when the
    process exits): a page view then costs no database write, and a crash of an app
    server loses at most those seconds of counts.
    """
    now = timezone.now()
    day, key, kind = visitor.day, visitor.key, visitor.kind
    seconds = settings.PAGE_VIEW_WRITE_SECONDS
    if not seconds:
        _write_page_views([(day, key, kind, 1, now, now)])
        return
    global _next_write
    with _pending_lock:
        entry = _pending.get((day, key))
        if entry is None:
            _pending[(day, key)] = [kind, 1, now, now]
        else:
            entry[1] += 1
            entry[3] = now
        due = time.monotonic() >= _next_write
        if due:
            _next_write = time.monotonic() + seconds
    if due:
        write_pending_page_views()


def write_pending_page_views() -> int:
    """Write the views this process has added up; returns how many visitor-days it wrote."""
    with _pending_lock:
        # In one order everywhere: two processes writing their batches at once then lock the
        # same visitor-days one after the other, never each waiting on the other (deadlock).
        rows = [(day, key, *entry) for (day, key), entry in sorted(_pending.items())]
        _pending.clear()
    if rows:
        _write_page_views(rows)
    return len(rows)


atexit.register(write_pending_page_views)


def _write_page_views(rows) -> None:
    """Upsert (day, visitor, kind, views, first_seen, last_seen) rows: views are added."""
    table = connection.ops.quote_name(VisitorDay._meta.db_table)
    sql = (
        f"INSERT INTO {table} (day, visitor, kind, views, first_seen, last_seen) "
        "VALUES (%s, %s, %s, %s, %s, %s) "
        "ON CONFLICT (day, visitor) DO UPDATE SET "
        f"views = {table}.views + excluded.views, "
        f"last_seen = CASE WHEN excluded.last_seen > {table}.last_seen "
        f"THEN excluded.last_seen ELSE {table}.last_seen END"
    )
    params = [
        (
            connection.ops.adapt_datefield_value(day),
            key,
            kind,
            views,
            connection.ops.adapt_datetimefield_value(first),
            connection.ops.adapt_datetimefield_value(last),
        )
        for day, key, kind, views, first, last in rows
    ]
    try:
        if len(params) == 1:
            with connection.cursor() as cursor:
                cursor.execute(sql, params[0])
        else:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.executemany(sql, params)
    except DatabaseError:
        # A lost count must never cost the visitor the page.
        logger.exception("Could not record %d page views", len(rows))


@dataclass(frozen=True)
class VisitorStats:
    """The figures of the statistics block. Views count people; robots are kept apart."""

    online_visitors: int
    online_search_engines: int
    online_robots: int
    today: int
    month: int
    total: int
    search_engines_today: int
    robots_today: int

    @property
    def online(self) -> int:
        return self.online_visitors + self.online_search_engines + self.online_robots


_PEOPLE = Q(kind=VisitorKind.VISITOR)
_SEARCH_ENGINES = Q(kind=VisitorKind.SEARCH_ENGINE)
_ROBOTS = Q(kind=VisitorKind.ROBOT)


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
                people_views=Sum("views", filter=_PEOPLE, default=0),
                people=Count("pk", filter=_PEOPLE),
                search_engine_views=Sum("views", filter=_SEARCH_ENGINES, default=0),
                search_engines=Count("pk", filter=_SEARCH_ENGINES),
                robot_views=Sum("views", filter=_ROBOTS, default=0),
                robots=Count("pk", filter=_ROBOTS),
            )
        )
        totals = [
            DailyVisits(
                day=row["day"],
                views=row["people_views"],
                visitors=row["people"],
                search_engine_views=row["search_engine_views"],
                search_engines=row["search_engines"],
                robot_views=row["robot_views"],
                robots=row["robots"],
            )
            for row in finished
        ]
        if totals:
            keep_daily_totals(totals)
            VisitorDay.objects.filter(day__lt=cutoff).delete()


def keep_daily_totals(totals: list[DailyVisits]) -> int:
    """Store the totals of finished days; a day already kept is never changed.

    The roll-up and the demo's history both come through here. Returns how many rows
    were offered.
    """
    DailyVisits.objects.bulk_create(totals, batch_size=500, ignore_conflicts=True)
    return len(totals)


def compute_visitor_stats(now: datetime | None = None) -> VisitorStats:
    """Read the figures from the database (a few aggregate queries, no loops over rows)."""
    write_pending_page_views()  # this process's own views are in the figures it shows
    now = now or timezone.now()
    today = timezone.localdate(now)
    month_start = today.replace(day=1)
    roll_up_finished_days(today)

    online = Q(last_seen__gte=now - settings.VISITOR_ONLINE_WINDOW)
    live = VisitorDay.objects.aggregate(
        total=Sum("views", filter=_PEOPLE, default=0),
        month=Sum("views", filter=_PEOPLE & Q(day__gte=month_start), default=0),
        today=Sum("views", filter=_PEOPLE & Q(day=today), default=0),
        search_engines_today=Sum("views", filter=_SEARCH_ENGINES & Q(day=today), default=0),
        robots_today=Sum("views", filter=_ROBOTS & Q(day=today), default=0),
        online_visitors=Count("pk", filter=_PEOPLE & online),
        online_search_engines=Count("pk", filter=_SEARCH_ENGINES & online),
        online_robots=Count("pk", filter=_ROBOTS & online),
    )
    history = DailyVisits.objects.aggregate(
        total=Sum("views", default=0),
        month=Sum("views", filter=Q(day__gte=month_start), default=0),
    )
    return VisitorStats(
        online_visitors=live["online_visitors"],
        online_search_engines=live["online_search_engines"],
        online_robots=live["online_robots"],
        today=live["today"],
        month=live["month"] + history["month"],
        total=live["total"] + history["total"],
        search_engines_today=live["search_engines_today"],
        robots_today=live["robots_today"],
    )


def visitor_stats() -> VisitorStats:
    """The figures for the block on every page, recomputed at most every few seconds."""
    stats = cache.get(VISITOR_STATS_CACHE_KEY)
    if stats is None:
        stats = compute_visitor_stats()
        cache.set(VISITOR_STATS_CACHE_KEY, stats, settings.VISITOR_STATS_CACHE_SECONDS)
    return stats


def count_once_per_visit(visitor: Visitor, scope: str) -> bool:
    """True the first time this visitor reads `scope` within a visit; False for robots.

    Used for the view counters of articles and documents: reloading a page, or coming
    back to it within settings.VISIT_LENGTH, is not another view. HEAD requests count
    nothing (`visitor.reading` is False).
    """
    if not visitor.countable:
        return False
    key = f"visit:{scope}:{visitor.key}"
    return cache.add(key, True, int(settings.VISIT_LENGTH.total_seconds()))


def address_within_limit(address: str, scope: str, *, limit: int, window: timedelta) -> bool:
    """Count one more action of `address` in `scope`; False once it passes `limit`."""
    hashed = hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()[
        :32
    ]
    key = f"rate:{scope}:{hashed}"
    if cache.add(key, 1, int(window.total_seconds())):
        return True
    try:
        return cache.incr(key) <= limit
    except ValueError:
        # The key expired between add() and incr(): a new window begins.
        cache.add(key, 1, int(window.total_seconds()))
        return True
