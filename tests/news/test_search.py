"""Searching the news at /tim-kiem/: accents optional, best matches first, words marked."""

import re

import pytest

from tests.documents.factories import make_classifications, make_document
from tests.helpers import section, shows, text_of, vi
from tests.news.factories import (
    DRAFT,
    EXPIRED,
    SCHEDULED,
    SUBMITTED,
    make_article,
    make_many_articles,
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

    def test_the_words_together_rank_above_the_words_apart(self, visitor, library, approver):
        # Both words, apart, in the summary only; the newest of all.
        apart = make_article(
            "Ngày hội người lao động năm 2026",
            library["unrelated"].category,
            by=approver,
            summary="Đoàn viên và công nhân các nhà máy cùng tham gia ngày hội.",
            days_ago=0.25,
        )
        links = result_links(search(visitor, "công đoàn"))
        body_match = links.index(library["body_match"].get_absolute_url())
        assert links.index(apart.get_absolute_url()) == body_match + 1

    def test_a_word_is_not_found_inside_a_longer_word(self, visitor, library):
        # "doan" begins "doanh" (doanh nghiệp): the article has "công" but not "đoàn".
        links = result_links(search(visitor, "công đoàn"))
        assert library["scattered"].get_absolute_url() not in links

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


# ---------------------------------------------------------------------------------------
# What a trial reader found wrong: run-together snippets, marks on the wrong words, a count
# that stopped at 50, and the news always above the documents.


def snippets(response) -> list[str]:
    return re.findall(r'<p class="result-snippet">(.*?)</p>', text_of(response), re.S)


def marked(fragment: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", fragment)


class TestWhatATrialFound:
    def test_paragraphs_stay_apart_in_a_snippet(self, visitor, categories, approver):
        make_article(
            "Đại hội Công đoàn ngành Y tế",
            categories["union"],
            by=approver,
            summary="Đại hội nhiệm kỳ mới.",
            body="<p>Đại hội quan tâm đến lao động nữ.</p><p>Nhiệm kỳ qua, ngành đã trao "
            "120 suất quà.</p><h2>Phương hướng</h2><p>Phát triển đoàn viên.</p>",
        )
        [snippet] = snippets(search(visitor, "suat qua"))
        assert "lao động nữ. Nhiệm kỳ qua, ngành đã trao 120 <mark>suất</mark>" in snippet
        assert "nữ.Nhiệm" not in snippet
        assert "<mark>quà</mark>. Phương hướng · Phát triển" in snippet

    def test_a_query_without_accents_marks_the_words_together(self, visitor, categories, approver):
        make_article(
            "Công đoàn giám sát thi công cổng chào khu công nghiệp",
            categories["union"],
            by=approver,
            summary="Ban chấp hành công đoàn cơ sở kiểm tra việc thi công cổng.",
        )
        response = search(visitor, "cong doan")
        [snippet] = snippets(response)
        assert marked(snippet) == ["công", "đoàn"]
        assert "thi công cổng" in snippet  # not marked: "cổng", "thi công" are other words
        title = section(response, r'<h2 class="result-title">.*?</h2>')
        assert marked(title) == ["Công", "đoàn"]

    def test_the_snippet_comes_from_where_the_words_stand_together(
        self, visitor, categories, approver
    ):
        make_article(
            "Ngày hội “Giọt hồng Công đoàn” tiếp nhận 312 đơn vị máu",
            categories["union"],
            by=approver,
            summary="Hơn 340 đoàn viên đăng ký hiến máu.",
            body="<p>Ngày hội do Công đoàn tỉnh phối hợp tổ chức.</p><p>[ảnh 1]</p>"
            "<p>Người hiến máu được tặng quà.</p>",
        )
        [snippet] = snippets(search(visitor, "cong doan"))
        assert "Ngày hội do <mark>Công</mark> <mark>đoàn</mark> tỉnh" in snippet
        assert "tổ chức. Người hiến máu" in snippet  # no "[ảnh 1]": a photo goes there

    def test_the_form_typed_with_accents_ranks_and_is_marked_first(
        self, visitor, categories, approver
    ):
        gate = make_article(
            "Ra mắt cổng thông tin điện tử của Liên đoàn",
            categories["union"],
            by=approver,
            summary="Cổng thông tin giúp đoàn viên tra cứu chính sách.",
            days_ago=5,
        )
        union = make_article(
            "Công đoàn cơ sở cập nhật thông tin đoàn viên",
            categories["union"],
            by=approver,
            summary="Công đoàn cơ sở rà soát danh sách đoàn viên.",
            days_ago=1,
        )
        with_accents = search(visitor, "cổng")
        assert result_links(with_accents) == [gate.get_absolute_url(), union.get_absolute_url()]
        first_snippet = snippets(with_accents)[0]
        assert marked(first_snippet) == ["Cổng"]
        # Without accents the reader did not choose: the newest comes first.
        assert result_links(search(visitor, "cong")) == [
            union.get_absolute_url(),
            gate.get_absolute_url(),
        ]

    def test_the_count_is_the_true_count_and_every_page_is_reachable(self, visitor, categories):
        make_many_articles(65, [categories["union"], categories["policy"]])
        response = search(visitor, "ban tin")
        count = section(response, r'<p class="result-count".*?</p>')
        assert "65 kết quả" in count
        assert len(result_links(response)) == 20
        last = visitor.get("/tim-kiem/", {"q": "ban tin", "page": 4})
        assert len(result_links(last)) == 5
        assert shows(last, vi("Page %(number)s of %(total)s", number=4, total=4))
        everything = [
            link
            for page in range(1, 5)
            for link in result_links(visitor.get("/tim-kiem/", {"q": "ban tin", "page": page}))
        ]
        assert len(set(everything)) == 65

    def test_past_the_cap_the_count_says_more_than(self, visitor, categories, monkeypatch):
        monkeypatch.setattr("federation.search.RESULT_CAP", 30)
        make_many_articles(45, [categories["union"]])
        response = search(visitor, "ban tin")
        count = section(response, r'<p class="result-count".*?</p>')
        assert "Hơn 30 kết quả cho “ban tin”" in count
        assert shows(response, vi("Page %(number)s of %(total)s", number=1, total=2))

    def test_news_and_documents_are_ranked_together(self, visitor, categories, approver):
        body_only = make_article(
            "Hội nghị cán bộ chủ chốt năm 2026",
            categories["union"],
            by=approver,
            summary="Hội nghị bàn nhiệm vụ năm mới.",
            body="<p>Hội nghị nhấn mạnh vai trò của tổ chức công đoàn cơ sở.</p>",
            days_ago=0.1,
        )
        document = make_document(
            "45/HD-LĐLĐ",
            make_classifications(),
            summary="Hướng dẫn thành lập công đoàn cơ sở trong doanh nghiệp",
            type="guidance",
        )
        response = search(visitor, "cong doan co so")
        assert result_links(response) == [
            document.get_absolute_url(),
            body_only.get_absolute_url(),
        ]
        kinds = section(response, r'<span class="result-kinds">.*?</span>')
        assert "Tin tức: 1" in kinds
        assert "Văn bản: 1" in kinds


def test_articles_saved_before_the_paragraph_fix_are_found_after_the_migration(
    visitor, categories, approver
):
    """The migration rewrites the search text of articles stored before paragraphs were
    kept apart (here: none at all, as a bulk load would have left it)."""
    import importlib

    from django.apps import apps

    from news.models import Article

    article = make_article(
        "Hội nghị người lao động năm 2026",
        categories["union"],
        by=approver,
        body="<p>Bàn về thỏa ước lao động tập thể.</p><p>Phát triển đoàn viên mới.</p>",
    )
    Article.objects.filter(pk=article.pk).update(search_text="")
    assert result_links(search(visitor, "phat trien doan vien")) == []

    migration = importlib.import_module("news.migrations.0007_search_text_keeps_paragraphs_apart")
    migration.rewrite_search_text(apps, None)

    assert result_links(search(visitor, "phat trien doan vien")) == [article.get_absolute_url()]
