"""The demo's visitor counter: a year of believable history, not a row of zeros."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Avg, Sum
from django.utils import timezone

from federation import demo
from federation.models import DailyVisits, VisitorDay
from tests.factories import browser
from tests.federation.test_visitor_stats import footer_stats

pytestmark = pytest.mark.django_db


@pytest.fixture
def visits_step_only(monkeypatch, settings):
    """The profile, the logins and the visits, without the content steps."""
    settings.DEBUG = True
    settings.PAGE_CACHE_SECONDS = 0
    settings.VISITOR_STATS_CACHE_SECONDS = 0
    monkeypatch.setattr(
        demo,
        "_STEPS",
        {name: step for name, step in demo._STEPS.items() if name in ("federation", "visits")},
    )


def seed() -> None:
    call_command("seed_demo", stdout=StringIO())


def test_the_demo_counter_is_not_zero(visits_step_only):
    seed()

    stats = footer_stats(browser().get("/"))
    total = int(stats["total"].replace(".", ""))
    assert total > 200_000  # a year of a provincial portal
    assert int(stats["month"].replace(".", "")) > 0
    assert int(stats["today"].replace(".", "")) > 0


def test_the_history_covers_a_year_with_quieter_weekends(visits_step_only):
    seed()

    today = timezone.localdate()
    days = DailyVisits.objects.order_by("day").values_list("day", flat=True)
    assert days[0] == today - dt.timedelta(days=365)
    assert len(days) == 364  # yesterday and today are still counted live
    weekdays = DailyVisits.objects.filter(day__week_day__in=[2, 3, 4, 5, 6])
    weekends = DailyVisits.objects.filter(day__week_day__in=[1, 7])
    working = weekdays.aggregate(n=Avg("views"))["n"]
    resting = weekends.aggregate(n=Avg("views"))["n"]
    assert resting < working / 2
    # Every day has robots apart from its visitors, and fewer visitors than views.
    assert not DailyVisits.objects.filter(search_engines=0).exists()
    assert not DailyVisits.objects.filter(robots=0).exists()
    assert all(row.visitors < row.views for row in DailyVisits.objects.all())


def test_running_the_demo_again_adds_nothing_and_keeps_a_real_day(visits_step_only):
    real_day = timezone.localdate() - dt.timedelta(days=10)
    DailyVisits.objects.create(day=real_day, views=7, visitors=3)
    seed()
    first = (
        list(DailyVisits.objects.values_list("day", "views", "visitors", "robots")),
        VisitorDay.objects.aggregate(n=Sum("views"))["n"],
        VisitorDay.objects.count(),
    )

    seed()

    again = (
        list(DailyVisits.objects.values_list("day", "views", "visitors", "robots")),
        VisitorDay.objects.aggregate(n=Sum("views"))["n"],
        VisitorDay.objects.count(),
    )
    assert again == first
    assert DailyVisits.objects.get(day=real_day).views == 7
