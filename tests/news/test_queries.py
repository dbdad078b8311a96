"""Every public news page runs the same number of queries with 10 articles and with 200.

The article under test also gains tags, photos, comments and ratings between the two
measurements, so a query per related row shows up as well as a query per article.
"""

import re
from collections import Counter

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news import services
from news.models import Comment, Photo, Rating
from tests.factories import browser
from tests.files import jpeg_bytes
from tests.news.factories import make_article, make_many_articles, make_tag


def measure(path: str) -> list[str]:
    """The SQL a first-time visitor's request runs, with every cache empty."""
    cache.clear()
    client = browser(address="203.113.1.1")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return [query["sql"] for query in queries.captured_queries]


def add_details(article, *, photos: range, comments: int, tags: list, ratings: int) -> None:
    for number in photos:
        photo = Photo(article=article, alt=f"Ảnh số {number}", caption=f"Chú thích {number}")
        photo.order = number
        photo.image = ContentFile(jpeg_bytes(size=(64, 48)), name=f"anh-{number}.jpg")
        services.save_photo(photo=photo)
    Comment.objects.bulk_create(
        Comment(
            article=article,
            name=f"Bạn đọc {number}",
            email=f"ban.doc{number}@example.vn",
            text=f"Ý kiến số {number} về bài viết.",
            status=Comment.Status.APPROVED,
        )
        for number in range(comments)
    )
    article.tags.add(*tags)
    Rating.objects.bulk_create(
        Rating(article=article, voter=f"{number:032d}", score=number % 5 + 1)
        for number in range(Rating.objects.filter(article=article).count(), ratings)
    )


def test_public_pages_run_a_fixed_number_of_queries(categories, approver, site_profile):
    tag = make_tag("Tết Sum vầy")
    target = make_article(
        "Công đoàn tỉnh trao quà Tết cho đoàn viên",
        categories["union"],
        by=approver,
        cover=jpeg_bytes(size=(640, 360)),
        body="<p>Mở đầu.</p><p>[ảnh 1]</p><p>Kết thúc.</p>",
        days_ago=0.01,
        featured=True,
    )
    spread = [categories["union"], categories["policy"], categories["events"]]
    pages = {
        "home": "/",
        "list": "/tin-tuc/",
        "category": categories["events"].get_absolute_url(),
        "sub-category": categories["union"].get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "article": target.get_absolute_url(),
        "print": f"/tin-tuc/{target.slug}/ban-in/",
        "feed": "/tin-tuc/rss/",
        "category feed": f"/tin-tuc/chuyen-muc/{categories['events'].slug}/rss/",
        "search": "/tim-kiem/?q=cong+doan",
        "sitemap": "/sitemap.xml",
    }

    make_many_articles(10, spread, tag=tag)
    add_details(target, photos=range(1, 2), comments=1, tags=[tag], ratings=1)
    small = {name: measure(path) for name, path in pages.items()}

    make_many_articles(190, spread, tag=tag, start=10)
    more_tags = [make_tag(f"Từ khóa {number}") for number in range(4)]
    add_details(target, photos=range(2, 5), comments=25, tags=more_tags, ratings=30)
    large = {name: measure(path) for name, path in pages.items()}

    print("\nQueries per page (10 articles → 200 articles):")
    for name in pages:
        print(f"  {name:14} {len(small[name]):3} → {len(large[name]):3}")

    # The search looks among the newest articles first and searches the whole archive only
    # when those hold too few matches: one query more with little data, never more with more.
    grown = [
        name
        for name in pages
        if len(large[name]) > len(small[name])
        or (name != "search" and len(large[name]) != len(small[name]))
    ]
    assert not grown, "queries grew with the data:\n" + "\n".join(
        f"{name}: {len(small[name])} → {len(large[name])}\n{repeated(small[name], large[name])}"
        for name in grown
    )


def repeated(before: list[str], after: list[str]) -> str:
    """The statements (literals blanked) that ran more often the second time."""

    def shape(sql: str) -> str:
        return re.sub(r"'[^']*'|\d+", "?", sql)[:300]

    more = Counter(map(shape, after)) - Counter(map(shape, before))
    return "\n".join(f"  {count}× more: {sql}" for sql, count in more.most_common(5))
