"""What readers see and send: lists, the article page, feeds, counters, ratings, comments."""

import datetime as dt
import html
import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation

from federation.text import format_date
from news import services
from news.models import (
    Article,
    Category,
    Comment,
    ErrorReport,
    NewsPreferences,
    Photo,
    Rating,
)
from tests.factories import GOOGLEBOT_UA, PROFILE, browser, make_user
from tests.files import jpeg_bytes
from tests.helpers import logged_in, messages_of, section, shows, text_of, vi
from tests.news.factories import make_article

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def card_titles(response) -> list[str]:
    """Titles of the article cards of a list page, in order."""
    return [
        html.unescape(title)
        for _level, title in re.findall(
            r'<h(\d) class="card-title"><a href="[^"]+">(.*?)</a></h\1>', text_of(response)
        )
    ]


def meta(response, attribute: str, name: str) -> str:
    match = re.search(
        rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', text_of(response)
    )
    assert match, f"no <meta {attribute}={name!r}>"
    return html.unescape(match.group(1))


def rss_items(response) -> list[dict]:
    root = ET.fromstring(response.content)
    assert root.tag == "rss"
    assert root.get("version") == "2.0"
    return [{child.tag: (child.text or "") for child in item} for item in root.iter("item")]


def views_of(article) -> int:
    return Article.objects.get(pk=article.pk).views


# ---------------------------------------------------------------------------------------
# Lists


class TestLists:
    def test_news_list_shows_published_articles_newest_first(self, visitor, articles):
        response = visitor.get("/tin-tuc/")
        assert response.status_code == 200
        assert card_titles(response) == [a.title for a in articles["visible"]]
        for hidden in articles["hidden"]:
            assert hidden.title not in text_of(response)
        chips = section(response, r'<nav class="chips".*?</nav>')
        assert 'href="/tin-tuc/chuyen-muc/tin-tuc-su-kien/"' in chips
        assert "Chính sách – Pháp luật" in chips
        assert "Hoạt động công đoàn" not in chips  # sub-categories are on their parent's page

    def test_list_cards_have_thumbnail_date_and_summary(self, visitor, article):
        card = section(visitor.get("/tin-tuc/"), r'<article class="card">.*?</article>')
        assert article.cover_small.url in card
        assert "/news/covers/" not in card  # never the original upload in a list
        assert article.summary in html.unescape(card)
        with translation.override("vi"):
            written = format_date(article.published_at)
        assert re.fullmatch(
            r"(Thứ (hai|ba|tư|năm|sáu|bảy)|Chủ nhật), \d\d/\d\d/\d{4} \d\d:\d\d", written
        )
        assert f">{written}</time>" in card

    def test_category_page_includes_its_sub_categories(self, visitor, articles, categories):
        extra = make_article(
            "Nữ công tỉnh tổ chức hội thi “Phụ nữ tài năng”",
            categories["women"],
            by=articles["published"].author,
            days_ago=5,
        )
        extra.extra_categories.add(categories["events"])

        response = visitor.get(categories["events"].get_absolute_url())
        assert response.status_code == 200
        assert card_titles(response) == [
            articles["published"].title,
            articles["older"].title,
            extra.title,
        ]
        chips = section(response, r'<nav class="chips".*?</nav>')
        assert f'href="{categories["union"].get_absolute_url()}"' in chips
        assert "Hoạt động công đoàn" in chips
        for hidden in articles["hidden"]:
            assert hidden.title not in text_of(response)

        child = visitor.get(categories["union"].get_absolute_url())
        assert card_titles(child) == [articles["published"].title, articles["older"].title]
        breadcrumbs = section(child, r'<nav class="breadcrumbs".*?</nav>')
        assert "Tin tức – Sự kiện" in breadcrumbs

    def test_tag_page(self, visitor, articles):
        tag = articles["tag"]
        articles["draft"].tags.add(tag)
        response = visitor.get(f"/tin-tuc/the/{tag.slug}/")
        assert response.status_code == 200
        assert "Tết Sum vầy" in text_of(response)
        assert card_titles(response) == [articles["published"].title]

    def test_an_empty_category_says_so(self, visitor, categories):
        response = visitor.get(categories["models"].get_absolute_url())
        assert response.status_code == 200
        assert shows(response, vi("There are no articles here yet."))

    def test_pages_of_a_long_list(self, visitor, categories, approver):
        for number in range(14):
            make_article(
                f"Tin hoạt động công đoàn cơ sở số {number + 1}",
                categories["union"],
                by=approver,
                days_ago=number + 1,
            )
        first = visitor.get("/tin-tuc/")
        assert len(card_titles(first)) == 12
        assert 'href="?page=2"' in text_of(first)
        second = visitor.get("/tin-tuc/?page=2")
        assert card_titles(second) == [
            "Tin hoạt động công đoàn cơ sở số 13",
            "Tin hoạt động công đoàn cơ sở số 14",
        ]


# ---------------------------------------------------------------------------------------
# The article page


class TestArticlePage:
    def test_content_of_the_page(self, visitor, articles, site_profile):
        article = articles["published"]
        Article.objects.filter(pk=article.pk).update(
            published_at=dt.datetime(2023, 10, 10, 6, 49, tzinfo=HANOI)
        )
        response = visitor.get(article.get_absolute_url())
        assert response.status_code == 200
        page = text_of(response)

        assert f'<h1 id="article-title" class="article-title">{article.title}</h1>' in page
        assert "Thứ ba, 10/10/2023 06:49" in section(response, r'<p class="article-meta">.*?</p>')
        assert '<p class="article-byline">Bế Hòa – LĐLĐ tỉnh</p>' in page
        assert article.summary in section(response, r'<p class="article-summary">.*?</p>')
        cover = section(response, r'<figure class="article-cover">.*?</figure>')
        assert article.cover_large.url in cover
        assert f"{article.cover_small.url} 480w" in cover
        assert 'alt="Đoàn viên nhận quà tại nhà văn hóa"' in cover
        assert "Lãnh đạo LĐLĐ tỉnh trao quà cho đoàn viên." in cover
        assert "<h2>Quà tận tay đoàn viên</h2>" in section(
            response, r'<div class="article-body">.*?</div>'
        )
        tags = section(response, r'<p class="article-tags">.*?</p>')
        assert f'<a href="/tin-tuc/the/{articles["tag"].slug}/">Tết Sum vầy</a>' in tags
        assert "Báo Lao Động" in section(response, r'<p class="article-source">.*?</p>')

        related = section(response, r'<aside class="article-aside".*?</aside>')
        assert articles["older"].title in related
        assert articles["policy"].title not in related  # another category
        assert articles["draft"].title not in related
        assert articles["scheduled"].title not in related

    def test_share_links_and_print_view(self, visitor, article):
        url = f"http://testserver{article.get_absolute_url()}"
        share = section(
            visitor.get(article.get_absolute_url()), r'<section class="share".*?</section>'
        )
        assert f"https://www.facebook.com/sharer/sharer.php?u={quote(url, safe='')}" in share
        assert f"https://sp.zalo.me/share?url={quote(url, safe='')}" in share
        assert f'data-url="{url}"' in share
        assert f'value="{url}"' in share
        assert f'href="/tin-tuc/{article.slug}/ban-in/"' in share
        assert "<script" not in share  # no third-party scripts

        printed = visitor.get(f"/tin-tuc/{article.slug}/ban-in/")
        assert printed.status_code == 200
        page = text_of(printed)
        assert f"<h1>{article.title}</h1>" in page
        assert "Quà tận tay đoàn viên" in page
        assert url in page
        assert '<meta name="robots" content="noindex">' in page
        assert 'class="comment-form"' not in page

    def test_photos_placed_in_the_body_and_the_rest_in_the_gallery(self, visitor, article):
        for number, (alt, caption) in enumerate(
            [
                ("Đoàn viên xếp hàng nhận quà", "Hàng trăm đoàn viên đến nhận quà từ sớm."),
                ("Lãnh đạo tỉnh phát biểu", "Phó Chủ tịch UBND tỉnh phát biểu tại buổi lễ."),
            ],
            start=1,
        ):
            photo = Photo(article=article, alt=alt, caption=caption, order=number)
            photo.image = ContentFile(jpeg_bytes(size=(640, 480)), name=f"anh-{number}.jpg")
            services.save_photo(photo=photo)
        Article.objects.filter(pk=article.pk).update(
            body="<p>Mở đầu buổi lễ.</p><p>[ảnh 2]</p><p>Kết thúc buổi lễ.</p><p>[ảnh 9]</p>"
        )
        response = visitor.get(article.get_absolute_url())
        body = section(response, r'<div class="article-body">.*?</div>\s*(?=<section|<p)')
        assert "[ảnh" not in body
        assert body.index("Mở đầu") < body.index("Lãnh đạo tỉnh phát biểu") < body.index("Kết thúc")
        assert "<figcaption>Phó Chủ tịch UBND tỉnh phát biểu tại buổi lễ.</figcaption>" in body
        assert "Đoàn viên xếp hàng" not in body

        gallery = section(response, r'<section class="gallery".*?</section>')
        assert vi("Photos") in gallery
        assert 'alt="Đoàn viên xếp hàng nhận quà"' in gallery
        assert "Hàng trăm đoàn viên đến nhận quà từ sớm." in gallery
        assert "Lãnh đạo tỉnh phát biểu" not in gallery
        assert "/news/renditions/" in gallery

    def test_canonical_open_graph_and_twitter(self, visitor, article, site_profile):
        response = visitor.get(article.get_absolute_url())
        url = f"http://testserver{article.get_absolute_url()}"
        social = f"http://testserver{article.cover_social.url}"
        assert f'<link rel="canonical" href="{url}">' in text_of(response)
        assert meta(response, "property", "og:url") == url
        assert meta(response, "property", "og:type") == "article"
        assert meta(response, "property", "og:title") == article.title
        assert meta(response, "property", "og:image") == social
        assert social.endswith("-social.jpg")
        assert meta(response, "property", "og:image:width") == "1200"
        assert meta(response, "property", "og:image:height") == "630"
        assert meta(response, "property", "og:site_name") == PROFILE["full_name"]
        assert meta(response, "name", "twitter:card") == "summary_large_image"
        assert meta(response, "name", "twitter:image") == social

    def test_json_ld_news_article(self, visitor, article, site_profile):
        response = visitor.get(article.get_absolute_url())
        block = re.search(
            r'<script type="application/ld\+json">(.*?)</script>', text_of(response), re.S
        )
        data = json.loads(block.group(1))
        assert data["@type"] == "NewsArticle"
        assert data["headline"] == article.title
        assert data["url"] == f"http://testserver{article.get_absolute_url()}"
        assert data["image"] == [f"http://testserver{article.cover_social.url}"]
        assert data["author"]["name"] == "Bế Hòa – LĐLĐ tỉnh"
        assert data["publisher"]["name"] == PROFILE["full_name"]
        assert data["articleSection"] == "Hoạt động công đoàn"
        published = dt.datetime.fromisoformat(data["datePublished"])
        assert abs(published - article.published_at) < dt.timedelta(milliseconds=1)

    def test_json_ld_cannot_be_broken_out_of(self, visitor, categories, approver):
        article = make_article(
            "Tiêu đề có </script><script>alert(1)</script>",
            categories["union"],
            by=approver,
        )
        page = text_of(visitor.get(article.get_absolute_url()))
        block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
        assert json.loads(block.group(1))["headline"].startswith("Tiêu đề có </script>")
        assert "<script>alert(1)" not in page

    def test_staff_preview_a_draft_visitors_get_404(self, visitor, articles, editor_client):
        draft = articles["draft"]
        assert visitor.get(draft.get_absolute_url()).status_code == 404
        assert visitor.get(f"/tin-tuc/{draft.slug}/ban-in/").status_code == 404

        response = editor_client.get(draft.get_absolute_url())
        assert response.status_code == 200
        banner = section(response, r'<p class="preview-banner".*?</p>')
        assert vi("Draft") in banner
        assert shows(
            response,
            vi(
                "Preview for staff: this article is not public (%(status)s).",
                status=vi("Draft"),
            ),
        )
        assert '<meta name="robots" content="noindex">' in text_of(response)
        assert 'class="comment-form"' not in text_of(response)
        assert 'class="rating-form"' not in text_of(response)

    def test_scheduled_and_expired_previews_for_staff_only(
        self, visitor, articles, approver_client
    ):
        for key in ("scheduled", "expired", "submitted"):
            hidden = articles[key]
            assert visitor.get(hidden.get_absolute_url()).status_code == 404
            response = approver_client.get(hidden.get_absolute_url())
            assert response.status_code == 200
            assert 'class="preview-banner"' in text_of(response)

    def test_a_logged_in_member_without_staff_rights_sees_no_preview(self, articles, db):
        member = logged_in(make_user("doan.vien", staff=False), address="14.160.1.2")
        assert member.get(articles["draft"].get_absolute_url()).status_code == 404


# ---------------------------------------------------------------------------------------
# Feeds, sitemap, home page


class TestFeedsAndSitemap:
    def test_rss_of_all_news(self, visitor, articles, site_profile):
        response = visitor.get("/tin-tuc/rss/")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/rss+xml")
        items = rss_items(response)
        assert [item["title"] for item in items] == [a.title for a in articles["visible"]]
        first = items[0]
        assert first["link"] == f"http://testserver{articles['published'].get_absolute_url()}"
        assert first["description"] == articles["published"].summary
        assert first["category"] == "Hoạt động công đoàn"
        channel_title = ET.fromstring(response.content).find("channel/title").text
        assert PROFILE["full_name"] in channel_title

    def test_rss_of_a_category_includes_its_sub_categories(self, visitor, articles, categories):
        response = visitor.get(f"/tin-tuc/chuyen-muc/{categories['events'].slug}/rss/")
        assert response.status_code == 200
        titles = [item["title"] for item in rss_items(response)]
        assert titles == [articles["published"].title, articles["older"].title]
        policy = visitor.get(f"/tin-tuc/chuyen-muc/{categories['policy'].slug}/rss/")
        assert [item["title"] for item in rss_items(policy)] == [articles["policy"].title]
        assert visitor.get("/tin-tuc/chuyen-muc/khong-co/rss/").status_code == 404

    def test_sitemap_lists_published_articles_only(self, visitor, articles):
        root = ET.fromstring(visitor.get("/sitemap.xml").content)
        locations = {loc.text for loc in root.iter(f"{SITEMAP}loc")}
        for article in articles["visible"]:
            assert f"http://testserver{article.get_absolute_url()}" in locations
        for article in articles["hidden"]:
            assert f"http://testserver{article.get_absolute_url()}" not in locations
        assert "http://testserver/tin-tuc/chuyen-muc/tin-tuc-su-kien/" in locations


class TestHomePage:
    def test_blocks_show_published_articles_only(self, visitor, articles, categories):
        Article.objects.filter(
            pk__in=[articles["published"].pk, articles["draft"].pk, articles["scheduled"].pk]
        ).update(featured=True)
        Article.objects.filter(pk=articles["draft"].pk).update(views=10_000)
        # Older than the most read list looks: it stays for its category's block.
        Article.objects.filter(pk=articles["older"].pk).update(
            views=250, published_at=dt.datetime.now(tz=HANOI) - dt.timedelta(days=40)
        )
        Article.objects.filter(pk=articles["policy"].pk).update(views=40)
        response = visitor.get("/")
        assert response.status_code == 200

        featured = section(response, r'<section class="panel featured".*?</section>')
        assert vi("Featured news") in featured
        assert articles["published"].title in featured
        assert articles["older"].title not in featured  # not featured

        def home_section(category):
            label = f'aria-labelledby="home-category-{category.pk}"'
            return section(response, rf'<section class="panel" {label}.*?</section>')

        events = home_section(categories["events"])
        assert articles["older"].title in events  # from its sub-category
        assert articles["published"].title not in events  # featured above already
        assert f'aria-labelledby="home-category-{categories["women"].pk}"' not in text_of(response)

        most_read = section(response, r'<section class="panel most-read".*?</section>')
        ranked = re.findall(r"<li><a [^>]*>(.*?)</a>", most_read)
        assert [html.unescape(t) for t in ranked] == [articles["policy"].title]
        # Its only story is in the most read list: the category has no block of its own.
        policy = f'aria-labelledby="home-category-{categories["policy"].pk}"'
        assert policy not in text_of(response)
        page = text_of(response)
        for hidden in articles["hidden"]:
            assert hidden.title not in page

    def test_most_read_ranks_stories_not_shown_in_other_blocks(
        self, visitor, articles, categories, approver
    ):
        women = make_article("Nữ công nhân với an toàn lao động", categories["women"], by=approver)
        models = make_article("Gương sáng thợ hàn", categories["models"], by=approver)
        Article.objects.filter(pk=articles["published"].pk).update(views=900, featured=True)
        Article.objects.filter(pk=articles["older"].pk).update(views=500)
        Article.objects.filter(pk=women.pk).update(views=40)
        Article.objects.filter(pk=models.pk).update(views=250)
        most_read = section(visitor.get("/"), r'<section class="panel most-read".*?</section>')
        ranked = re.findall(r"<li><a [^>]*>(.*?)</a>", most_read)
        assert [html.unescape(t) for t in ranked] == [
            articles["older"].title,
            models.title,
            women.title,
            articles["policy"].title,
        ]

    def test_each_story_appears_in_one_block_only(self, visitor, categories, approver):
        """As in the demo: the featured stories are also the latest of their categories, a
        sub-category's stories are also its parent's, and the most read are among them."""
        union, policy = categories["union"], categories["policy"]
        stories = [
            make_article(f"Tin hoạt động công đoàn số {number}", union, by=approver, days_ago=n)
            for n, number in enumerate(range(1, 11), start=1)
        ] + [
            make_article(f"Tin chính sách số {number}", policy, by=approver, days_ago=n + 0.5)
            for n, number in enumerate(range(1, 7), start=1)
        ]
        Category.objects.filter(pk=union.pk).update(show_on_home=True)
        Article.objects.filter(pk__in=[stories[0].pk, stories[10].pk, stories[2].pk]).update(
            featured=True
        )
        for views, story in enumerate(stories):
            Article.objects.filter(pk=story.pk).update(views=1000 - views)

        page = text_of(visitor.get("/"))
        blocks = re.findall(r'<section class="panel[ "].*?</section>', page, re.S)
        links = [
            set(re.findall(r'href="(/tin-tuc/(?!chuyen-muc/|the/|rss/)[^/"]+/)"', block))
            for block in blocks
        ]
        links = [found for found in links if found]
        # Featured, most read, the parent category and the other one; the sub-category
        # has nothing left that is not shown above.
        assert len(links) == 4
        assert 'class="panel most-read"' in page
        every = [link for found in links for link in found]
        assert sorted(every) == sorted(set(every)), "a story is shown in two blocks"
        assert len(every) == 3 + 6 + 2 + 4

    def test_most_read_counts_the_last_30_days_only(self, visitor, categories, approver):
        old = make_article(
            "Bài cũ được đọc nhiều nhất năm", categories["women"], by=approver, days_ago=45
        )
        recent = make_article("Bài mới tuần này", categories["women"], by=approver, days_ago=2)
        Article.objects.filter(pk=old.pk).update(views=9_999)
        Article.objects.filter(pk=recent.pk).update(views=12)
        most_read = section(visitor.get("/"), r'<section class="panel most-read".*?</section>')
        assert recent.title in most_read
        assert old.title not in most_read


# ---------------------------------------------------------------------------------------
# View counter


class TestViewCounter:
    def test_counted_once_per_visitor_per_visit(self, article, time_machine):
        reader = browser(address="113.160.12.34")
        assert reader.get(article.get_absolute_url()).status_code == 200
        assert reader.get(article.get_absolute_url()).status_code == 200
        assert views_of(article) == 1

        browser(address="42.112.7.8").get(article.get_absolute_url())
        assert views_of(article) == 2

        # The next visit, after the visit length, counts again.
        time_machine.move_to(dt.datetime.now(tz=HANOI) + dt.timedelta(minutes=31))
        reader.get(article.get_absolute_url())
        assert views_of(article) == 3

    def test_the_page_shows_the_count_with_the_readers_own_view(self, article):
        Article.objects.filter(pk=article.pk).update(views=1499)
        page = browser().get(article.get_absolute_url())
        shown = section(page, r'<p class="article-meta">.*?</p>')
        assert vi("%(views)s view", "%(views)s views", 1500, views=1500) in shown
        # The next reader may get the page kept for a few seconds, and is counted all the same.
        browser(address="1.53.2.3").get(article.get_absolute_url())
        assert views_of(article) == 1501

    def test_bots_are_not_counted(self, article):
        assert browser(user_agent=GOOGLEBOT_UA).get(article.get_absolute_url()).status_code == 200
        browser(user_agent="").get(article.get_absolute_url())
        browser(user_agent="curl/8.5.0").get(article.get_absolute_url())
        assert views_of(article) == 0

    def test_previews_and_print_views_are_not_counted(self, articles, approver_client):
        approver_client.get(articles["draft"].get_absolute_url())
        approver_client.get(articles["scheduled"].get_absolute_url())
        browser().get(f"/tin-tuc/{articles['published'].slug}/ban-in/")
        assert views_of(articles["draft"]) == 0
        assert views_of(articles["scheduled"]) == 0
        assert views_of(articles["published"]) == 0

    def test_counts_from_two_browsers_add_up_in_the_database(self, article):
        """Each view is an UPDATE … SET views = views + 1: no count is lost to a stale copy."""
        first, second = browser(address="171.224.1.1"), browser(address="171.224.1.2")
        stale = Article.objects.get(pk=article.pk)
        first.get(article.get_absolute_url())
        second.get(article.get_absolute_url())
        assert stale.views == 0
        assert views_of(article) == 2


# ---------------------------------------------------------------------------------------
# Rating


class TestRating:
    def rate(self, client, article, score, **kwargs):
        return client.post(f"/tin-tuc/{article.slug}/danh-gia/", {"score": score}, **kwargs)

    def test_a_vote_without_javascript(self, article):
        reader = browser()
        response = self.rate(reader, article, 4)
        assert response.status_code == 302
        assert response["Location"] == f"{article.get_absolute_url()}#danh-gia"
        assert Rating.objects.get(article=article).score == 4

        page = reader.get(response["Location"])
        assert vi("Thank you: your rating of %(score)d stars is recorded.", score=4) in messages_of(
            page
        )
        summary = section(page, r'<p class="rating-summary".*?</p>')
        assert "4,0" in summary

    def test_a_second_vote_from_the_same_browser_replaces_the_first(self, article):
        reader, other = browser(), browser(address="27.72.9.9")
        self.rate(reader, article, 5)
        self.rate(other, article, 2)
        self.rate(reader, article, 3)
        assert sorted(Rating.objects.values_list("score", flat=True)) == [2, 3]
        summary = section(
            reader.get(article.get_absolute_url()), r'<p class="rating-summary".*?</p>'
        )
        assert "2,5" in summary
        assert "2 " in summary

    def test_a_fresh_session_does_not_add_a_second_vote(self, article):
        """Dropping the cookie (a new private window) still finds the reader's vote."""
        self.rate(browser(), article, 5)
        response = self.rate(browser(), article, 2)  # same address and browser, no cookie
        assert response.status_code == 302
        assert list(Rating.objects.values_list("score", flat=True)) == [2]
        page = browser().get(article.get_absolute_url())
        summary = section(page, r'<p class="rating-summary".*?</p>')
        assert "2,0" in summary

    def test_too_many_votes_from_one_address_are_refused(self, article, settings):
        settings.NEWS_RATINGS_PER_ADDRESS = 3
        for number in range(3):
            reader = browser(user_agent=f"Mozilla/5.0 (Linux; Android 14; máy {number})")
            assert self.rate(reader, article, 5).status_code == 302
        another = browser(user_agent="Mozilla/5.0 (Linux; Android 14; máy khác)")
        response = self.rate(another, article, 1)
        assert response.status_code == 429
        message = vi(
            "Many ratings were sent from your address in a short time. Please wait a while."
        )
        assert shows(response, message)
        answer = self.rate(another, article, 1, headers={"accept": "application/json"})
        assert (answer.status_code, answer.json()["errors"]) == (429, [message])
        assert list(Rating.objects.values_list("score", flat=True)) == [5, 5, 5]
        # Readers elsewhere still vote.
        assert self.rate(browser(address="27.72.9.11"), article, 1).status_code == 302

    def test_a_forged_voter_cookie_does_not_take_over_a_vote(self, article):
        reader = browser()
        self.rate(reader, article, 5)
        voter = Rating.objects.get().voter
        forger = browser(address="27.72.9.10")
        forger.cookies["news_voter"] = voter  # unsigned: the server ignores it
        self.rate(forger, article, 1)
        assert Rating.objects.get(voter=voter).score == 5
        assert Rating.objects.count() == 2

    def test_json_answer_for_the_script(self, article):
        reader = browser()
        response = self.rate(reader, article, 5, headers={"accept": "application/json"})
        assert response.status_code == 200
        data = response.json()
        assert data["votes"] == 1
        assert data["average"] == 5.0
        assert data["message"] == vi(
            "Thank you: your rating of %(score)d stars is recorded.", score=5
        )
        assert "5,0" in data["summary"]
        assert "news_voter" in response.cookies
        assert response.cookies["news_voter"]["httponly"]

        again = self.rate(reader, article, 1, headers={"accept": "application/json"})
        assert again.json()["votes"] == 1
        assert again.json()["average"] == 1.0

    def test_the_form_on_the_page_works_with_csrf_checks_on(self, article):
        """The real round trip: the page's own token is accepted, a forged post is not."""
        reader = browser(enforce_csrf_checks=True)
        page = text_of(reader.get(article.get_absolute_url()))
        form = re.search(r'<form class="rating-form".*?</form>', page, re.S).group(0)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        url = f"/tin-tuc/{article.slug}/danh-gia/"
        assert browser(enforce_csrf_checks=True).post(url, {"score": 5}).status_code == 403
        assert not Rating.objects.exists()
        assert reader.post(url, {"score": 5, "csrfmiddlewaretoken": token}).status_code == 302
        assert Rating.objects.get().score == 5

    def test_drafts_cannot_be_rated(self, articles):
        response = self.rate(browser(), articles["draft"], 5)
        assert response.status_code == 404
        assert not Rating.objects.exists()


# ---------------------------------------------------------------------------------------
# Comments


COMMENT = {
    "name": "Lò Văn Hùng",
    "email": "hung.lo@example.vn",
    "text": "Cảm ơn Công đoàn tỉnh đã quan tâm đến công nhân khu công nghiệp.",
}


def post_comment(client, article, **changes):
    return client.post(f"/tin-tuc/{article.slug}/y-kien/", {**COMMENT, **changes})


class TestComments:
    def test_held_for_moderation_and_shown_to_its_author_only(self, article):
        author, other = browser(), browser(address="42.118.3.4")
        response = post_comment(author, article)
        assert response.status_code == 302
        assert response["Location"] == f"{article.get_absolute_url()}#y-kien"
        comment = Comment.objects.get()
        assert comment.status == Comment.Status.PENDING
        assert comment.email == "hung.lo@example.vn"

        own = author.get(response["Location"])
        assert vi("Thank you. Your comment will appear once it is approved.") in messages_of(own)
        listed = section(own, r'<ol class="comment-list">.*?</ol>')
        assert COMMENT["text"] in listed
        assert vi("waiting for approval, only you see it") in listed
        assert "hung.lo@example.vn" not in text_of(own)

        theirs = other.get(article.get_absolute_url())
        assert COMMENT["text"] not in text_of(theirs)
        assert shows(theirs, vi("No comments yet."))

    def test_shown_at_once_when_moderation_is_off(self, article):
        NewsPreferences.objects.create(pk=1, moderate_comments=False)
        author = browser()
        response = post_comment(author, article)
        assert vi("Thank you. Your comment is published.") in messages_of(
            author.get(response["Location"])
        )
        assert Comment.objects.get().status == Comment.Status.APPROVED
        page = browser(address="42.118.3.4").get(article.get_absolute_url())
        listed = section(page, r'<ol class="comment-list">.*?</ol>')
        assert COMMENT["text"] in listed
        assert "Lò Văn Hùng" in listed
        assert vi("waiting for approval, only you see it") not in listed
        assert "hung.lo@example.vn" not in text_of(page)

    def test_honeypot_filled_saves_nothing(self, article):
        response = post_comment(browser(), article, website="http://re-thuoc.example.com")
        assert response.status_code == 302
        assert not Comment.objects.exists()

    def test_rate_limit_per_address(self, article, settings):
        settings.NEWS_COMMENTS_PER_ADDRESS = 2
        same_address = browser(address="113.22.5.6")
        for number in range(2):
            assert (
                post_comment(same_address, article, text=f"Ý kiến thứ {number + 1}").status_code
                == 302
            )
        # A new browser from the same address is still the same address.
        refused = post_comment(browser(address="113.22.5.6"), article, text="Ý kiến thứ ba")
        assert refused.status_code == 400
        assert shows(
            refused,
            vi("You have sent several comments in a short time. Please wait a few minutes."),
        )
        assert Comment.objects.count() == 2
        assert post_comment(browser(address="113.22.5.7"), article).status_code == 302
        assert Comment.objects.count() == 3

    def test_closed_comments_are_refused(self, article):
        Article.objects.filter(pk=article.pk).update(allow_comments=False)
        page = browser().get(article.get_absolute_url())
        assert 'class="stacked-form comment-form"' not in text_of(page)
        assert shows(page, vi("Comments are closed for this article."))

        response = post_comment(browser(), article)
        assert response.status_code == 400
        assert shows(response, vi("Comments are closed for this article."))
        assert not Comment.objects.exists()

    def test_drafts_take_no_comments(self, articles):
        assert post_comment(browser(), articles["draft"]).status_code == 404
        assert not Comment.objects.exists()

    def test_a_refused_comment_opens_at_its_errors_and_keeps_what_was_typed(self, article):
        page = text_of(browser().get(article.get_absolute_url()))
        # The form's address carries the anchor of the summary of its errors: the browser
        # opens the answer there, not at the top of a long article.
        assert f'action="/tin-tuc/{article.slug}/y-kien/#loi-y-kien"' in page
        assert 'id="loi-y-kien"' not in page

        typed = "Chương trình rất ý nghĩa & thiết thực."
        response = post_comment(browser(), article, email="", text=typed)
        assert response.status_code == 400
        summary = section(response, r'<div class="error-summary" id="loi-y-kien".*?</div>\s*</div>')
        assert 'tabindex="-1"' in summary
        assert 'href="#id_email"' in summary
        assert html.escape(vi("Please give your email address (it is never shown).")) in summary
        form = section(response, r'<form [^>]*class="stacked-form comment-form".*?</form>')
        assert 'value="Lò Văn Hùng"' in form
        assert f">\n{html.escape(typed)}</textarea>" in form
        assert not Comment.objects.exists()

    def test_an_empty_comment_lists_every_missing_field(self, article):
        response = post_comment(browser(), article, name="", email="", text="")
        assert response.status_code == 400
        summary = section(response, r'<div class="error-summary" id="loi-y-kien".*?</div>\s*</div>')
        assert re.findall(r'href="#(id_\w+)"', summary) == ["id_name", "id_email", "id_text"]

    def test_comment_keeps_line_breaks_and_escapes_text(self, article):
        NewsPreferences.objects.create(pk=1, moderate_comments=False)
        post_comment(browser(), article, text="Dòng một & dòng hai\nDòng ba > bốn")
        listed = section(
            browser(address="1.1.1.1").get(article.get_absolute_url()),
            r'<ol class="comment-list">.*?</ol>',
        )
        assert "Dòng một &amp; dòng hai<br>Dòng ba &gt; bốn" in listed


# ---------------------------------------------------------------------------------------
# Error report


class TestErrorReport:
    def test_reaches_the_editors_in_the_admin(self, article, approver_client):
        reader = browser()
        response = reader.post(
            f"/tin-tuc/{article.slug}/bao-loi/",
            {"description": "Số suất quà là 1.205, không phải 1.250.", "contact": "0912 345 678"},
        )
        assert response.status_code == 302
        assert response["Location"] == f"{article.get_absolute_url()}#bao-loi"
        assert vi("Thank you. The editors will check the article.") in messages_of(
            reader.get(response["Location"])
        )
        report = ErrorReport.objects.get()
        assert report.article == article
        assert report.contact == "0912 345 678"
        assert not report.resolved

        listing = approver_client.get(reverse("admin:news_errorreport_changelist"))
        assert listing.status_code == 200
        assert "Số suất quà là 1.205, không phải 1.250." in text_of(listing)
        assert article.title in text_of(listing)

    def test_an_empty_report_is_refused(self, article):
        response = browser().post(f"/tin-tuc/{article.slug}/bao-loi/", {"description": " "})
        assert response.status_code == 400
        assert shows(response, vi("Please say what is wrong in the article."))
        assert 'details class="error-report" id="bao-loi" open' in text_of(response)
        assert not ErrorReport.objects.exists()

    def test_a_refused_report_opens_at_its_errors_and_keeps_what_was_typed(self, article):
        page = text_of(browser().get(article.get_absolute_url()))
        assert f'action="/tin-tuc/{article.slug}/bao-loi/#loi-bao-loi"' in page

        response = browser().post(
            f"/tin-tuc/{article.slug}/bao-loi/", {"description": "", "contact": "0912 345 678"}
        )
        assert response.status_code == 400
        summary = section(
            response, r'<div class="error-summary" id="loi-bao-loi".*?</div>\s*</div>'
        )
        assert 'tabindex="-1"' in summary
        assert 'href="#id_description"' in summary
        assert html.escape(vi("Please say what is wrong in the article.")) in summary
        report = section(response, r'<details class="error-report".*?</details>')
        assert 'value="0912 345 678"' in report


@pytest.mark.parametrize("path", ["/tin-tuc/", "/tin-tuc/chuyen-muc/tin-tuc-su-kien/"])
def test_list_pages_link_their_rss_feed(visitor, categories, path):
    response = visitor.get(path)
    assert re.search(
        r'<link rel="alternate" type="application/rss\+xml"[^>]+/rss/"', text_of(response)
    )


def test_a_category_made_in_the_admin_works_at_once(visitor, approver_client, categories):
    response = approver_client.post(
        reverse("admin:news_category_add"),
        {"name": "Văn hóa – Thể thao", "slug": "", "order": 5, "show_in_menu": "on"},
    )
    assert response.status_code == 302
    assert visitor.get("/tin-tuc/chuyen-muc/van-hoa-the-thao/").status_code == 200
