"""Searching the news at /tim-kiem/: accents optional, best matches first, words marked."""

import re

import pytest

from tests.news.factories import (
    DRAFT,
    EXPIRED,
    SCHEDULED,
    SUBMITTED,
    make_article,
    section,
    shows,
    text_of,
    vi,
)


def result_links(response) -> list[str]:
    """The addresses of the results, in the order shown."""
    return re.findall(r'<h2 class="result-title"><a href="([^"]+)">', text_of(response))


def search(client, query):
    response = client.get("/tim-kiem/", {"q": query})
    assert response.status_code == 200
    return response


@pytest.fixture
def library(categories, approver, editor):
    union, policy = categories["union"], categories["policy"]
    title_match = make_article(
        "Công đoàn tỉnh tổng kết phong trào thi đua năm 2025",
        union,
        by=approver,
        summary="Hội nghị tổng kết được tổ chức tại thành phố Lai Châu.",
        body="<p>Hội nghị biểu dương 45 tập thể và 120 cá nhân tiêu biểu.</p>",
        days_ago=10,
    )
    older_title_match = make_article(
        "Công đoàn ngành Giáo dục trao học bổng",
        union,
        by=approver,
        summary="Trao 80 suất học bổng cho con đoàn viên vượt khó.",
        days_ago=20,
    )
    body_match = make_article(
        "Chăm lo bữa ăn ca cho người lao động",
        policy,
        by=approver,
        summary="Nhiều nhà máy nâng giá trị bữa ăn ca lên 25.000 đồng.",
        body=(
            "<p>Theo đề nghị của tổ chức <strong>công đoàn</strong> cơ sở, các nhà máy "
            "đã tăng giá trị bữa ăn giữa ca từ tháng 5.</p>"
        ),
        days_ago=1,
    )
    # Both words' beginnings, far apart ("Công nhân", "doanh nghiệp"): the newest of all.
    scattered = make_article(
        "Tháng Công nhân tại các khu công nghiệp",
        policy,
        by=approver,
        summary="Nhiều doanh nghiệp tổ chức ngày hội cho người lao động.",
        days_ago=0.5,
    )
    unrelated = make_article(
        "Hội thi ảnh đẹp về người lao động",
        policy,
        by=approver,
        summary="Hơn 300 tác phẩm dự thi.",
        days_ago=2,
    )
    hidden = [
        make_article(f"Công đoàn – bài {state}", union, by=editor, state=state)
        for state in (DRAFT, SUBMITTED)
    ] + [
        make_article(f"Công đoàn – bài {state}", union, by=approver, state=state)
        for state in (SCHEDULED, EXPIRED)
    ]
    return {
        "title_match": title_match,
        "older_title_match": older_title_match,
        "body_match": body_match,
        "scattered": scattered,
        "unrelated": unrelated,
        "hidden": hidden,
    }


class TestSearch:
    def test_accents_and_capitals_are_optional(self, visitor, library):
        expected = [
            library["title_match"].get_absolute_url(),
            library["older_title_match"].get_absolute_url(),
            library["body_match"].get_absolute_url(),
        ]
        found = [result_links(search(visitor, query)) for query in ("cong doan", "Công Đoàn")]
        found += [result_links(search(visitor, query)) for query in ("công đoàn", "CONG ĐOAN")]
        assert found[0][:3] == expected
        assert all(links == found[0] for links in found)

    def test_title_matches_rank_above_body_matches_then_newest_first(self, visitor, library):
        links = result_links(search(visitor, "công đoàn"))
        position = {
            key: links.index(library[key].get_absolute_url())
            for key in ("title_match", "older_title_match", "body_match")
        }
        # Newer than both title matches, the body-only match still comes after them.
        assert position["title_match"] < position["older_title_match"] < position["body_match"]

    def test_the_words_together_rank_above_the_words_apart(self, visitor, library):
        links = result_links(search(visitor, "công đoàn"))
        scattered = library["scattered"].get_absolute_url()
        if scattered in links:  # word beginnings match: "doan" begins "doanh"
            assert links.index(scattered) > links.index(library["body_match"].get_absolute_url())

    def test_the_matching_words_are_marked_in_the_snippet(self, visitor, library):
        response = search(visitor, "cong doan")
        results = re.findall(r'<li class="search-result">.*?</li>', text_of(response), re.S)
        body_result = next(r for r in results if library["body_match"].slug in r)
        snippet = re.search(r'<p class="result-snippet">(.*?)</p>', body_result, re.S).group(1)
        assert "<mark>công</mark> <mark>đoàn</mark> cơ sở" in snippet
        assert "<strong>" not in snippet  # plain text, the body's markup is not carried over
        title = re.search(r'<h2 class="result-title">(.*?)</h2>', results[0], re.S).group(1)
        assert "<mark>Công</mark> <mark>đoàn</mark> tỉnh" in title

    def test_drafts_scheduled_and_expired_articles_never_appear(self, visitor, library):
        page = text_of(search(visitor, "cong doan bai"))
        for article in library["hidden"]:
            assert article.get_absolute_url() not in page
        assert result_links(search(visitor, "draft")) == []

    def test_whole_words_match_not_parts_of_words(self, visitor, library):
        """ "doan" must not find "doanh nghiệp", nor "học bổ" a "học bổng"."""
        assert library["older_title_match"].get_absolute_url() in result_links(
            search(visitor, "hoc bong")
        )
        assert result_links(search(visitor, "học bổ")) == []
        assert result_links(search(visitor, "ong doan")) == []

    def test_every_word_must_match(self, visitor, library):
        assert result_links(search(visitor, "bữa ăn ca")) == [
            library["body_match"].get_absolute_url()
        ]
        assert result_links(search(visitor, "công đoàn ảnh")) == []

    def test_a_result_count_in_vietnamese(self, visitor, library):
        response = search(visitor, "hội thi ảnh")
        assert result_links(response) == [library["unrelated"].get_absolute_url()]
        count = section(response, r'<p class="result-count".*?</p>')
        assert "1" in count
        assert "hội thi ảnh" in count

    @pytest.mark.parametrize(
        ("query", "message", "params"),
        [
            ("", "Type a word or a document number to search for.", {}),
            ("a", "Type at least %(limit_value)d characters.", {"limit_value": 2}),
        ],
    )
    def test_too_short_a_query_gets_a_message(self, visitor, library, query, message, params):
        response = search(visitor, query)
        assert shows(response, vi(message, **params))
        assert result_links(response) == []

    def test_the_search_page_is_not_for_robots(self, visitor, library):
        assert '<meta name="robots" content="noindex">' in text_of(search(visitor, "cong doan"))
