"""The public archive: topics, orderings, a question with its cited documents, ratings,
views, related questions, the site search, RSS, the sitemap, the home block, the menu,
and the number of queries each page costs."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from federation import pagecache
from qa import services
from qa.models import Question, Rating
from tests.documents.factories import make_classifications, make_document
from tests.factories import browser
from tests.helpers import messages_of, section, text_of, vi
from tests.qa.factories import ask, make_published, published_days_ago


@pytest.fixture
def archive(topics, adviser):
    kinds = make_classifications()
    guidance = make_document(
        "52/HD-LĐLĐ",
        kinds,
        type="guidance",
        issuer="federation",
        summary="Hướng dẫn tổ chức đối thoại tại nơi làm việc",
    )
    hidden = make_document("25/TB-LĐLĐ", kinds, summary="Kết luận kiểm tra", is_public=False)
    overtime = make_published(
        topics["tien-luong"],
        "Làm thêm giờ được trả lương thế nào?",
        public_text="Tôi làm thêm buổi tối và Chủ nhật thì được trả bao nhiêu?",
        answer="<p>Ít nhất 150% ngày thường, 200% ngày nghỉ hằng tuần, 300% ngày lễ.</p>",
        documents=[guidance, hidden],
        adviser=adviser,
        views=40,
    )
    late = make_published(
        topics["tien-luong"],
        "Công ty trả lương chậm có phải đền bù không?",
        answer="<p>Chậm từ 15 ngày trở lên phải trả lãi.</p>",
        documents=[guidance],
        views=5,
    )
    minimum = make_published(
        topics["tien-luong"], "Mức lương tối thiểu vùng là bao nhiêu?", views=90
    )
    leave = make_published(
        topics["thoi-gio-lam-viec"], "Được nghỉ phép năm bao nhiêu ngày?", views=10
    )
    for days, question in ((1, overtime), (5, late), (9, minimum), (3, leave)):
        published_days_ago(question, days)
    return {
        "overtime": overtime,
        "late": late,
        "minimum": minimum,
        "leave": leave,
        "guidance": guidance,
        "hidden": hidden,
    }


def titles(response) -> list[str]:
    return re.findall(r'<p class="qa-row-title"><a href="[^"]+">([^<]+)</a>', text_of(response))


def test_the_archive_lists_newest_first_and_by_most_read(visitor, archive):
    assert titles(visitor.get("/hoi-dap/")) == [
        "Làm thêm giờ được trả lương thế nào?",
        "Được nghỉ phép năm bao nhiêu ngày?",
        "Công ty trả lương chậm có phải đền bù không?",
        "Mức lương tối thiểu vùng là bao nhiêu?",
    ]
    assert titles(visitor.get("/hoi-dap/?sort=xem-nhieu")) == [
        "Mức lương tối thiểu vùng là bao nhiêu?",
        "Làm thêm giờ được trả lương thế nào?",
        "Được nghỉ phép năm bao nhiêu ngày?",
        "Công ty trả lương chậm có phải đền bù không?",
    ]


def test_a_topic_has_its_page_and_its_filter(visitor, archive, topics):
    expected = [
        "Làm thêm giờ được trả lương thế nào?",
        "Công ty trả lương chậm có phải đền bù không?",
        "Mức lương tối thiểu vùng là bao nhiêu?",
    ]
    assert titles(visitor.get("/hoi-dap/chu-de/tien-luong/")) == expected
    assert titles(visitor.get("/hoi-dap/?topic=tien-luong")) == expected
    page = visitor.get("/hoi-dap/chu-de/thoi-gio-lam-viec/?sort=xem-nhieu")
    assert titles(page) == ["Được nghỉ phép năm bao nhiêu ngày?"]
    # The topic list counts the published answers of each topic.
    topics_block = section(visitor.get("/hoi-dap/"), r'<nav class="panel qa-topics".*?</nav>')
    assert 'Tiền lương</a> <span class="count">(3)</span>' in topics_block
    assert visitor.get("/hoi-dap/chu-de/khong-co/").status_code == 404


@pytest.mark.parametrize(
    "query", ["?topic=khong-co", "?sort=cu-nhat", "?topic=tien-luong&sort=%27%3B--"]
)
def test_a_malformed_query_gets_a_400_with_a_message_and_no_rows(visitor, archive, query):
    response = visitor.get("/hoi-dap/" + query)
    assert response.status_code == 400
    html = text_of(response)
    assert escape(vi("There is no such choice; pick one from the list.")) in html
    assert titles(response) == []


def test_a_page_number_that_is_not_a_page_is_a_404(visitor, archive):
    assert visitor.get("/hoi-dap/?page=99").status_code == 404


def test_a_question_shows_its_answer_and_links_the_documents_it_cites(visitor, archive):
    html = text_of(visitor.get(archive["overtime"].get_absolute_url()))
    assert "Ít nhất 150% ngày thường, 200% ngày nghỉ hằng tuần, 300% ngày lễ." in html
    assert f'<a href="/van-ban/{archive["guidance"].pk}/">Hướng dẫn 52/HD-LĐLĐ</a>' in html
    # A document the public may not see is not linked from a public answer.
    assert "25/TB-LĐLĐ" not in html


def test_related_questions_are_of_the_same_topic_those_citing_the_same_documents_first(
    visitor, archive
):
    page = visitor.get(archive["overtime"].get_absolute_url())
    block = section(page, r'<aside class="article-aside".*?</aside>')
    related = re.findall(r'<a href="[^"]+">([^<]+)</a>', block)
    assert related == [
        "Công ty trả lương chậm có phải đền bù không?",  # cites 52/HD-LĐLĐ too
        "Mức lương tối thiểu vùng là bao nhiêu?",
    ]
    assert "Được nghỉ phép năm" not in block


def test_a_view_is_counted_once_per_visit(archive, settings):
    question = archive["late"]
    reader = browser(address="117.4.2.9")
    for _time in range(3):
        assert reader.get(question.get_absolute_url()).status_code == 200
    question.refresh_from_db()
    assert question.views == 6
    browser(address="27.72.1.1").get(question.get_absolute_url())
    question.refresh_from_db()
    assert question.views == 7
    # A search engine's visit is not a view.
    browser(
        address="66.249.66.1", user_agent="Googlebot/2.1 (+http://www.google.com/bot.html)"
    ).get(question.get_absolute_url())
    question.refresh_from_db()
    assert question.views == 7


def test_a_reader_rates_an_answer_once_and_may_change_their_mind(archive):
    question = archive["overtime"]
    reader = browser(address="117.4.2.9")
    url = question.get_absolute_url() + "danh-gia/"
    response = reader.post(url, {"useful": "1"})
    assert response.status_code == 302
    page = reader.get(response["Location"])
    assert messages_of(page) == [vi("Thank you: your opinion of this answer is recorded.")]
    assert escape(vi("You found it useful.")) in text_of(page)
    reader.post(url, {"useful": "1"})
    assert Rating.objects.filter(question=question).count() == 1
    reader.post(url, {"useful": "0"})
    assert list(Rating.objects.filter(question=question).values_list("useful", flat=True)) == [
        False
    ]
    # Without the cookie (another browser session) the same visitor is still one voter.
    reader.cookies.clear()
    reader.post(url, {"useful": "1"})
    assert Rating.objects.filter(question=question).count() == 1
    # Another reader adds a vote.
    browser(address="27.72.1.1").post(url, {"useful": "1"})
    assert Rating.objects.filter(question=question, useful=True).count() == 2


def test_a_bad_rating_is_refused_and_an_unpublished_answer_cannot_be_rated(archive, topics):
    reader = browser(address="117.4.2.9")
    question = archive["overtime"]
    response = reader.post(question.get_absolute_url() + "danh-gia/", {"useful": "2"})
    assert response.status_code == 400
    assert escape(vi("Choose “Useful” or “Not useful”.")) in text_of(response)
    Question.objects.filter(pk=question.pk).update(status=Question.Status.ANSWERED)
    response = reader.post(question.get_absolute_url() + "danh-gia/", {"useful": "1"})
    assert response.status_code == 404
    assert not Rating.objects.exists()


def test_ratings_from_one_address_are_limited(archive, settings):
    settings.QA_RATINGS_PER_ADDRESS = 2
    questions = [archive["overtime"], archive["late"], archive["minimum"]]
    statuses = [
        browser(address="117.4.2.9", user_agent=f"Trình duyệt {n}")
        .post(question.get_absolute_url() + "danh-gia/", {"useful": "1"})
        .status_code
        for n, question in enumerate(questions)
    ]
    assert statuses == [302, 302, 429]
    assert Rating.objects.count() == 2


def test_the_site_search_finds_answers_without_diacritics_best_first(visitor, archive):
    html = text_of(visitor.get("/tim-kiem/?q=lam+them+gio"))
    assert "Làm thêm giờ" in html.replace("<mark>", "").replace("</mark>", "")
    assert archive["overtime"].get_absolute_url() in html
    assert vi("Legal Q&A") in html
    # What was asked in private is not searched: only the public question and answer.
    assert "Lò Thị Hương" not in html
    assert archive["leave"].get_absolute_url() not in html


def test_the_feed_lists_the_newest_answers(visitor, archive):
    response = visitor.get("/hoi-dap/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    xml = text_of(response)
    assert xml.index("Làm thêm giờ được trả lương thế nào?") < xml.index(
        "Mức lương tối thiểu vùng là bao nhiêu?"
    )
    assert "<category>Tiền lương</category>" in xml


def test_the_sitemap_lists_the_published_answers_and_the_topics(visitor, archive, topics):
    Question.objects.filter(pk=archive["leave"].pk).update(status=Question.Status.ANSWERED)
    xml = text_of(visitor.get("/sitemap.xml"))
    assert "/hoi-dap/lam-them-gio-duoc-tra-luong-the-nao/" in xml
    assert "/hoi-dap/chu-de/tien-luong/" in xml
    assert "/hoi-dap/gui-cau-hoi/" in xml
    assert archive["leave"].get_absolute_url() not in xml


def test_the_home_page_shows_the_most_asked(visitor, archive):
    block = section(visitor.get("/"), r'<section class="panel qa-most-asked".*?</section>')
    assert re.findall(r'<li><a href="[^"]+">([^<]+)</a></li>', block) == [
        "Mức lương tối thiểu vùng là bao nhiêu?",
        "Làm thêm giờ được trả lương thế nào?",
        "Được nghỉ phép năm bao nhiêu ngày?",
        "Công ty trả lương chậm có phải đền bù không?",
    ]


def test_the_menu_leads_to_the_archive(visitor, archive):
    nav = section(visitor.get("/"), r'<nav class="main-nav".*?</nav>')
    assert f'href="/hoi-dap/">{vi("Legal Q&A")}</a>' in nav
    # After the congresses, before the figures.
    assert nav.index("/dai-hoi/") < nav.index("/hoi-dap/") < nav.index("/thong-ke/")


def count_queries(client, url) -> int:
    client.get(url)  # warm the menu's sub-menu and the page cache generation
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    count = len(captured)
    assert response.status_code == 200
    return count


def test_the_list_costs_the_same_few_queries_whatever_its_length(archive, topics, settings):
    settings.PAGE_CACHE_SECONDS = 0
    few = count_queries(browser(address="117.4.2.9"), "/hoi-dap/")
    for number in range(10):
        make_published(topics["bao-hiem-xa-hoi"], f"Câu hỏi bảo hiểm số {number}")
    many = count_queries(browser(address="117.4.2.10"), "/hoi-dap/")
    assert many == few
    assert many <= 10


def test_the_question_page_costs_a_fixed_number_of_queries(archive, topics, settings):
    settings.PAGE_CACHE_SECONDS = 0
    url = archive["overtime"].get_absolute_url()
    few = count_queries(browser(address="117.4.2.9"), url)
    for number in range(6):
        make_published(topics["tien-luong"], f"Câu hỏi tiền lương số {number}")
    many = count_queries(browser(address="117.4.2.10"), url)
    assert many == few
    assert many <= 12


def test_a_question_asked_keeps_the_kept_pages_and_a_publication_renews_them(topics, adviser):
    question = ask(topics["tien-luong"])
    before = pagecache.generation()
    ask(topics["tien-luong"], text="Câu hỏi thứ hai về lương.")
    assert pagecache.generation() == before
    question.title, question.public_text, question.answer = "Lương", "Hỏi về lương", "<p>Đáp.</p>"
    services.save_question(question, user=adviser)
    assert pagecache.generation() == before
    services.publish_question(question, user=adviser)
    assert pagecache.generation() != before
