"""How welfare plugs into the site: the figures page, the home block, the menu, the
sitemap, the site search, and kept pages made stale by a change of a programme."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_site_profile
from tests.helpers import section, text_of, vi
from tests.welfare.factories import make_officer, make_programme, today
from tests.welfare.public_data import CIRCUMSTANCES, counted_tet, more_grants, partners
from welfare import services
from welfare.models import Programme, ProgrammeStatus


@pytest.fixture(autouse=True)
def profile(db):
    return make_site_profile()


@pytest.fixture
def officers(tree, school_officer, builder_officer, ward_officer, commune_officer):
    clinic = make_officer("pham.thu.trang", tree.clinic, first_name="Phạm Thu", last_name="Trang")
    return {
        "school": school_officer,
        "builder": builder_officer,
        "ward": ward_officer,
        "commune": commune_officer,
        "clinic": clinic,
    }


@pytest.fixture
def tet(tree, members, officers):
    return counted_tet(tree, members, officers)


def welfare_section(response) -> str:
    return section(
        response,
        r'<section class="figure-section" aria-labelledby="welfare-figures-title">.*?</section>',
    )


def table_rows(html: str, caption: str) -> list[tuple[str, ...]]:
    table = re.search(
        rf'<caption class="visually-hidden">{re.escape(caption)}</caption>.*?</table>', html, re.S
    )
    assert table, caption
    return re.findall(
        r'<tr><th scope="row">([^<]+)</th><td class="num">([^<]+)</td>'
        r'<td class="num">([^<]+)</td></tr>',
        table.group(0),
    )


# ---------------------------------------------------------------------------------------
# /thong-ke/


def test_the_figures_page_shows_welfare_by_kind_year_and_unit(
    visitor, tet, tree, members, officers
):
    hidden = make_programme(tree.province, name="Hỗ trợ nội bộ", is_public=False)
    more_grants(hidden, tree.clinic, officers["clinic"], officers["commune"], 2, start=70)
    response = visitor.get("/thong-ke/")
    assert response.status_code == 200
    block = welfare_section(response)
    assert vi("Caring for members") in block
    year = str(today().year)
    assert table_rows(block, vi("Welfare by kind of programme")) == [
        ("Quà Tết Sum vầy", "3", "3.500.000")
    ]
    assert table_rows(block, vi("Welfare by year")) == [(year, "3", "3.500.000")]
    assert table_rows(block, vi("Welfare by upper-level union")) == [
        ("Công đoàn phường Mường Thanh", "2", "2.500.000"),
        ("Công đoàn xã Thanh Nưa", "1", "1.000.000"),
    ]
    # Each chart draws the rows of its table, the values said the short way.
    assert block.count('<svg class="bar-chart"') == 3
    assert "3,5 triệu</text>" in block
    assert "Hỗ trợ nội bộ" not in block  # kept off the site: not in any sum either
    for member in members.values():
        assert member.full_name not in text_of(response)
    assert CIRCUMSTANCES not in text_of(response)


def test_the_figures_page_has_no_welfare_section_before_anything_is_approved(visitor, tree):
    make_programme(tree.province, name="Tết Sum vầy năm nay")
    assert "welfare-figures-title" not in text_of(visitor.get("/thong-ke/"))


def figures_queries(client) -> int:
    """The queries of the figures page with every cache empty (its figures computed)."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/thong-ke/").status_code == 200
    return len(captured)


def test_the_welfare_figures_cost_the_same_queries_however_many_grants(
    visitor, tet, tree, officers
):
    few = figures_queries(visitor)
    more_grants(tet["programme"], tree.school, officers["school"], officers["ward"], 6)
    second = make_programme(tree.commune, name="Thăm hỏi ốm đau", year=today().year - 1)
    more_grants(second, tree.clinic, officers["clinic"], officers["commune"], 4, start=50)
    assert figures_queries(visitor) == few
    html = text_of(visitor.get("/thong-ke/"))
    assert str(today().year - 1) in welfare_section_html(html)


def welfare_section_html(html: str) -> str:
    match = re.search(r'aria-labelledby="welfare-figures-title">.*?</section>', html, re.S)
    assert match
    return match.group(0)


def test_the_welfare_figures_are_computed_in_a_fixed_number_of_queries(tet, tree, officers):
    from welfare.figures import compute_welfare_figures

    with CaptureQueriesContext(connection) as captured:
        compute_welfare_figures()
    few = len(captured)
    more_grants(tet["programme"], tree.school, officers["school"], officers["ward"], 5)
    with CaptureQueriesContext(connection) as captured:
        compute_welfare_figures()
    assert len(captured) == few
    # by kind, by year, the top unit, the branches' sums and their names
    assert few <= 5


# ---------------------------------------------------------------------------------------
# The home page and the menu


def home_block(html: str) -> str:
    match = re.search(r'<section class="panel welfare-block".*?</section>', html, re.S)
    return match.group(0) if match else ""


def test_the_welfare_figures_add_up_programmes_of_a_kind_and_a_year_from_two_sums(
    tet, tree, officers
):
    from welfare.figures import compute_welfare_figures

    year = today().year
    last_year = make_programme(tree.province, name="Tết Sum vầy năm trước", year=year - 1)
    more_grants(last_year, tree.school, officers["school"], officers["ward"], 2, start=80)
    with CaptureQueriesContext(connection) as captured:
        figures = compute_welfare_figures()
    totals = [(row["places"], row["amount"]) for row in figures["by_kind"]]
    assert [row["programme__kind__name"] for row in figures["by_kind"]] == ["Quà Tết Sum vầy"]
    assert totals == [(5, 5_500_000)]
    assert [
        (row["programme__year"], row["places"], row["amount"]) for row in figures["by_year"]
    ] == [
        (year - 1, 2, 2_000_000),
        (year, 3, 3_500_000),
    ]
    assert [(row["name"], row["amount"]) for row in figures["by_branch"]] == [
        ("Công đoàn phường Mường Thanh", 4_500_000),
        ("Công đoàn xã Thanh Nưa", 1_000_000),
    ]
    assert figures["headline"] == {"places": 5, "amount": 5_500_000, "beneficiaries": 5}
    # The grants are summed twice: by programme (added up by kind and year), by branch.
    summing = [query["sql"] for query in captured if '"welfare_grant"' in query["sql"]]
    assert len(summing) == 2


def test_the_home_page_shows_the_programme_running_with_its_totals(visitor, tet):
    block = home_block(text_of(visitor.get("/")))
    assert "Tết Sum vầy năm nay" in block
    assert "3 suất quà đã duyệt, trị giá 3,5 triệu đồng" in block
    assert tet["programme"].get_absolute_url() in block


@pytest.mark.parametrize(
    "change",
    [
        {"status": ProgrammeStatus.CLOSED},
        {"is_public": False},
        {"ends_on": "yesterday"},
        {"starts_on": "tomorrow"},
    ],
)
def test_no_home_block_when_no_public_programme_is_running(visitor, tree, change):
    fields = {
        key: today() - timedelta(days=1)
        if value == "yesterday"
        else today() + timedelta(days=1)
        if value == "tomorrow"
        else value
        for key, value in change.items()
    }
    fields.setdefault("starts_on", today() - timedelta(days=10))
    fields.setdefault("ends_on", today() + timedelta(days=10))
    make_programme(tree.province, name="Tết Sum vầy năm nay", **fields)
    assert home_block(text_of(visitor.get("/"))) == ""


def test_the_menu_has_welfare_between_congresses_and_figures(visitor):
    html = text_of(visitor.get("/"))
    nav = re.findall(r'<nav class="main-nav".*?</nav>', html, re.S)[0]
    names = re.findall(r">([^<]+)</a>", nav)
    assert names[names.index("Đại hội") + 1] == "Phúc lợi"
    assert names.index("Phúc lợi") < names.index("Thống kê")
    assert 'href="/phuc-loi/"' in nav


# ---------------------------------------------------------------------------------------
# Sitemap and search


def test_the_sitemap_lists_public_programmes_and_the_partners_page(visitor, tet, tree):
    hidden = make_programme(tree.province, name="Hỗ trợ nội bộ", is_public=False)
    xml = text_of(visitor.get("/sitemap.xml"))
    assert tet["programme"].get_absolute_url() in xml
    assert "/phuc-loi/doi-tac/" in xml
    assert "/phuc-loi/</loc>" in xml
    assert hidden.get_absolute_url() not in xml


def result_urls(client, query: str) -> list[str]:
    """The welfare addresses among the results, best first (the menu's entry left out)."""
    html = text_of(client.get("/tim-kiem/", {"q": query}))
    return [url for url in re.findall(r'<a href="(/phuc-loi/[^"]*)"', html) if url != "/phuc-loi/"]


def test_the_site_search_finds_programmes_and_offers_without_diacritics(
    visitor, tet, tree, admin_user
):
    found = partners(admin_user)
    hidden = make_programme(tree.province, name="Tết nội bộ", is_public=False)
    programme = tet["programme"]
    urls = result_urls(visitor, "tet sum vay")
    assert programme.get_absolute_url() in urls
    assert hidden.get_absolute_url() not in urls
    html = text_of(visitor.get("/tim-kiem/", {"q": "nha thuoc hong phuc"}))
    assert f"#doi-tac-{found['pharmacy'].slug}" in html
    assert vi("Partner offer") in html
    assert "Siêu thị Điện máy Hết Hạn" not in text_of(
        visitor.get("/tim-kiem/", {"q": "sieu thi dien may"})
    )
    assert "Phòng khám Chưa Công Bố" not in text_of(visitor.get("/tim-kiem/", {"q": "phong kham"}))


def test_the_search_ranks_the_name_typed_with_its_diacritics_first(visitor, tree):
    make_programme(tree.province, name="Tết sum vầy cho công nhân", description="Quà Tết.")
    make_programme(
        tree.province, kind="scholarship", name="Học bổng", description="Tết sum vay, học bổng."
    )
    urls = result_urls(visitor, "Tết sum vầy")
    assert urls[0] == Programme.objects.get(name="Tết sum vầy cho công nhân").get_absolute_url()


def test_the_search_never_finds_a_beneficiary(visitor, tet, members):
    for member in members.values():
        html = text_of(visitor.get("/tim-kiem/", {"q": member.full_name}))
        assert "/phuc-loi/" not in re.sub(r'<nav class="main-nav".*?</nav>', "", html, flags=re.S)


# ---------------------------------------------------------------------------------------
# Kept pages


def test_a_change_of_a_programme_shows_at_once(visitor, tet, admin_user):
    programme = tet["programme"]
    assert "Mô tả mới" not in text_of(visitor.get(programme.get_absolute_url()))
    changed = Programme.objects.get(pk=programme.pk)
    changed.description = "Mô tả mới"
    services.save_programme(programme=changed, user=admin_user)
    assert "Mô tả mới" in text_of(visitor.get(programme.get_absolute_url()))


def test_a_hidden_programme_leaves_the_list_at_once(visitor, tet, admin_user):
    programme = tet["programme"]
    assert programme.name in text_of(visitor.get("/phuc-loi/"))
    changed = Programme.objects.get(pk=programme.pk)
    changed.is_public = False
    services.save_programme(programme=changed, user=admin_user)
    assert programme.name not in text_of(visitor.get("/phuc-loi/"))
    assert visitor.get(programme.get_absolute_url()).status_code == 404
