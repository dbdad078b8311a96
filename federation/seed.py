"""Demo content of the portal itself: the federation's profile, the demo logins, visits.

The content is data beside this loader: federation/demo_data/profile.yaml.
"""

import dataclasses
import random
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from federation import roles
from federation.demo import DemoDataError, build_spec, entry_name, is_demo, read_demo_data, remember
from federation.models import DailyVisits, SiteProfile, VisitorDay, VisitorKind
from federation.services import keep_daily_totals
from federation.text import format_number

DATA = read_demo_data(Path(__file__).resolve().parent / "demo_data" / "profile.yaml")

# A year of history: a provincial portal is read on working days, much less at weekends.
HISTORY_DAYS = DATA["visits"]["history_days"]
WEEKDAY_VIEWS = tuple(DATA["visits"]["weekday_views"])  # Monday … Sunday, a year ago
GROWTH_PER_YEAR = DATA["visits"]["growth_per_year"]  # readers found the new portal
VIEWS_PER_VISITOR = DATA["visits"]["views_per_visitor"]

DEMO_PROFILE = DATA["profile"]

# The introduction states the federation's size as the register has it when the demo is
# loaded: the "federation-size" step runs after the register's (demo_intro).
INTRO, SIZE = DATA["intro"], DATA["size"]


def demo_intro() -> str:
    """The demo's introduction, with the register's figures (none while it is empty)."""
    from members.figures import register_size

    size = register_size()
    if not size["members"]:
        return INTRO.format(size="")
    return INTRO.format(
        size=SIZE.format(
            members=format_number(size["members"]), unions=format_number(size["unions"])
        )
    )


@dataclasses.dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    first_name: str
    last_name: str
    staff: bool
    superuser: bool
    roles: tuple[str, ...]
    what: str


def _login(number: int, entry: dict) -> tuple:
    """(username, password, first name, last name, staff, superuser, roles, what they do)"""
    where = f"federation/demo_data/profile.yaml, login {entry_name(number, entry, 'username')}"
    login = build_spec(DemoLogin, entry, where)
    unknown = [name for name in login.roles if not isinstance(getattr(roles, name, None), str)]
    if unknown:
        raise DemoDataError(
            f"{where}: unknown role {', '.join(unknown)} (see federation/roles.py)."
        )
    groups = [getattr(roles, name) for name in login.roles]
    return (*dataclasses.astuple(login)[:6], groups, login.what)


DEMO_LOGINS = tuple(_login(n, entry) for n, entry in enumerate(DATA["logins"], start=1))


def seed_federation(stdout, *, logins: bool = True, **options) -> None:
    profile, _created = SiteProfile.objects.update_or_create(
        pk=1, defaults={**DEMO_PROFILE, "intro": demo_intro()}
    )
    remember(profile)
    if not logins:
        return
    User = get_user_model()
    for username, password, first, last, staff, superuser, groups, _role in DEMO_LOGINS:
        existing = User.objects.filter(username=username).first()
        if existing is not None and not is_demo(existing):
            # Even with --force, a real account is never given a published password.
            stdout.write(f"Skipped the demo login {username}: a real account has that name.")
            continue
        user, _created = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@ldld-dienbien.example.vn",
                "is_staff": staff,
                "is_superuser": superuser,
                "is_active": True,
            },
        )
        user.set_password(password)
        user.save(update_fields=["password"])
        user.groups.set(Group.objects.filter(name__in=groups))
        remember(user)


def demo_daily_totals(day: date) -> DailyVisits:
    """The believable totals of one past day, the same on every run for the same day."""
    rng = random.Random(day.toordinal())
    age = (timezone.localdate() - day).days
    trend = 1 + GROWTH_PER_YEAR * (HISTORY_DAYS - age) / HISTORY_DAYS
    views = round(WEEKDAY_VIEWS[day.weekday()] * trend * rng.uniform(0.8, 1.2))
    visitors = round(views / rng.uniform(VIEWS_PER_VISITOR - 0.4, VIEWS_PER_VISITOR + 0.4))
    search_engines = rng.randint(6, 14)
    robots = rng.randint(15, 40)
    return DailyVisits(
        day=day,
        views=views,
        visitors=visitors,
        search_engine_views=search_engines * rng.randint(8, 20),
        search_engines=search_engines,
        robot_views=robots * rng.randint(2, 6),
        robots=robots,
    )


def _demo_live_rows(day: date, share: float, now: datetime) -> list[VisitorDay]:
    """Visitor rows of a day still counted live (yesterday, today up to `now`)."""
    totals = demo_daily_totals(day)
    start = min(timezone.make_aware(datetime.combine(day, time(6, 30))), now - timedelta(hours=1))
    span = max((min(now, start + timedelta(hours=15)) - start).total_seconds(), 60)
    rng = random.Random(-day.toordinal())
    rows = []
    for kind, people, views in (
        (VisitorKind.VISITOR, totals.visitors, totals.views),
        (VisitorKind.SEARCH_ENGINE, totals.search_engines, totals.search_engine_views),
        (VisitorKind.ROBOT, totals.robots, totals.robot_views),
    ):
        count = max(1, round(people * share))
        each = max(1, round(views / max(people, 1)))
        for number in range(count):
            seen = start + timedelta(seconds=rng.uniform(0, span))
            rows.append(
                VisitorDay(
                    day=day,
                    # Not a keyed hash like a real visitor's: a demo row is known by its name.
                    visitor=f"demo-{kind}-{number}",
                    kind=kind,
                    views=rng.randint(1, 2 * each - 1),
                    first_seen=seen,
                    last_seen=min(seen + timedelta(minutes=rng.randint(0, 20)), now),
                )
            )
    return rows


def seed_visits(stdout, **options) -> None:
    """A year of daily visits with its weekly rhythm, and yesterday's and today's visitors.

    Goes through the same storage as the counter: finished days are kept once and never
    changed (a rerun, or a day the site really counted, keeps what is there), and the live
    rows have fixed names, so running the demo again adds nothing.
    """
    now = timezone.now()
    today = timezone.localdate(now)
    yesterday = today - timedelta(days=1)
    kept = keep_daily_totals(
        [demo_daily_totals(today - timedelta(days=age)) for age in range(2, HISTORY_DAYS + 1)]
    )
    elapsed = (now - timezone.make_aware(datetime.combine(today, time(6, 30)))).total_seconds()
    share_of_today = min(max(elapsed / (15 * 3600), 0.02), 1)
    live = _demo_live_rows(yesterday, 1, now) + _demo_live_rows(today, share_of_today, now)
    VisitorDay.objects.bulk_create(live, batch_size=500, ignore_conflicts=True)
    stdout.write(f"Visits: {kept} days of history, {len(live)} visitors of yesterday and today.")


def seed_federation_size(stdout, **options) -> None:
    """After the register is loaded: the demo introduction states its figures."""
    profile = SiteProfile.objects.filter(pk=1).first()
    if profile is None or not is_demo(profile):
        return
    profile.intro = demo_intro()
    profile.save(update_fields=["intro"])
