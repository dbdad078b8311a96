"""A visitor's path through the document library: find by number, open, download, counted."""

import re
from pathlib import Path

import pytest

from documents.models import Document, DocumentFile
from federation.models import SiteProfile
from tests.documents.factories import make_classifications, make_document
from tests.e2e.harness import NARROW
from tests.factories import DESKTOP_UA
from tests.files import pdf_bytes

pytestmark = pytest.mark.e2e

FILE_NAME = "Chỉ thị 92-CT-UBND về kinh phí công đoàn.pdf"
CONTENT = pdf_bytes("Chi thi 92/CT-UBND ve tang cuong thu nop kinh phi cong doan")
# The label is translated; the source string is accepted while the catalogue catches up.
SEARCH_LABEL = re.compile(r"^(Số hiệu hoặc trích yếu|Number or summary)")


@pytest.fixture
def library(transactional_db):
    """Three documents from three issuing bodies; one number starts like another's."""
    SiteProfile.objects.create(
        full_name="Liên đoàn Lao động tỉnh Điện Biên", short_name="LĐLĐ tỉnh Điện Biên"
    )
    kinds = make_classifications()
    directive = make_document(
        "92/CT-UBND",
        kinds,
        summary="Về tăng cường công tác thu, nộp kinh phí công đoàn trên địa bàn tỉnh",
        files=((FILE_NAME, CONTENT),),
    )
    make_document(
        "192/CT-UBND",
        kinds,
        summary="Về phát triển đoàn viên trong doanh nghiệp ngoài nhà nước",
        fields=("organisation",),
        files=(("Chỉ thị 192-CT-UBND.pdf", pdf_bytes("Chi thi 192/CT-UBND")),),
    )
    make_document(
        "5440/QĐ-TLĐ",
        kinds,
        type="decision",
        issuer="national",
        summary="Ban hành Quy định về chế độ thăm hỏi đoàn viên công đoàn",
        files=(("Quyết định 5440-QĐ-TLĐ.pdf", pdf_bytes("Quyet dinh 5440/QD-TLD")),),
    )
    return {"directive": directive}


class _DesktopBrowser:
    """Chromium whose contexts present a desktop browser's user agent.

    Headless Chromium names itself "HeadlessChrome", and the portal counts no bot. An
    extra User-Agent header is not enough: Chromium fetches a download with the
    context's own user agent.
    """

    def __init__(self, browser):
        self.browser = browser

    def new_context(self, **options):
        return self.browser.new_context(user_agent=DESKTOP_UA, **options)


@pytest.fixture
def visitor_page(harness, monkeypatch, width):
    monkeypatch.setattr(harness, "browser", _DesktopBrowser(harness.browser))
    return harness.new_page(width)


def numbers_in(text: str) -> list[int]:
    return [int(number) for number in re.findall(r"\d+", text)]


def test_a_visitor_finds_a_directive_by_its_number_and_downloads_it(
    visitor_page, open_page, check_page, library
):
    page = visitor_page
    directive = library["directive"]
    open_page(page, "/van-ban/", name="documents-list")
    assert page.locator(".document-row").count() == 3

    # Lower case, no diacritics, half a number: what a visitor actually types.
    page.get_by_label(SEARCH_LABEL).fill("92/ct")
    with page.expect_navigation():
        page.locator(".filter-form button[type=submit]").click()
    check_page(page, "documents-search")
    assert "q=92%2Fct" in page.url
    assert page.locator(".document-number a").all_text_contents() == ["92/CT-UBND"]

    page.get_by_role("link", name="92/CT-UBND", exact=True).click()
    page.wait_for_url(f"**{directive.get_absolute_url()}")
    check_page(page, "document")
    assert "92/CT-UBND" in page.locator("h1").text_content()
    file_meta = page.locator(".file-item .file-meta")
    assert numbers_in(file_meta.text_content())[-1] == 0

    with page.expect_download() as downloading:
        page.get_by_role("link", name=FILE_NAME, exact=True).click()
    download = downloading.value
    assert download.failure() is None
    assert download.suggested_filename == FILE_NAME
    assert Path(download.path()).read_bytes() == CONTENT

    document_file = DocumentFile.objects.get(document=directive)
    assert document_file.downloads == 1
    assert Document.objects.get(pk=directive.pk).downloads == 1

    page.reload()
    check_page(page, "document-after-download")
    assert numbers_in(page.locator(".file-item .file-meta").text_content())[-1] == 1
    # The last row of the table: views, then downloads; the visit was counted once.
    assert numbers_in(page.locator(".meta-table tr").last.text_content()) == [1, 1]


@pytest.mark.parametrize("width", [NARROW])
def test_the_list_fits_a_phone(page, open_page, library):
    open_page(page, "/van-ban/", name="documents-list")

    rows = page.locator(".document-row")
    assert rows.count() == 3
    assert page.get_by_label(SEARCH_LABEL).is_visible()
    assert page.get_by_role("link", name="92/CT-UBND", exact=True).is_visible()
    # Nothing wider than the screen: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW
