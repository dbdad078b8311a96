"""The public welfare pages: /phuc-loi/, a programme's page and the partners' offers.

Totals only, never a person: no beneficiary's name, ID number or circumstances reaches a
public page; the totals count approved and handed-over grants and nothing else.
"""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.documents.factories import make_classifications, make_document
from tests.factories import make_approver, make_site_profile
from tests.helpers import section, shows, text_of, vi
from tests.news.factories import DRAFT, make_article, make_categories
from tests.welfare.factories import make_officer, make_programme, today
from tests.welfare.public_data import (
    CIRCUMSTANCES,
    add_houses,
    counted_tet,
    housing_programme,
    more_grants,
    partners,
)
from welfare.models import Partner, ProgrammeStatus


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


def private_data(members) -> list[str]:
    """What a public page must never show of the beneficiaries."""
    found = []
    for member in members.values():
        found += [member.full_name, member.national_id]
    return [*found, "Vũ Thị Hoa", "011190009999", CIRCUMSTANCES, "Gạo, dầu ăn"]


def assert_nothing_personal(html: str, members) -> None:
    for text in private_data(members):
        assert text not in html, text


def fresh(client, path, **query):
    cache.clear()  # the totals of a kept page may lag behind an approval
    return client.get(path, query)


# ---------------------------------------------------------------------------------------
# /phuc-loi/


def titles_in(html: str) -> list[str]:
    return re.findall(r'<p class="welfare-row-title"><a href="[^"]+">([^<]+)</a>', html)


def test_the_list_shows_each_programme_with_its_totals_only(visitor, tet, members):
    response = visitor.get("/phuc-loi/")
    assert response.status_code == 200
    html = text_of(response)
    assert titles_in(html) == ["Tết Sum vầy năm nay"]
    # Approved and handed over: 3 suất worth 3.500.000 đồng; the proposed and the
    # rejected grants are not counted.
    assert "3 suất quà đã duyệt, trị giá 3,5 triệu đồng" in html
    assert_nothing_personal(html, members)


def test_the_totals_count_approved_and_handed_over_grants_only(visitor, tet, officers, tree):
    tet_programme = tet["programme"]
    assert "3 suất quà đã duyệt, trị giá 3,5 triệu đồng" in text_of(fresh(visitor, "/phuc-loi/"))
    more_grants(tet_programme, tree.school, officers["school"], officers["ward"], 2)
    assert "5 suất quà đã duyệt, trị giá 5,5 triệu đồng" in text_of(fresh(visitor, "/phuc-loi/"))


def test_this_year_comes_first_then_past_years(visitor, tet, tree):
    make_programme(
        tree.province,
        kind="housing",
        name="Mái ấm Công đoàn năm trước",
        year=today().year - 1,
        status=ProgrammeStatus.SETTLED,
    )
    html = text_of(visitor.get("/phuc-loi/"))
    this_year = section_html(html, "this-year-title")
    past = section_html(html, "past-title")
    assert "Tết Sum vầy năm nay" in this_year
    assert "Mái ấm Công đoàn năm trước" in past
    assert vi("Nothing approved yet.") in past


def section_html(html: str, labelled_by: str) -> str:
    match = re.search(rf'<section aria-labelledby="{labelled_by}">.*?</section>', html, re.S)
    assert match, labelled_by
    return match.group(0)


def test_a_programme_kept_off_the_site_or_still_planned_is_neither_listed_nor_shown(visitor, tree):
    hidden = make_programme(tree.province, name="Hỗ trợ nội bộ", is_public=False)
    planned = make_programme(
        tree.province, name="Chương trình sắp tới", status=ProgrammeStatus.PLANNED
    )
    html = text_of(visitor.get("/phuc-loi/"))
    for programme in (hidden, planned):
        assert programme.name not in html
        assert visitor.get(programme.get_absolute_url()).status_code == 404
    assert visitor.get("/phuc-loi/khong-co-chuong-trinh-nay/").status_code == 404


def test_the_list_filters_by_kind_and_year(visitor, tet, tree):
    make_programme(
        tree.province,
        kind="housing",
        name="Mái ấm Công đoàn năm trước",
        year=today().year - 1,
        status=ProgrammeStatus.SETTLED,
    )
    by_kind = text_of(visitor.get("/phuc-loi/", {"kind": "housing"}))
    assert titles_in(by_kind) == ["Mái ấm Công đoàn năm trước"]
    by_year = text_of(visitor.get("/phuc-loi/", {"year": str(today().year)}))
    assert titles_in(by_year) == ["Tết Sum vầy năm nay"]


@pytest.mark.parametrize(
    "query", [{"kind": "khong-co"}, {"year": "abc"}, {"year": "1999"}, {"kind": "'; drop"}]
)
def test_a_malformed_filter_gets_the_page_and_a_vietnamese_message(visitor, tet, query):
    response = visitor.get("/phuc-loi/", query)
    assert response.status_code == 400
    assert shows(response, vi("Some choices could not be used; see the messages below them."))
    assert titles_in(text_of(response)) == []


def test_a_page_number_that_is_not_a_page_is_not_found(visitor, tet):
    assert visitor.get("/phuc-loi/", {"page": "9"}).status_code == 404
    assert visitor.get("/phuc-loi/", {"page": "x"}).status_code == 404


@pytest.fixture
def no_kept_pages(settings):
    """Every request renders its page (none is kept), so a second one can be counted."""
    settings.PAGE_CACHE_SECONDS = 0


def queries_of(client, path: str) -> int:
    """The queries of one request, once the menu's sub-menu is read for the generation."""
    assert client.get(path).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_totals_by_kind_cover_every_programme_listed_summed_once(
    visitor, tet, officers, tree, no_kept_pages, monkeypatch
):
    from welfare import views_public

    monkeypatch.setattr(views_public, "PAGE_SIZE", 1)
    last_year = make_programme(tree.province, name="Tết Sum vầy năm trước", year=today().year - 1)
    more_grants(last_year, tree.school, officers["school"], officers["ward"], 2)
    visitor.get("/phuc-loi/")  # the menu's sub-menu, read once per generation
    with CaptureQueriesContext(connection) as captured:
        html = text_of(visitor.get("/phuc-loi/"))
    # One programme on the page, the totals by kind of both: 3 + 2 suất.
    assert titles_in(html) == ["Tết Sum vầy năm nay"]
    assert kind_rows(html) == [("Quà Tết Sum vầy", "5", "5.500.000")]
    # The grants are summed once for the headlines and the kinds, from their own table.
    summing = [query["sql"] for query in captured if '"welfare_grant"' in query["sql"]]
    assert len(summing) == 1
    assert "JOIN" not in summing[0]
    last = text_of(visitor.get("/phuc-loi/", {"year": str(today().year - 1)}))
    assert kind_rows(last) == [("Quà Tết Sum vầy", "2", "2.000.000")]


def kind_rows(html: str) -> list[tuple[str, ...]]:
    table = section_of(html, r'<section class="figure-section" aria-labelledby="by-kind-title">')
    return re.findall(
        r'<tr><th scope="row">([^<]+)</th><td class="num">([^<]+)</td>'
        r'<td class="num">([^<]+)</td></tr>',
        table,
    )


def section_of(html: str, start: str) -> str:
    match = re.search(start + r".*?</section>", html, re.S)
    assert match, start
    return match.group(0)


def test_the_list_costs_the_same_queries_however_many_grants(
    visitor, tet, officers, tree, no_kept_pages
):
    few = queries_of(visitor, "/phuc-loi/")
    more_grants(tet["programme"], tree.school, officers["school"], officers["ward"], 8)
    housing_programme(tree, officers, houses=4)
    assert queries_of(visitor, "/phuc-loi/") == few
    # the years offered, the kinds offered, the count, the page, its totals, the totals by
    # kind; the rest is the site's frame and counters
    assert few <= 14


# ---------------------------------------------------------------------------------------
# /phuc-loi/<slug>/


def test_the_programme_page_shows_facts_budget_and_totals_by_unit(visitor, tet, members):
    programme = tet["programme"]
    assert programme.get_absolute_url() == f"/phuc-loi/{programme.slug}/"
    response = visitor.get(programme.get_absolute_url())
    assert response.status_code == 200
    html = text_of(response)
    assert "<h1" in html
    assert "Tết Sum vầy năm nay" in html
    assert "Tặng quà Tết cho đoàn viên có hoàn cảnh khó khăn." in html
    assert "Đoàn viên công đoàn có hoàn cảnh đặc biệt khó khăn." in html
    assert "Thứ " in html
    assert f"01/01/{today().year}" in html
    assert "1.000.000 đồng" in html  # the standard gift
    # Budget: union finances 100.000.000 + the sponsor's pledge 50.000.000.
    budget = section(
        response, r'<section class="welfare-section" aria-labelledby="budget-title">.*?</section>'
    )
    assert "Ngân hàng TMCP Công Thương chi nhánh Điện Biên" in budget
    # Read out as a budget is: the union's own money first, sponsors after.
    assert budget.index(vi("Union finances")) < budget.index("Ngân hàng TMCP Công Thương")
    assert "50.000.000 đồng" in budget
    assert "20.000.000 đồng" in budget
    assert "150.000.000 đồng" in budget
    units = section(
        response, r'<section class="welfare-section" aria-labelledby="units-title">.*?</section>'
    )
    rows = re.findall(
        r'<tr><th scope="row">([^<]+)</th><td class="num">([^<]+)</td>'
        r'<td class="num">([^<]+)</td></tr>',
        units,
    )
    assert rows == [
        ("Công đoàn phường Mường Thanh", "2", "2.500.000"),
        ("Công đoàn xã Thanh Nưa", "1", "1.000.000"),
        (vi("Total"), "3", "3.500.000"),
    ]
    assert_nothing_personal(html, members)


def test_the_programme_page_links_its_public_documents_and_published_news(visitor, tet):
    programme = tet["programme"]
    kinds = make_classifications()
    plan = make_document("12/KH-LĐLĐ", kinds, summary="Kế hoạch tổ chức Tết Sum vầy")
    draft = make_document("13/KH-LĐLĐ", kinds, summary="Dự thảo chưa công bố", is_public=False)
    approver = make_approver()
    categories = make_categories()
    story = make_article("Trao 3 suất quà Tết Sum vầy", categories["union"], by=approver)
    unpublished = make_article("Bản nháp về quà Tết", categories["union"], by=approver, state=DRAFT)
    make_article("Tin không liên quan", categories["union"], by=approver)
    programme.documents.add(plan, draft)
    programme.articles.add(story, unpublished)
    html = text_of(visitor.get(programme.get_absolute_url()))
    assert plan.get_absolute_url() in html
    assert "12/KH-LĐLĐ" in html
    assert "13/KH-LĐLĐ" not in html
    assert "Trao 3 suất quà Tết Sum vầy" in html
    assert "Bản nháp về quà Tết" not in html
    assert "Tin không liên quan" not in html


def test_a_housing_programme_counts_houses_by_step_with_photos_and_no_names(
    visitor, tree, officers
):
    programme = housing_programme(tree, officers, houses=4)
    response = visitor.get(programme.get_absolute_url())
    html = text_of(response)
    assert "4 nhà Mái ấm Công đoàn đã duyệt, 200 triệu đồng" in html
    houses = section(response, r'aria-labelledby="houses-title">.*?</section>')
    steps = dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", houses))
    assert steps == {
        vi("Approved, survey to come"): "1",
        vi("Surveyed"): "1",
        vi("Under construction"): "1",
        vi("Handed over"): "1",
    }
    alts = re.findall(r'<img src="[^"]+" width="\d+" height="\d+" alt="([^"]*)"', houses)
    assert alts == [vi("The house before the work"), "Ngôi nhà mới mái tôn đỏ, tường gạch sơn vàng"]
    assert "gia đình chị" not in html  # the staff's description named the family
    assert "Lường Thị" not in html
    assert "bản Him Lam" not in html  # nor the house's address


def test_the_programme_page_costs_the_same_queries_however_many_grants(
    visitor, tree, officers, no_kept_pages
):
    programme = housing_programme(tree, officers, houses=2)
    path = programme.get_absolute_url()
    few = queries_of(visitor, path)
    add_houses(programme, tree, officers, houses=8, start=200)
    assert queries_of(visitor, path) == few
    # programme, amounts, sources, totals, by unit (2), documents, news, houses, photos;
    # the rest is the site's frame and counters
    assert few <= 18


# ---------------------------------------------------------------------------------------
# /phuc-loi/doi-tac/


def partner_names(html: str) -> list[str]:
    return re.findall(r'<h2 class="partner-name">([^<]+)</h2>', html)


def test_the_partners_page_hides_expired_and_hidden_offers_and_says_to_show_the_card(
    visitor, admin_user
):
    partners(admin_user)
    response = visitor.get("/phuc-loi/doi-tac/")
    assert response.status_code == 200
    html = text_of(response)
    assert partner_names(html) == [
        "Công ty Du lịch Điện Biên Xanh",
        "Nhà thuốc Hồng Phúc",
        "Trung tâm Ngoại ngữ Sao Mai",
    ]
    assert shows(response, vi("Show your union membership card at the partner to get the offer."))
    assert re.search(r'<img src="[^"]+\.webp" width="192" height="192" alt=""', html)
    assert "Siêu thị Điện máy Hết Hạn" not in html
    assert "Him Lam" not in html  # the expired offer's commune is not offered as a choice


def test_the_partners_page_filters_by_field_and_area(visitor, admin_user):
    partners(admin_user)
    assert partner_names(text_of(visitor.get("/phuc-loi/doi-tac/", {"field": "travel"}))) == [
        "Công ty Du lịch Điện Biên Xanh"
    ]
    assert partner_names(text_of(visitor.get("/phuc-loi/doi-tac/", {"province": "Lai Châu"}))) == [
        "Trung tâm Ngoại ngữ Sao Mai"
    ]
    assert partner_names(
        text_of(visitor.get("/phuc-loi/doi-tac/", {"commune": "Mường Thanh"}))
    ) == ["Nhà thuốc Hồng Phúc"]


@pytest.mark.parametrize(
    "query", [{"field": "casino"}, {"province": "Hà Nội"}, {"commune": "Him Lam"}]
)
def test_a_malformed_partner_filter_gets_the_page_and_a_vietnamese_message(
    visitor, admin_user, query
):
    partners(admin_user)
    response = visitor.get("/phuc-loi/doi-tac/", query)
    assert response.status_code == 400
    assert shows(response, vi("Some choices could not be used; see the messages below them."))
    assert partner_names(text_of(response)) == []


def test_an_offer_leaves_the_page_the_day_after_it_ends(visitor, admin_user):
    found = partners(admin_user)
    Partner.objects.filter(pk=found["pharmacy"].pk).update(valid_until=today() - timedelta(days=1))
    cache.clear()
    assert "Nhà thuốc Hồng Phúc" not in partner_names(text_of(visitor.get("/phuc-loi/doi-tac/")))
    Partner.objects.filter(pk=found["pharmacy"].pk).update(valid_until=today())
    cache.clear()
    assert "Nhà thuốc Hồng Phúc" in partner_names(text_of(visitor.get("/phuc-loi/doi-tac/")))
