"""/thong-ke/: the public figures, computed from the register and from accepted reports.

Known figures of make_register (active members, women, admitted this year):
ward 4, 2, 2 · commune 4, 3, 1 · power company 1, 0, 1 · province 9, 5, 4.
The figures are kept for members.figures.CACHE_SECONDS: the cache is cleared whenever
the data changes within a test.
"""

import html
import re

import pytest
from django.core.cache import cache

from federation.text import format_date
from members import figures as public_figures
from members import services
from members.models import Member, Report
from tests.factories import browser
from tests.helpers import text_of, vi
from tests.members.factories import (
    last_year,
    make_member,
    make_officer,
    open_period,
    today,
)

pytestmark = pytest.mark.django_db

FIGURES_URL = "/thong-ke/"


def plain(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"\s+", " ", fragment))).strip()


def section(page: str, title_id: str) -> str:
    found = re.search(rf'<section[^>]*aria-labelledby="{title_id}".*?</section>', page, re.S)
    assert found, f"the page has no section {title_id}"
    return found.group(0)


def table(fragment: str) -> list[list[str]]:
    body = re.search(r"<tbody>(.*?)</tbody>", fragment, re.S).group(1)
    return [
        [plain(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    ]


def cards(page: str) -> dict[str, str]:
    found = re.search(r'<dl class="figure-cards[^"]*">(.*?)</dl>', page, re.S)
    assert found, "the page has no figure cards"
    return {
        plain(label): plain(value)
        for label, value in re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", found.group(1), re.S)
    }


def figures_page() -> str:
    response = browser().get(FIGURES_URL)
    assert response.status_code == 200
    return text_of(response)


def test_the_headline_figures_match_the_register(tree, register):
    page = figures_page()
    year = today().year
    assert cards(page) == {
        vi("Grassroots unions"): "5",  # the dissolved cooperative is not counted
        vi("Members"): "9",  # Én left today
        vi("Female members"): "55,6 %",  # 5 of 9
        vi("Admitted in %(year)s", year=year): "4",
    }
    assert vi("The federation in figures") in html.unescape(page)


def test_figures_by_sector(tree, register):
    rows = table(section(figures_page(), "sector-title"))
    assert rows == [
        [vi("Administrative and public service"), "2", "3", "2"],
        [vi("State-owned enterprise"), "1", "1", "0"],
        [vi("Non-state enterprise"), "1", "2", "1"],
        [vi("Foreign-invested enterprise"), "1", "3", "2"],
    ]
    # The sectors add up to the headline.
    assert sum(int(row[2]) for row in rows) == Member.objects.active().count() == 9
    assert sum(int(row[1]) for row in rows) == 5


def test_figures_by_second_level_unit(tree, register):
    rows = table(section(figures_page(), "branch-title"))
    assert rows == [
        [tree.ward.name, "4", "2"],
        [tree.commune.name, "4", "3"],
        [tree.power.name, "1", "0"],
    ]


def test_admitted_by_year(tree, register):
    rows = table(section(figures_page(), "years-title"))
    year = today().year
    assert [row[0] for row in rows] == [str(year - 9 + index) for index in range(10)]
    by_year = {int(row[0]): int(row[1]) for row in rows}
    # This year: Hương, Dũng, Ánh, Huy. Last year: the six others (Én, who left, too).
    assert by_year[year] == 4
    assert by_year[year - 1] == 6
    assert sum(by_year.values()) == 10


def test_every_chart_has_its_table(tree, register):
    page = figures_page()
    charts = re.findall(r'<svg class="bar-chart"', page)
    assert len(charts) == 3
    for title in ("sector-title", "branch-title", "years-title"):
        part = section(page, title)
        assert part.count('<svg class="bar-chart"') == 1
        assert 'aria-hidden="true"' in re.search(r"<svg[^>]*>", part).group(0)
        assert "<table" in part
        assert re.search(r'<caption class="visually-hidden">[^<]+</caption>', part)
    # The bars are drawn to scale: the largest sector (public and foreign, 3) is full length.
    widths = [
        float(width)
        for width in re.findall(r'<rect[^>]*width="([\d.]+)%"', section(page, "sector-title"))
    ]
    assert max(widths) == public_figures.BAR_SPACE
    assert sorted(widths) == sorted(
        round(public_figures.BAR_SPACE * value / 3, 1) for value in (3, 1, 2, 3)
    )


def test_the_page_draws_with_no_script(tree, register):
    page = figures_page()
    main = page.split("<main", 1)[-1]
    assert "<script" not in section(page, "sector-title")
    assert "onload" not in main


def test_accepted_reports_are_summed_with_their_period_and_drafts_do_not_count(
    tree, register, django_capture_on_commit_callbacks
):
    period = open_period()
    commune = make_officer("ca.van.on", tree.commune)
    unions = {
        unit: make_officer(f"officer.{unit.pk}", unit)
        for unit in (tree.clinic, tree.garment, tree.school)
    }
    with django_capture_on_commit_callbacks(execute=True):
        for unit in (tree.clinic, tree.garment):
            report = Report.objects.get(period=period, unit=unit)
            services.submit_report(report=report, user=unions[unit])
            services.accept_report(report=report, user=commune)
        # The school submits larger figures, still waiting: they must not count.
        school = Report.objects.get(period=period, unit=tree.school)
        school.total_members, school.female_members = 50, 40
        school.change_note = "Số liệu chưa duyệt"
        services.submit_report(report=school, user=unions[tree.school])
    # The builder's report stays a draft.
    cache.clear()
    page = figures_page()
    rows = table(section(page, "reported-title"))
    # clinic 1 member (1 woman, none admitted), garment 3 (2 women, 1 admitted this year)
    assert rows == [[period.name, "2", "4", "3", "1"]]
    # The page says which figures come from the register and which from the reports.
    assert vi(
        "From the member register as of %(day)s; the last table sums the reports the "
        "federation has accepted.",
        day=format_date(today()),
    ) in html.unescape(page)


def test_without_accepted_reports_there_is_no_reported_table(tree, register):
    open_period()
    page = figures_page()
    assert 'aria-labelledby="reported-title"' not in page


def test_reports_of_two_periods_are_listed_oldest_first(
    tree, register, django_capture_on_commit_callbacks
):
    year = today().year
    older = open_period(
        f"Báo cáo sáu tháng đầu năm {year}",
        kind="half-year",
        starts_on=today().replace(month=1, day=1),
        ends_on=today().replace(month=6, day=30),
        deadline=today().replace(month=7, day=15),
    )
    newer = open_period()
    commune = make_officer("ca.van.on", tree.commune)
    clinic = make_officer("pham.thu.trang", tree.clinic)
    with django_capture_on_commit_callbacks(execute=True):
        for period in (older, newer):
            report = Report.objects.get(period=period, unit=tree.clinic)
            services.submit_report(report=report, user=clinic)
            services.accept_report(report=report, user=commune)
    rows = table(section(figures_page(), "reported-title"))
    assert [row[0] for row in rows] == [older.name, newer.name]


def test_no_personal_data_appears_on_the_page(tree, register, django_capture_on_commit_callbacks):
    period = open_period()
    commune = make_officer("ca.van.on", tree.commune)
    clinic = make_officer("pham.thu.trang", tree.clinic)
    with django_capture_on_commit_callbacks(execute=True):
        report = Report.objects.get(period=period, unit=tree.clinic)
        services.submit_report(report=report, user=clinic)
        services.accept_report(report=report, user=commune)
    page = html.unescape(figures_page())
    for member in Member.objects.all():
        assert member.full_name not in page
        assert member.national_id not in page
        if member.phone:
            assert member.phone not in page
        if member.card_number:
            assert member.card_number not in page
        if member.date_of_birth:
            assert f"{member.date_of_birth:%d/%m/%Y}" not in page
    # Nor the officers' names and addresses.
    for officer in (commune, clinic):
        assert officer.email not in page
        assert officer.username not in page


def test_the_figures_are_kept_for_a_few_minutes(tree, register):
    assert public_figures.CACHE_SECONDS == 300
    assert cards(figures_page())[vi("Members")] == "9"
    make_member(tree.clinic, "Lò Thị Ngọc", admitted_on=last_year())
    # Within the five minutes, the kept figures are served.
    assert public_figures.public_figures()["headline"]["members"] == 9
    cache.clear()
    assert cards(figures_page())[vi("Members")] == "10"


def test_the_figures_of_an_empty_register(db):
    page = figures_page()
    assert cards(page)[vi("Members")] == "0"
    assert cards(page)[vi("Female members")] == "0,0 %"
    assert 'aria-labelledby="branch-title"' not in page


def test_the_home_page_shows_the_figures_block(tree, register, site_profile):
    response = browser().get("/")
    assert response.status_code == 200
    page = text_of(response)
    block = re.search(r'<section class="panel figures-block".*?</section>', page, re.S)
    assert block, "the home page has no figures block"
    assert cards(block.group(0)) == {
        vi("Grassroots unions"): "5",
        vi("Members"): "9",
        vi("Female members"): "55,6 %",
    }
    assert 'href="/thong-ke/"' in block.group(0)


def test_the_home_page_has_no_figures_block_without_members(tree, site_profile):
    response = browser().get("/")
    assert response.status_code == 200
    assert "figures-block" not in text_of(response)


def test_big_figures_are_written_the_vietnamese_way(tree, site_profile):
    """Thousands with a dot: 1.250 đoàn viên, as officers write them."""
    computed = public_figures.compute_public_figures()
    computed["headline"].update(members=43512, unions=1447, female=20000, admitted=1250)
    cache.set(public_figures.CACHE_KEY, computed, public_figures.CACHE_SECONDS)
    figures = cards(figures_page())
    assert figures[vi("Members")] == "43.512"
    assert figures[vi("Grassroots unions")] == "1.447"
    assert Member.objects.count() == 0


def test_each_wide_table_scrolls_in_a_named_region_keyboard_users_can_reach(tree, register):
    page = figures_page()
    regions = re.findall(
        r'<div class="table-scroll"([^>]*)>\s*<table.*?<caption[^>]*>(.*?)<', page, re.S
    )
    assert len(regions) == 3
    for attributes, caption in regions:
        assert 'tabindex="0"' in attributes
        assert 'role="region"' in attributes
        assert f'aria-label="{caption}"' in attributes


def test_chart_labels_are_whole_and_wrapped_not_cut(tree, register):
    chart = public_figures.bars([("Doanh nghiệp có vốn đầu tư nước ngoài, khu công nghiệp", 5)])
    (bar,) = chart["bars"]
    assert bar.label == "Doanh nghiệp có vốn đầu tư nước ngoài, khu công nghiệp"
    assert all(len(line) <= public_figures.LABEL_WRAP for line in bar.lines)
    assert len(bar.lines) == 2
    page = figures_page()
    assert "…" not in section(page, "sector-title")
    assert "<svg" in page
    assert "viewBox" not in section(page, "sector-title")
