"""The public congress pages, and how the app plugs into the site: menu, home, search,
sitemap, RSS, the figures page."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congress.models import Ballot, Congress, Stage, Target
from congress.services import save_congress
from tests.congress.factories import (
    add_document,
    add_programme,
    add_subcommittee,
    add_target,
    make_congress,
    make_thirteenth,
    make_ward_congress,
    record_progress,
    today,
    year,
)
from tests.congress.factories_delegates import KNOWN_LIST, make_ballot, make_delegate
from tests.documents.factories import make_classifications, make_document
from tests.factories import make_approver, make_site_profile
from tests.helpers import section, shows, text_of, vi
from tests.members.factories import make_register
from tests.news.factories import DRAFT, make_article, make_categories


@pytest.fixture(autouse=True)
def profile(db):
    return make_site_profile()


def titles_in(html: str) -> list[str]:
    return re.findall(r'<p class="congress-row-title"><a href="[^"]+">([^<]+)</a>', html)


# ---------------------------------------------------------------------------------------
# /dai-hoi/


def test_the_list_puts_the_coming_congress_first_then_past_terms_by_level(
    visitor, twelfth, thirteenth, tree
):
    ward = make_ward_congress(tree)
    response = visitor.get("/dai-hoi/")
    assert response.status_code == 200
    html = text_of(response)
    current = section(response, r'<section aria-labelledby="current-title">.*?</section>')
    past = section(response, r'<section aria-labelledby="past-title">.*?</section>')
    assert thirteenth.title in current
    assert twelfth.title not in current
    assert titles_in(past) == [twelfth.title, ward.title]  # province level before ward level
    assert past.index(tree.kinds["province"].name) < past.index(tree.kinds["commune"].name)
    assert vi("%(days)s day to go", "%(days)s days to go", 12) % {"days": 12} in html
    assert "Đại hội Liên đoàn Lao động tỉnh Điện Biên lần thứ XIII" in html


def test_the_list_filters_by_level_and_term(visitor, twelfth, tree):
    ward = make_ward_congress(tree)
    by_level = text_of(visitor.get("/dai-hoi/", {"level": tree.kinds["commune"].pk}))
    assert titles_in(by_level) == [ward.title]
    by_term = text_of(
        visitor.get("/dai-hoi/", {"term": f"{twelfth.term_start}-{twelfth.term_end}"})
    )
    assert titles_in(by_term) == [twelfth.title]


@pytest.mark.parametrize(
    "query", [{"term": "2023-abc"}, {"level": "ba"}, {"level": "999999"}, {"term": "9999-9999"}]
)
def test_a_malformed_filter_gets_the_page_and_a_vietnamese_message(visitor, twelfth, query):
    response = visitor.get("/dai-hoi/", query)
    assert response.status_code == 400
    assert shows(response, vi("Some choices could not be used; see the messages below them."))
    assert titles_in(text_of(response)) == []


def test_a_page_number_that_is_not_a_page_is_not_found(visitor, twelfth):
    assert visitor.get("/dai-hoi/", {"page": "7"}).status_code == 404
    assert visitor.get("/dai-hoi/", {"page": "x"}).status_code == 404


def test_a_congress_kept_off_the_public_site_is_not_listed_nor_shown(visitor, tree):
    hidden = make_congress(tree.school, 1, year() - 1, is_public=False)
    assert hidden.title not in text_of(visitor.get("/dai-hoi/"))
    assert visitor.get(hidden.get_absolute_url()).status_code == 404
    assert visitor.get("/dai-hoi/khong-co-dai-hoi-nay/").status_code == 404


def queries_of(client, path: str, **query) -> int:
    """The queries of one request with every cache empty (the site's counters included)."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path, query).status_code == 200
    return len(captured)


def test_the_list_costs_the_same_queries_for_many_congresses(visitor, tree):
    def count_queries():
        return queries_of(visitor, "/dai-hoi/", page="1")

    make_congress(tree.province, 1, 1990)
    few = count_queries()
    for ordinal, start in enumerate(range(1995, 2025, 5), start=2):
        make_congress(tree.province, ordinal, start)
    for unit in (tree.ward, tree.commune):
        make_congress(unit, 1, 2015)
    assert count_queries() == few
    # the terms and levels offered, the count, the page of congresses; the rest is the
    # site's frame and counters
    assert few <= 12  # with the about pages of the sub-menu, once per generation


# ---------------------------------------------------------------------------------------
# /dai-hoi/<slug>/


def test_the_page_of_a_congress_shows_its_facts(visitor, twelfth):
    response = visitor.get(twelfth.get_absolute_url())
    assert response.status_code == 200
    html = text_of(response)
    assert twelfth.slug == f"dai-hoi-ldld-tinh-dien-bien-{year() - 3}-{year() + 2}"
    assert "<h1" in html
    assert "lần thứ XII, nhiệm kỳ" in html
    assert "Đổi mới – Dân chủ – Đoàn kết – Phát triển" in html
    assert "33.997" in html
    assert ">250<" in html
    assert "Thứ " in html
    assert f"10/10/{year() - 3}" in html
    assert vi("Delegates' congress") in html
    assert "Hội trường Trung tâm Hội nghị tỉnh Điện Biên" in html
    assert "countdown-box" not in html


def test_a_coming_congress_counts_the_days(visitor, thirteenth):
    html = text_of(visitor.get(thirteenth.get_absolute_url()))
    assert section_text(html, "countdown-box") == "Còn 12 ngày"


def section_text(html: str, css_class: str) -> str:
    match = re.search(rf'class="{css_class}">(.*?)</p>', html, re.S)
    assert match, css_class
    return re.sub(r"<[^>]+>|\s+", " ", match.group(1)).strip()


def test_the_item_under_way_is_marked_while_in_session(visitor, tree):
    congress = make_congress(
        tree.ward, 1, year(), starts_on=today(), ends_on=today() + timedelta(days=1)
    )
    opening, *_later = add_programme(congress, today(), count=3)
    add_programme(congress, today() + timedelta(days=1), count=1)
    html = text_of(visitor.get(congress.get_absolute_url()))
    marked = re.findall(r'<li class="agenda-item[^"]*" aria-current="time">(.*?)</li>', html, re.S)
    assert len(marked) == 1
    assert opening.title in marked[0]
    assert vi("The congress is in session.") in html


def test_no_item_is_marked_before_the_congress(visitor, thirteenth):
    add_programme(thirteenth, thirteenth.starts_on, count=3)
    html = text_of(visitor.get(thirteenth.get_absolute_url()))
    assert 'aria-current="time"' not in html
    assert html.count('class="agenda-item') == 3


def test_subcommittees_show_their_public_part_never_their_tasks(visitor, thirteenth):
    add_subcommittee(thirteenth, late=2)
    html = text_of(visitor.get(thirteenth.get_absolute_url()))
    assert "Tiểu ban Văn kiện" in html
    assert "Đồng chí Lò Văn Mừng" in html
    assert "Chuẩn bị Báo cáo chính trị" in html
    assert "Gửi dự thảo báo cáo" not in html
    assert "Quàng Văn Ơn" not in html  # the members list is for staff


def test_documents_targets_and_news_are_on_the_page(visitor, twelfth, tree):
    kinds = make_classifications()
    report = make_document(
        "01/BC-LĐLĐ", kinds, summary="Báo cáo chính trị trình Đại hội lần thứ XII"
    )
    hidden = make_document("02/DT-LĐLĐ", kinds, summary="Dự thảo chưa công bố", is_public=False)
    add_document(twelfth, report)
    add_document(twelfth, hidden, role="draft-resolution")
    make_register(tree)
    add_target(
        twelfth,
        "Kết nạp mới 12 đoàn viên",
        12,
        "đoàn viên",
        measure=Target.Measure.MEMBERS_ADMITTED,
    )
    met = add_target(twelfth, "Thành lập 2 nghiệp đoàn", 2, "nghiệp đoàn", order=2)
    record_progress(met, **{f"y{year()}": "2"})
    approver = make_approver()
    categories = make_categories()
    make_article("Khai mạc Đại hội lần thứ XII", categories["union"], by=approver, congress=twelfth)
    make_article(
        "Bản nháp về Đại hội", categories["union"], by=approver, state=DRAFT, congress=twelfth
    )
    make_article("Tin không liên quan", categories["union"], by=approver)
    response = visitor.get(twelfth.get_absolute_url())
    html = text_of(response)
    assert report.get_absolute_url() in html
    assert "01/BC-LĐLĐ" in html
    assert "02/DT-LĐLĐ" not in html
    progress = re.findall(r'<progress max="100" value="([0-9.]+)" aria-label="([^"]+)">', html)
    assert progress == [("83.3", "Kết nạp mới 12 đoàn viên"), ("100.0", "Thành lập 2 nghiệp đoàn")]
    assert html.count('class="target-badge"') == 1
    assert "10/12 đoàn viên" in html
    assert (
        vi("Member register: admissions recorded since 1 January %(year)d", year=year() - 3) in html
    )
    assert "Khai mạc Đại hội lần thứ XII" in html
    assert "Bản nháp về Đại hội" not in html
    assert "Tin không liên quan" not in html


def test_the_page_costs_the_same_queries_whatever_it_holds(visitor, tree, twelfth):
    kinds = make_classifications()
    approver = make_approver()
    categories = make_categories()

    def fill(count: int, start: int):
        add_programme(twelfth, twelfth.starts_on + timedelta(days=start), count=count)
        for number in range(count):
            add_subcommittee(twelfth, late=1)
            document = make_document(f"{start + number}/BC-LĐLĐ", kinds)
            add_document(twelfth, document)
            add_target(
                twelfth,
                f"Kết nạp {number}",
                10,
                "đoàn viên",
                measure=Target.Measure.MEMBERS_ADMITTED,
            )
            record_progress(add_target(twelfth, f"Tự nhập {start + number}", 5, "%"), y2025="4")
            make_article(
                f"Tin đại hội {start} {number}", categories["union"], by=approver, congress=twelfth
            )

        for number in range(count):
            make_delegate(twelfth, KNOWN_LIST[(start + number) % 7], number=start + number)
        make_ballot(
            twelfth,
            Ballot.Body.EXECUTIVE,
            round=start + 1,
            seats=count,
            issued=100,
            valid=100,
            votes=[(f"Nguyễn Văn Ứng {start} {number}", 90) for number in range(count)],
        )

    def count_queries():
        return queries_of(visitor, twelfth.get_absolute_url())

    Congress.objects.filter(pk=twelfth.pk).update(recognised_on=twelfth.ends_on)
    fill(1, 0)
    few = count_queries()
    fill(5, 10)
    assert count_queries() == few
    page = text_of(visitor.get(twelfth.get_absolute_url()))
    assert "Nguyễn Văn Ứng 10 4" in page  # the results are on the page, with the delegates
    # the page: congress, sessions, subcommittees, documents, targets, their progress,
    # one query per measure, articles, the composition (3) and the results (2); the rest is
    # the site's frame and counters
    assert few <= 21  # and the about pages of the menu's sub-menu, once per generation


# ---------------------------------------------------------------------------------------
# Plugged into the site


def test_the_menu_has_congresses_between_documents_and_figures(visitor):
    html = text_of(visitor.get("/"))
    nav = re.findall(r'<nav class="main-nav".*?</nav>', html, re.S)[0]
    names = re.findall(r">([^<]+)</a>", nav)
    assert names[names.index("Văn bản") + 1] == "Đại hội"
    assert names.index("Đại hội") < names.index("Thống kê")  # welfare may come between


def test_the_home_page_counts_down_to_the_coming_congress(visitor, thirteenth, tree):
    make_congress(tree.ward, 1, year(), starts_on=today() + timedelta(days=5))  # a lower level
    html = text_of(visitor.get("/"))
    block = re.search(r'<section class="panel congress-block".*?</section>', html, re.S).group(0)
    assert thirteenth.title in block
    assert "Còn 12 ngày" in block


def test_no_congress_block_when_nothing_is_coming(visitor, twelfth):
    assert "congress-block" not in text_of(visitor.get("/"))


def test_a_congress_beyond_the_preparation_window_has_no_home_block(visitor, twelfth, tree):
    make_thirteenth(tree, days_ahead=400)
    assert "congress-block" not in text_of(visitor.get("/"))


def test_the_site_search_finds_a_congress_without_diacritics(visitor, twelfth, thirteenth):
    response = visitor.get("/tim-kiem/", {"q": "dai hoi dien bien lan thu XII"})
    html = text_of(response)
    assert twelfth.get_absolute_url() in html
    assert thirteenth.get_absolute_url() not in html  # XIII has not "xii" as a word
    motto = text_of(visitor.get("/tim-kiem/", {"q": "doan ket phat trien"}))
    assert twelfth.get_absolute_url() in motto
    assert vi("Congress") in motto


def test_the_search_leaves_out_a_congress_kept_off_the_site(visitor, tree):
    hidden = make_congress(tree.school, 1, year() - 1, is_public=False)
    html = text_of(visitor.get("/tim-kiem/", {"q": "dai hoi phan dinh giot"}))
    assert hidden.get_absolute_url() not in html


def test_the_sitemap_lists_public_congresses(visitor, twelfth, tree):
    hidden = make_congress(tree.school, 1, year() - 1, is_public=False)
    xml = text_of(visitor.get("/sitemap.xml"))
    assert twelfth.get_absolute_url() in xml
    assert hidden.get_absolute_url() not in xml


def test_the_rss_feed_carries_congress_news_only(visitor, twelfth):
    approver = make_approver()
    categories = make_categories()
    make_article("Bế mạc Đại hội lần thứ XII", categories["union"], by=approver, congress=twelfth)
    make_article("Tin không liên quan", categories["union"], by=approver)
    response = visitor.get("/dai-hoi/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    xml = text_of(response)
    assert "Bế mạc Đại hội lần thứ XII" in xml
    assert "Tin không liên quan" not in xml


def test_the_figures_page_shows_the_terms_targets(visitor, twelfth, thirteenth, tree):
    make_register(tree)
    add_target(
        twelfth,
        "Kết nạp mới 12 đoàn viên",
        12,
        "đoàn viên",
        measure=Target.Measure.MEMBERS_ADMITTED,
    )
    add_target(thirteenth, "Chỉ tiêu của nhiệm kỳ sau", 1, "%")
    html = text_of(visitor.get("/thong-ke/"))
    assert "Chỉ tiêu nhiệm kỳ " + twelfth.term in html
    assert '<progress max="100" value="83.3" aria-label="Kết nạp mới 12 đoàn viên">' in html
    assert "Chỉ tiêu của nhiệm kỳ sau" not in html


def test_the_figures_page_has_no_targets_section_without_a_congress(visitor, tree):
    assert "target-list" not in text_of(visitor.get("/thong-ke/"))


def test_an_edit_of_a_congress_shows_at_once(visitor, twelfth):
    assert "Khẩu hiệu mới" not in text_of(visitor.get(twelfth.get_absolute_url()))
    congress = Congress.objects.get(pk=twelfth.pk)
    congress.motto = "Khẩu hiệu mới"
    save_congress(congress)
    assert "Khẩu hiệu mới" in text_of(visitor.get(twelfth.get_absolute_url()))


def test_stage_labels_are_vietnamese(visitor, twelfth, thirteenth):
    html = text_of(visitor.get("/dai-hoi/"))
    assert f'<span class="stage stage-held">{vi_stage(Stage.HELD)}</span>' in html
    assert f'<span class="stage stage-preparing">{vi_stage(Stage.PREPARING)}</span>' in html


def vi_stage(stage) -> str:
    from django.utils import translation

    with translation.override("vi"):
        return str(stage.label)
