"""Visitor statistics: what counts as a page view, bots kept apart, history kept forever.

The figures are read the way visitors see them: from the block in the footer of a page.
"""

import datetime as dt
import html
import re
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.db.models import Sum
from django.test import RequestFactory
from django.utils import translation
from django.utils.translation import gettext

from federation import services
from federation.models import DailyVisits, VisitorDay, VisitorKind
from federation.net import visitor_of
from federation.services import compute_visitor_stats, record_page_view
from tests.factories import BROWSER_UA, DESKTOP_UA, GOOGLEBOT_UA, browser

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
HEADLESS_CHROME_UA = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "HeadlessChrome/131.0.6778.204 Safari/537.36"
)

LABELS = {
    "online": "Online now",
    "online_visitors": "Visitors",
    "online_search_engines": "Search engines",
    "online_robots": "Other robots",
    "today": "Today",
    "month": "This month",
    "total": "Total page views",
}


def footer_stats(response) -> dict[str, str]:
    """The figures of the statistics block of a Vietnamese page, as printed."""
    page = response.content.decode()
    block = re.search(r'<section class="visitor-stats".*?</section>', page, re.S)
    assert block, "the page has no visitor statistics block"
    printed = {
        html.unescape(label.strip()): value.strip()
        for label, value in re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", block.group(0), re.S)
    }
    with translation.override("vi"):
        return {key: printed[gettext(label)] for key, label in LABELS.items()}


def people_views() -> int:
    people = VisitorDay.objects.filter(kind=VisitorKind.VISITOR)
    return people.aggregate(n=Sum("views", default=0))["n"]


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=HANOI)


class TestWhatCounts:
    def test_a_public_page_counts_one_view_for_its_visitor(self, visitor):
        assert visitor.get("/").status_code == 200
        assert visitor.get("/tim-kiem/").status_code == 200

        row = VisitorDay.objects.get()
        assert row.views == 2
        assert row.kind == VisitorKind.VISITOR

    def test_head_and_post_requests_do_not_count(self, visitor):
        assert visitor.head("/").status_code == 200
        assert visitor.post("/").status_code == 200
        assert not VisitorDay.objects.exists()

    @pytest.mark.parametrize(
        ("path", "status"),
        [
            ("/static/css/portal.css", 200),
            ("/quan-tri/login/", 200),
            ("/healthz", 200),
            ("/robots.txt", 200),
            ("/sitemap.xml", 200),
            ("/tai-khoan/dang-nhap/", 200),
            ("/trang-khong-ton-tai/", 404),
        ],
    )
    def test_files_machine_endpoints_admin_and_missing_pages_do_not_count(
        self, visitor, path, status
    ):
        assert visitor.get(path).status_code == status
        assert not VisitorDay.objects.exists()

    def test_staff_working_in_the_admin_are_not_counted(self, visitor, admin_user):
        visitor.force_login(admin_user)
        assert visitor.get("/quan-tri/").status_code == 200
        assert visitor.get("/quan-tri/federation/dailyvisits/").status_code == 200
        assert not VisitorDay.objects.exists()


class TestBots:
    def test_a_search_engine_is_online_apart_and_not_in_todays_views(self, db):
        browser(address="66.249.66.1", user_agent=GOOGLEBOT_UA).get("/")

        stats = compute_visitor_stats()
        assert (stats.online_search_engines, stats.online_robots, stats.online_visitors) == (
            1,
            0,
            0,
        )
        assert (stats.search_engines_today, stats.robots_today) == (1, 0)
        assert stats.today == 0
        assert stats.total == 0

    @pytest.mark.parametrize("user_agent", ["", "curl/8.5.0", HEADLESS_CHROME_UA])
    def test_other_robots_are_neither_visitors_nor_search_engines(self, db, user_agent):
        browser(address="66.249.66.1", user_agent=user_agent).get("/")

        stats = compute_visitor_stats()
        assert (stats.online_search_engines, stats.online_robots, stats.online_visitors) == (
            0,
            1,
            0,
        )
        assert (stats.search_engines_today, stats.robots_today) == (0, 1)
        assert stats.today == 0
        assert stats.total == 0

    def test_people_and_bots_side_by_side_in_the_footer(self, db, settings):
        settings.VISITOR_STATS_CACHE_SECONDS = 0
        settings.PAGE_CACHE_SECONDS = 0  # the footer of a kept page is as old as the page
        browser().get("/")
        browser(address="66.249.66.1", user_agent=GOOGLEBOT_UA).get("/")
        browser(address="66.249.66.2", user_agent="curl/8.5.0").get("/")

        stats = footer_stats(browser(address="27.72.100.5", user_agent=DESKTOP_UA).get("/"))
        assert stats["online"] == "3"
        assert stats["online_visitors"] == "1"
        assert stats["online_search_engines"] == "1"
        assert stats["online_robots"] == "1"
        assert stats["today"] == "1"


class TestOnline:
    @pytest.mark.parametrize(
        ("second_address", "second_agent"),
        [("27.72.100.5", BROWSER_UA), ("113.160.12.34", DESKTOP_UA)],
        ids=["other-address", "other-browser"],
    )
    def test_two_visitors_are_two_online(self, db, second_address, second_agent):
        browser(address="113.160.12.34", user_agent=BROWSER_UA).get("/")
        browser(address=second_address, user_agent=second_agent).get("/")

        stats = compute_visitor_stats()
        assert stats.online_visitors == 2
        assert stats.today == 2

    def test_one_visitor_reading_several_pages_is_one_online(self, visitor):
        for _ in range(3):
            visitor.get("/")
        stats = compute_visitor_stats()
        assert stats.online_visitors == 1
        assert stats.today == 3

    def test_a_visitor_leaves_the_online_count_after_five_minutes(self, db, time_machine):
        time_machine.move_to(at(2025, 5, 1, 9, 0), tick=False)
        browser().get("/")
        observer = browser(address="27.72.100.5", user_agent=DESKTOP_UA)

        time_machine.move_to(at(2025, 5, 1, 9, 4), tick=False)
        assert footer_stats(observer.get("/"))["online_visitors"] == "1"

        time_machine.move_to(at(2025, 5, 1, 9, 6), tick=False)
        other = browser(address="171.224.5.6", user_agent=DESKTOP_UA)
        stats = footer_stats(other.get("/"))
        # The first visitor (9:00) is gone; the observer (9:04) is still online.
        assert stats["online_visitors"] == "1"
        assert stats["today"] == "2"


class TestProxies:
    def test_forged_forwarded_for_does_not_make_new_visitors(self, db, settings):
        settings.TRUSTED_PROXY_COUNT = 0
        for forged in ("1.1.1.1", "8.8.8.8", "9.9.9.9"):
            browser(HTTP_X_FORWARDED_FOR=forged).get("/")
        assert VisitorDay.objects.count() == 1

    def test_address_appended_by_our_proxy_tells_visitors_apart(self, db, settings):
        settings.TRUSTED_PROXY_COUNT = 1
        for address in ("14.241.1.10", "14.241.2.20", "14.241.3.30"):
            browser(address="10.0.0.2", HTTP_X_FORWARDED_FOR=f"1.1.1.1, {address}").get("/")
        browser(address="10.0.0.2", HTTP_X_FORWARDED_FOR="2.2.2.2, 14.241.1.10").get("/")

        assert VisitorDay.objects.count() == 3
        assert people_views() == 4


class TestDays:
    def test_days_are_vietnamese_calendar_days(self, db, time_machine):
        """06:30 in Hà Nội on 31 January is still 30 January in UTC."""
        time_machine.move_to(at(2025, 1, 31, 6, 30), tick=False)
        browser().get("/")
        assert VisitorDay.objects.get().day == dt.date(2025, 1, 31)

    def test_finished_days_roll_up_and_the_total_survives_the_month_end(self, db, time_machine):
        """NukeViet resets its counters when the month turns; here the history stays."""
        time_machine.move_to(at(2025, 1, 30, 10, 0), tick=False)
        browser(address="113.160.12.34").get("/")
        browser(address="113.160.12.34").get("/tim-kiem/")
        browser(address="27.72.100.5").get("/")
        browser(address="66.249.66.1", user_agent=GOOGLEBOT_UA).get("/")
        browser(address="66.249.66.1", user_agent="Wget/1.21.4").get("/")
        browser(address="66.249.66.1", user_agent="Wget/1.21.4").get("/van-ban/")

        time_machine.move_to(at(2025, 1, 31, 21, 0), tick=False)
        browser(address="113.160.12.34").get("/")

        time_machine.move_to(at(2025, 2, 1, 8, 0), tick=False)
        stats = footer_stats(browser(address="171.224.5.6").get("/"))
        assert (stats["today"], stats["month"], stats["total"]) == ("0", "0", "4")
        # 30 January is finished: its totals are kept and its visitor rows are gone.
        january_30 = DailyVisits.objects.get(day=dt.date(2025, 1, 30))
        assert (january_30.views, january_30.visitors) == (3, 2)
        assert (january_30.search_engine_views, january_30.search_engines) == (1, 1)
        assert (january_30.robot_views, january_30.robots) == (2, 1)
        assert not VisitorDay.objects.filter(day=dt.date(2025, 1, 30)).exists()
        # Yesterday stays live a day longer.
        assert VisitorDay.objects.filter(day=dt.date(2025, 1, 31)).exists()

        time_machine.move_to(at(2025, 2, 2, 9, 0), tick=False)
        stats = footer_stats(browser(address="14.241.7.8").get("/"))
        assert (stats["today"], stats["month"], stats["total"]) == ("0", "1", "5")
        assert DailyVisits.objects.get(day=dt.date(2025, 1, 31)).views == 1
        assert set(VisitorDay.objects.values_list("day", flat=True)) == {
            dt.date(2025, 2, 1),
            dt.date(2025, 2, 2),
        }

        time_machine.move_to(at(2025, 3, 15, 9, 0), tick=False)
        stats = footer_stats(browser(address="14.241.7.8").get("/"))
        assert (stats["today"], stats["month"], stats["total"]) == ("0", "0", "6")
        assert list(DailyVisits.objects.values_list("day", "views")) == [
            (dt.date(2025, 2, 2), 1),
            (dt.date(2025, 2, 1), 1),
            (dt.date(2025, 1, 31), 1),
            (dt.date(2025, 1, 30), 3),
        ]


class TestFooterBlock:
    def test_block_prints_the_figures_with_vietnamese_thousands(self, db, time_machine):
        now = at(2025, 3, 20, 10, 0)
        time_machine.move_to(now, tick=False)
        DailyVisits.objects.create(day=dt.date(2025, 2, 15), views=98_765, visitors=9_000)
        DailyVisits.objects.create(day=dt.date(2025, 3, 10), views=1_234, visitors=800)
        earlier = now - dt.timedelta(hours=3)
        person, engine, robot = VisitorKind.VISITOR, VisitorKind.SEARCH_ENGINE, VisitorKind.ROBOT
        for visitor, day, views, kind, seen in [
            ("a" * 32, dt.date(2025, 3, 19), 5, person, now - dt.timedelta(days=1)),
            ("b" * 32, dt.date(2025, 3, 20), 3, person, now),
            ("c" * 32, dt.date(2025, 3, 20), 4, person, now - dt.timedelta(minutes=2)),
            ("d" * 32, dt.date(2025, 3, 20), 2, person, earlier),
            ("e" * 32, dt.date(2025, 3, 20), 9, engine, now),
            ("f" * 32, dt.date(2025, 3, 20), 7, robot, now),
        ]:
            VisitorDay.objects.create(
                day=day,
                visitor=visitor,
                views=views,
                kind=kind,
                first_seen=earlier,
                last_seen=seen,
            )

        stats = footer_stats(browser().get("/"))

        assert stats == {
            "online": "4",
            "online_visitors": "2",
            "online_search_engines": "1",
            "online_robots": "1",
            "today": "9",
            "month": "1.248",
            "total": "100.013",
        }

    def test_figures_are_cached_for_a_few_seconds_then_refreshed(self, db, settings, time_machine):
        settings.VISITOR_STATS_CACHE_SECONDS = 30
        settings.PAGE_CACHE_SECONDS = 0  # the footer of a kept page is as old as the page
        time_machine.move_to(at(2025, 4, 8, 14, 0, 0), tick=False)
        reader = browser()
        assert footer_stats(reader.get("/"))["today"] == "0"

        time_machine.move_to(at(2025, 4, 8, 14, 0, 20), tick=False)
        assert footer_stats(reader.get("/"))["today"] == "0"

        time_machine.move_to(at(2025, 4, 8, 14, 0, 31), tick=False)
        assert footer_stats(reader.get("/"))["today"] == "2"

    def test_block_is_on_every_page(self, visitor):
        for path in ("/", "/tim-kiem/", "/tai-khoan/dang-nhap/", "/trang-khong-ton-tai/"):
            assert 'class="visitor-stats"' in visitor.get(path).content.decode(), path


class TestPrivacy:
    def test_no_address_or_browser_string_is_stored(self, db):
        address = "203.113.131.7"
        browser(address=address).get("/")

        row = VisitorDay.objects.values().get()
        stored = " ".join(str(value) for value in row.values())
        assert address not in stored
        assert "203113131007" not in stored.replace(".", "")
        assert "Android" not in stored

    def test_the_same_person_cannot_be_followed_from_day_to_day(self, db, time_machine):
        time_machine.move_to(at(2025, 6, 2, 9, 0), tick=False)
        browser().get("/")
        time_machine.move_to(at(2025, 6, 3, 9, 0), tick=False)
        browser().get("/")

        keys = set(VisitorDay.objects.values_list("visitor", flat=True))
        assert len(keys) == 2


class TestCost:
    def test_warm_home_page_issues_exactly_one_query(
        self, visitor, site_profile, django_assert_num_queries
    ):
        assert visitor.get("/").status_code == 200  # warms the profile and figures caches

        with django_assert_num_queries(1) as captured:
            assert visitor.get("/").status_code == 200

        assert captured.captured_queries[0]["sql"].lstrip().upper().startswith("INSERT")
        assert people_views() == 2

    def test_recording_a_view_is_a_single_query(self, db, django_assert_num_queries):
        request = RequestFactory().get("/", headers={"user-agent": BROWSER_UA})
        with django_assert_num_queries(1):
            record_page_view(visitor_of(request))
        with django_assert_num_queries(1):
            record_page_view(visitor_of(request))
        assert VisitorDay.objects.get().views == 2


@pytest.fixture
def batched_views(settings):
    """Views added up in the process and written every 60 seconds, as in production."""
    settings.PAGE_VIEW_WRITE_SECONDS = 60
    services.write_pending_page_views()
    services._next_write = time.monotonic() + 60
    yield
    services.write_pending_page_views()


class TestBatchedWriting:
    def test_views_wait_in_the_process_then_are_written_one_row_per_visitor(
        self, db, batched_views, django_assert_num_queries
    ):
        reader = RequestFactory().get("/", headers={"user-agent": BROWSER_UA})
        other = RequestFactory().get("/", headers={"user-agent": DESKTOP_UA})
        with django_assert_num_queries(0):
            for _ in range(7):
                record_page_view(visitor_of(reader))
            for _ in range(3):
                record_page_view(visitor_of(other))
        assert not VisitorDay.objects.exists()

        assert services.write_pending_page_views() == 2
        assert sorted(VisitorDay.objects.values_list("views", flat=True)) == [3, 7]
        # Written again later, the counts add up rather than replace.
        record_page_view(visitor_of(reader))
        services.write_pending_page_views()
        assert sorted(VisitorDay.objects.values_list("views", flat=True)) == [3, 8]

    def test_the_figures_shown_include_views_not_yet_written(self, db, batched_views):
        for _ in range(4):
            record_page_view(
                visitor_of(RequestFactory().get("/", headers={"user-agent": BROWSER_UA}))
            )
        stats = compute_visitor_stats()
        assert (stats.today, stats.online_visitors) == (4, 1)
        assert people_views() == 4

    def test_views_are_written_when_the_time_has_come(self, db, batched_views):
        record_page_view(visitor_of(RequestFactory().get("/", headers={"user-agent": BROWSER_UA})))
        assert people_views() == 0
        services._next_write = time.monotonic() - 1  # the interval is over
        record_page_view(visitor_of(RequestFactory().get("/", headers={"user-agent": BROWSER_UA})))
        assert people_views() == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
@pytest.mark.xdist_group("request-floods")  # never two floods at once under xdist
@pytest.mark.parametrize("write_seconds", [0, 0.05], ids=["each-view", "batched"])
def test_concurrent_page_views_are_all_counted(
    live_server, transactional_db, settings, write_seconds
):
    """300 simultaneous requests from 10 visitors: not one view lost, not one visitor doubled."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.PAGE_VIEW_WRITE_SECONDS = write_seconds
    addresses = [f"14.241.{n}.{n + 10}" for n in range(10)]

    def fetch(number: int) -> int:
        request = urllib.request.Request(
            live_server.url + "/",
            headers={"User-Agent": BROWSER_UA, "X-Forwarded-For": addresses[number % 10]},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
            return response.status

    with ThreadPoolExecutor(max_workers=30) as pool:
        statuses = list(pool.map(fetch, range(300)))

    assert statuses == [200] * 300
    services.write_pending_page_views()  # what the server process still holds
    assert people_views() == 300
    assert VisitorDay.objects.filter(kind=VisitorKind.VISITOR).count() == 10
    assert not VisitorDay.objects.exclude(kind=VisitorKind.VISITOR).exists()
