"""The article page keeps still while its pictures arrive (Cumulative Layout Shift < 0.1).

Pictures and the script are held back by the test so the text is drawn first, as on a
slow phone connection; Chromium's PerformanceObserver then reports every layout shift.
"""

import io
import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from federation import roles
from news import services
from news.models import Article, Category, Photo
from tests.e2e.harness import WIDTHS

pytestmark = pytest.mark.e2e

PICTURE_DELAY_SECONDS = 0.4

# The sum of the layout shifts not caused by the reader's own input, since the page began.
LAYOUT_SHIFT = """
() => new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!entry.hadRecentInput) total += entry.value;
    }
  }).observe({ type: 'layout-shift', buffered: true });
  setTimeout(() => resolve(total), 300);
})
"""


def jpeg(size, colour) -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name="anh.jpg")


@pytest.fixture
def article(transactional_db):
    approver = get_user_model().objects.create_user("duyet", is_staff=True)
    approver.groups.add(Group.objects.get(name=roles.NEWS_APPROVER))
    category = Category.objects.create(name="Hoạt động công đoàn", slug="hoat-dong-cong-doan")
    paragraph = (
        "<p>Ban Thường vụ Liên đoàn Lao động tỉnh trao quà Tết Sum vầy cho đoàn viên, người "
        "lao động có hoàn cảnh khó khăn tại các khu công nghiệp trên địa bàn tỉnh.</p>"
    )
    article = Article(
        title="Tết Sum vầy 2026: trao 1.250 suất quà cho đoàn viên khó khăn",
        summary="Liên đoàn Lao động tỉnh trao quà cho đoàn viên có hoàn cảnh khó khăn.",
        body=paragraph + "<p>[ảnh 1]</p>" + paragraph * 3 + "<p>[ảnh 2]</p>" + paragraph * 3,
        category=category,
        cover_alt="Đoàn viên nhận quà Tết tại nhà văn hóa",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    article.cover = jpeg((1600, 900), (11, 61, 145))
    services.save_article(article=article, user=approver)
    for order, (size, colour) in enumerate(
        [((1200, 900), (176, 18, 31)), ((900, 1200), (30, 107, 52))], start=1
    ):
        photo = Photo(article=article, alt=f"Ảnh {order} của buổi trao quà", order=order)
        photo.image = jpeg(size, colour)
        services.save_photo(photo=photo)
    return article


@pytest.mark.parametrize("width", WIDTHS)
def test_the_article_page_does_not_shift_as_its_pictures_arrive(page, open_page, article):
    def late(route):
        time.sleep(PICTURE_DELAY_SECONDS)
        route.continue_()

    page.route("**/media/**", late)
    page.route("**/*.js", late)
    open_page(page, article.get_absolute_url(), name="article-pictures")
    # Read down the page, so the lazy photos load in view.
    for _step in range(12):
        page.mouse.wheel(0, 400)
        page.wait_for_timeout(100)
    page.wait_for_timeout(int(PICTURE_DELAY_SECONDS * 1000) + 300)
    loaded = page.evaluate(
        "() => [...document.images].every((image) => image.complete && image.naturalWidth > 0)"
    )
    assert loaded

    shift = page.evaluate(LAYOUT_SHIFT)

    # 0.1 is the most a "good" page may shift; with every picture's room kept and the
    # menu folded from the first paint, nothing moves at all.
    assert shift < 0.1
    assert shift < 0.01
