"""What keeps the public congress pages fast on a whole province (bench/congress.py): the
congress page counts the register for its targets once in a few minutes, not on every
request, and the public season page answers in a fixed number of queries."""

import re
from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congress.models import Target
from congress.services.delegates import composition
from congress.services.targets import MEASURE_CACHE_SECONDS, targets_progress
from tests.congress.factories import add_target, year
from tests.congress.factories_delegates import (
    KNOWN_LIST,
    make_congress,
    make_delegate,
    make_known_list,
)
from tests.congress.factories_season import plan, term_slug
from tests.factories import make_site_profile
from tests.helpers import text_of, vi
from tests.members.factories import make_member, make_officer, make_register, make_unit

pytestmark = pytest.mark.django_db

Measure = Target.Measure
REGISTER_TABLES = ('"members_member"', '"members_membershipevent"')


def counts_the_register(sql: str) -> bool:
    return any(f"FROM {table}" in sql for table in REGISTER_TABLES)


@pytest.fixture(autouse=True)
def profile(db, settings):
    settings.PAGE_CACHE_SECONDS = 0  # every request renders its page
    return make_site_profile()


def captured_get(client, url):
    """The page and the SQL of one request (read right after it: the log is per request)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response, [query["sql"] for query in captured.captured_queries]


def figures_on(response) -> list[str]:
    """What each target has reached, as the congress page writes it."""
    return re.findall(r'class="target-figures">(.*?)</span>', text_of(response), re.S)


def test_the_congress_page_counts_the_register_once_in_a_few_minutes(
    visitor, twelfth, tree, django_assert_num_queries
):
    make_register(tree)  # ten members, four of them admitted this year
    add_target(
        twelfth, "Kết nạp mới 12 đoàn viên", 12, "đoàn viên", measure=Measure.MEMBERS_ADMITTED
    )
    add_target(twelfth, "Duy trì 20 đoàn viên", 20, "đoàn viên", measure=Measure.MEMBERS_TOTAL)
    url = twelfth.get_absolute_url()
    first, sql = captured_get(visitor, url)
    assert len([query for query in sql if counts_the_register(query)]) == 2  # one per measure
    assert figures_on(first) == [
        vi(
            "%(reached)s of %(goal)s %(unit)s (%(year)s)",
            reached=10,
            goal=12,
            unit="đoàn viên",
            year=year(),
        ),
        vi(
            "%(reached)s of %(goal)s %(unit)s (%(year)s)",
            reached=9,
            goal=20,
            unit="đoàn viên",
            year=year(),
        ),
    ]

    again, sql = captured_get(visitor, url)
    assert not [query for query in sql if counts_the_register(query)]
    assert figures_on(again) == figures_on(first)
    # the congress and its parts, the site's frame and counters: none counts the register
    with django_assert_num_queries(len(sql)):
        visitor.get(url)
    assert len(sql) <= 19


def test_staff_see_the_register_as_it_is_the_public_page_within_minutes(visitor, twelfth, tree):
    make_register(tree)
    add_target(twelfth, "Duy trì 20 đoàn viên", 20, "đoàn viên", measure=Measure.MEMBERS_TOTAL)
    url = twelfth.get_absolute_url()
    assert "9" in figures_on(visitor.get(url))[0]
    make_member(tree.school, "Lường Thị Oanh", born=date(1995, 2, 3))
    # The admin (and every page that does not keep figures) counts again at once.
    [status] = targets_progress(twelfth)
    assert status.latest.value == 10
    # The public page shows what it counted a moment ago, until the kept figures expire.
    assert "9" in figures_on(visitor.get(url))[0]
    assert MEASURE_CACHE_SECONDS == 300
    cache.clear()
    assert "10" in figures_on(visitor.get(url))[0]


def test_the_public_season_page_costs_the_same_queries_however_many_unions(
    tree, season, officers, visitor, django_assert_num_queries
):
    url = f"/dai-hoi/mua-dai-hoi/{term_slug(season)}/"
    plan(season, tree.school, officers["school"])
    assert visitor.get(url).status_code == 200  # the menu's sub-menu, read once
    _page, sql = captured_get(visitor, url)
    for number in range(30):
        unit = make_unit(
            f"Công đoàn cơ sở Trường Mầm non số {number + 1}",
            tree.kinds["grassroots"],
            tree.commune if number % 2 else tree.ward,
            sector="public",
        )
        if number % 3 == 0:
            plan(season, unit, make_officer(f"can.bo.mam.non.{number}", unit))
    assert visitor.get(url).status_code == 200  # a new page-cache generation: read again
    with django_assert_num_queries(len(sql)):
        response = visitor.get(url)
    assert "36" in text_of(response)  # 6 unions of the tree and 30 more
    assert len(sql) <= 8


def test_the_composition_reads_the_list_once_however_long(tree, django_assert_num_queries):
    congress = make_congress(tree.province)
    make_known_list(congress)  # seven accepted: Bình (27) the youngest, Dũng (53) the oldest
    for number in range(10, 40):
        make_delegate(congress, KNOWN_LIST[number % 7], number=number)
    make_delegate(congress, KNOWN_LIST[1])  # as young as Bình, not numbered: after him
    with django_assert_num_queries(1):
        table = composition(congress)
    assert (table.total, table.pending, table.refused) == (38, 1, 1)
    assert (table.youngest.name, table.youngest.age) == ("Nguyễn Văn Bình", 27)
    assert (table.oldest.name, table.oldest.age) == ("Quàng Văn Dũng", 53)
    assert sum(line.count for line in table.by_age) == table.total
