"""What visitors see and fetch in the document library: the list and its filters, the
document page, the counted download, the inline preview, the feed, the sitemap, the
home-page blocks and the site search."""

import html
import logging
import os
import re
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import pytest
from django.template.defaultfilters import filesizeformat
from django.utils import timezone, translation

from documents.models import Document, DocumentFile
from federation.text import format_date, slugify_vi
from tests.documents.factories import make_classifications, make_clerk, make_document
from tests.factories import GOOGLEBOT_UA, browser, make_approver, make_editor
from tests.files import docx_bytes, pdf_bytes
from tests.helpers import logged_in, section, shows, text_of, vi
from tests.members.factories import make_officer, make_tree
from tests.news.factories import make_article, make_categories

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
CURL_UA = "curl/8.5.0"
PDF_NAME = "Chỉ thị số 92 về kinh phí công đoàn.pdf"
DOCX_NAME = "Phụ lục – mẫu báo cáo thu kinh phí.docx"
PDF_BYTES = pdf_bytes("Chi thi so 92/CT-UBND ve tang cuong thu kinh phi cong doan")
DOCX_BYTES = docx_bytes("Phụ lục: mẫu báo cáo kết quả thu kinh phí công đoàn")


def at(year, month, day, hour=8, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=HANOI)


# ---------------------------------------------------------------------------------------
# Fixtures: a small library, as a documents clerk would have filed it


@pytest.fixture
def kinds(db):
    return make_classifications()


@pytest.fixture
def library(kinds, site_profile):
    """Five public documents in every status, and one the clerk keeps private."""
    today = timezone.localdate()
    old = make_document(
        "15/CT-UBND",
        kinds,
        summary="Về công tác thu kinh phí công đoàn năm 2022",
        issued_on=date(2022, 2, 10),
        posted_at=at(2022, 2, 15),
    )
    directive = make_document(
        "92/CT-UBND",
        kinds,
        summary="Về việc tăng cường công tác thu kinh phí công đoàn năm 2025",
        issued_on=date(2025, 3, 12),
        posted_at=at(2025, 3, 14, 8, 30),
        signer=kinds["chair"],
        effective_on=date(2025, 3, 12),
        files=[(PDF_NAME, PDF_BYTES), (DOCX_NAME, DOCX_BYTES)],
    )
    decision = make_document(
        "5440/QĐ-TLĐ",
        kinds,
        summary="Ban hành Quy chế quản lý tài chính, tài sản của tổ chức công đoàn",
        type="decision",
        issuer="national",
        fields=("organisation",),
        issued_on=date(2023, 12, 20),
        posted_at=at(2024, 7, 1),
    )
    guidance = make_document(
        "65/HD-TLĐ",
        kinds,
        summary="Hướng dẫn thu, nộp đoàn phí công đoàn",
        type="guidance",
        issuer="national",
        issued_on=date(2024, 6, 1),
        expires_on=date(2025, 1, 1),
        posted_at=at(2024, 6, 10),
    )
    pending = make_document(
        "210/QĐ-LĐLĐ",
        kinds,
        summary="Quyết định khen thưởng công đoàn cơ sở xuất sắc",
        type="decision",
        issuer="federation",
        fields=("organisation",),
        issued_on=today - timedelta(days=5),
        effective_on=today + timedelta(days=30),
        posted_at=timezone.now() - timedelta(days=1),
    )
    private = make_document(
        "1076/LĐLĐ",
        kinds,
        summary="Dự thảo hướng dẫn nội bộ về kinh phí công đoàn",
        type="guidance",
        issuer="federation",
        issued_on=today - timedelta(days=2),
        posted_at=timezone.now() - timedelta(hours=2),
        is_public=False,
        files=[("Dự thảo nội bộ.pdf", pdf_bytes("Du thao noi bo"))],
    )
    directive.replaces.add(old)
    directive.related.add(decision)
    for document, views, downloads in (
        (directive, 901, 277),
        (decision, 1500, 12),
        (guidance, 40, 300),
        (old, 3, 0),
    ):
        Document.objects.filter(pk=document.pk).update(views=views, downloads=downloads)
        document.refresh_from_db()
    return {
        "old": old,
        "directive": directive,
        "decision": decision,
        "guidance": guidance,
        "pending": pending,
        "private": private,
    }


@pytest.fixture
def pdf_file(library) -> DocumentFile:
    return library["directive"].files.get(kind="pdf")


@pytest.fixture
def docx_file(library) -> DocumentFile:
    return library["directive"].files.get(kind="docx")


@pytest.fixture
def private_file(library) -> DocumentFile:
    return library["private"].files.get()


@pytest.fixture
def clerk(db):
    return make_clerk()


# ---------------------------------------------------------------------------------------
# Reading pages


def rows(response) -> list[str]:
    return re.findall(r'<li class="document-row">.*?</li>', text_of(response), re.S)


def numbers(response) -> list[str]:
    """The numbers of the documents listed, in order."""
    return [
        html.unescape(number)
        for number in re.findall(
            r'<p class="document-number"><a href="[^"]+">(.*?)</a>', text_of(response)
        )
    ]


def row_of(response, number: str) -> str:
    found = [row for row in rows(response) if f">{html.escape(number)}</a>" in row]
    assert len(found) == 1, f"{number} is listed {len(found)} times"
    return html.unescape(found[0])


def section_text(text: str, pattern: str) -> str:
    """The first group of `pattern` in `text`, stripped."""
    match = re.search(pattern, text, re.S)
    assert match, f"nothing matches {pattern!r}"
    return match.group(1).strip()


def field_error(response, name: str) -> str:
    """The message shown under a field of the filter form."""
    return html.unescape(
        section_text(text_of(response), rf'<p class="field-error" id="id_{name}_error">(.*?)</p>')
    )


def content_of(response) -> bytes:
    if response.streaming:
        # The test client closes the response once its content is read.
        return b"".join(response.streaming_content)
    return response.content


def counters(document_file: DocumentFile) -> tuple[int, int]:
    """(downloads of the file, downloads of its document), as stored."""
    document_file = DocumentFile.objects.select_related("document").get(pk=document_file.pk)
    return document_file.downloads, document_file.document.downloads


def views_of(document) -> int:
    return Document.objects.get(pk=document.pk).views


def views_text(count: int) -> str:
    return vi("%(views)s view", "%(views)s views", count, views=count)


def downloads_text(count: int) -> str:
    return vi("%(downloads)s download", "%(downloads)s downloads", count, downloads=count)


def download_url(document_file) -> str:
    return f"/van-ban/tep/{document_file.pk}/tai-ve/"


def preview_url(document_file) -> str:
    return f"/van-ban/tep/{document_file.pk}/xem/"


def rss_items(response) -> list[dict]:
    root = ET.fromstring(response.content)
    assert root.tag == "rss"
    return [{child.tag: (child.text or "") for child in item} for item in root.iter("item")]


# ---------------------------------------------------------------------------------------
# The list


class TestList:
    def test_rows_show_what_a_reader_looks_for(self, visitor, library):
        response = visitor.get("/van-ban/")
        assert response.status_code == 200
        row = row_of(response, "92/CT-UBND")
        assert 'href="/van-ban/{}/"'.format(library["directive"].pk) in row
        assert "Về việc tăng cường công tác thu kinh phí công đoàn năm 2025" in row
        assert "Chỉ thị" in row
        assert "UBND tỉnh" in row
        assert '<time datetime="2025-03-12">12/03/2025</time>' in row
        # Posted 14/03/2025 08:30 Hà Nội time: the list shows the day alone.
        assert re.search(r'<time datetime="2025-03-14T08:30:00\+07:00">14/03/2025</time>', row)
        assert vi("Issued") in row
        assert vi("Posted") in row
        assert views_text(901) in row
        assert downloads_text(277) in row
        assert vi("In force") in row

    def test_newest_posted_first_and_private_documents_absent(self, visitor, library):
        response = visitor.get("/van-ban/")
        assert numbers(response) == [
            "210/QĐ-LĐLĐ",
            "92/CT-UBND",
            "5440/QĐ-TLĐ",
            "65/HD-TLĐ",
            "15/CT-UBND",
        ]
        assert "1076/LĐLĐ" not in text_of(response)
        assert "Dự thảo hướng dẫn nội bộ" not in text_of(response)
        assert shows(response, vi("%(counter)s document", "%(counter)s documents", 5, counter=5))

    def test_a_clerk_sees_private_documents_in_the_list(self, library, clerk):
        response = logged_in(clerk).get("/van-ban/")
        assert "1076/LĐLĐ" in numbers(response)

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("type={directive}", ["92/CT-UBND", "15/CT-UBND"]),
            ("issuer={national}", ["5440/QĐ-TLĐ", "65/HD-TLĐ"]),
            ("field={organisation}", ["210/QĐ-LĐLĐ", "5440/QĐ-TLĐ"]),
            ("signer={chair}", ["92/CT-UBND"]),
            ("year=2024", ["65/HD-TLĐ"]),
            ("year=2023", ["5440/QĐ-TLĐ"]),
            ("type={decision}&issuer={national}", ["5440/QĐ-TLĐ"]),
        ],
    )
    def test_filters(self, visitor, library, kinds, query, expected):
        path = "/van-ban/?" + query.format(**{name: kind.pk for name, kind in kinds.items()})
        response = visitor.get(path)
        assert response.status_code == 200
        assert numbers(response) == expected
        assert '<meta name="robots" content="noindex">' in text_of(response)
        assert shows(response, vi("Clear filters"))

    @pytest.mark.parametrize(
        ("status", "expected"),
        [
            ("in-force", ["92/CT-UBND", "5440/QĐ-TLĐ"]),
            ("pending", ["210/QĐ-LĐLĐ"]),
            ("expired", ["65/HD-TLĐ"]),
            ("replaced", ["15/CT-UBND"]),
        ],
    )
    def test_status_filter_finds_documents_by_their_derived_status(
        self, visitor, library, status, expected
    ):
        response = visitor.get(f"/van-ban/?status={status}")
        assert response.status_code == 200
        assert numbers(response) == expected

    def test_status_filtered_rows_still_show_their_status(self, visitor, library):
        response = visitor.get("/van-ban/?status=expired")
        assert numbers(response) == ["65/HD-TLĐ"]
        assert vi("Expired") in row_of(response, "65/HD-TLĐ")

    def test_every_row_shows_its_status(self, visitor, library):
        response = visitor.get("/van-ban/")
        for number, label in (
            ("92/CT-UBND", "In force"),
            ("210/QĐ-LĐLĐ", "Not yet in force"),
            ("65/HD-TLĐ", "Expired"),
            ("15/CT-UBND", "Replaced"),
        ):
            assert f">{vi(label)}</span>" in row_of(response, number), number

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("92/ct", ["92/CT-UBND"]),
            ("92/CT-UBND", ["92/CT-UBND"]),
            ("5440", ["5440/QĐ-TLĐ"]),
            ("kinh phi", ["92/CT-UBND", "15/CT-UBND"]),
            ("KINH PHÍ công đoàn", ["92/CT-UBND", "15/CT-UBND"]),
            ("nop doan phi", ["65/HD-TLĐ"]),
            ("tài sản", ["5440/QĐ-TLĐ"]),
            ("không có văn bản nào như thế", []),
        ],
    )
    def test_text_box_finds_numbers_and_summaries_without_diacritics(
        self, visitor, library, text, expected
    ):
        response = visitor.get("/van-ban/", {"q": text})
        assert response.status_code == 200
        assert numbers(response) == expected
        if not expected:
            assert shows(response, vi("No document matches these choices."))

    @pytest.mark.parametrize(
        ("sort", "expected"),
        [
            ("moi-dang", ["210/QĐ-LĐLĐ", "92/CT-UBND", "5440/QĐ-TLĐ", "65/HD-TLĐ", "15/CT-UBND"]),
            (
                "ngay-ban-hanh",
                ["210/QĐ-LĐLĐ", "92/CT-UBND", "65/HD-TLĐ", "5440/QĐ-TLĐ", "15/CT-UBND"],
            ),
            ("xem-nhieu", ["5440/QĐ-TLĐ", "92/CT-UBND", "65/HD-TLĐ", "15/CT-UBND", "210/QĐ-LĐLĐ"]),
            ("tai-nhieu", ["65/HD-TLĐ", "92/CT-UBND", "5440/QĐ-TLĐ", "210/QĐ-LĐLĐ", "15/CT-UBND"]),
        ],
    )
    def test_sort_orders(self, visitor, library, sort, expected):
        response = visitor.get(f"/van-ban/?sort={sort}")
        assert response.status_code == 200
        assert numbers(response) == expected
        chosen = section(response, r'<select name="sort".*?</select>')
        assert re.search(rf'<option value="{sort}"[^>]*selected', chosen)

    def test_sort_and_filter_together(self, visitor, library, kinds):
        response = visitor.get(f"/van-ban/?issuer={kinds['national'].pk}&sort=tai-nhieu")
        assert numbers(response) == ["65/HD-TLĐ", "5440/QĐ-TLĐ"]

    def test_pages_keep_the_filters(self, visitor, kinds, site_profile):
        for number in range(1, 24):
            make_document(
                f"{number}/CT-UBND",
                kinds,
                summary=f"Chỉ thị số {number} về công tác công đoàn",
                posted_at=timezone.now() - timedelta(hours=number),
            )
        make_document("7/QĐ-LĐLĐ", kinds, type="decision", issuer="federation")
        directive = kinds["directive"].pk

        first = visitor.get(f"/van-ban/?type={directive}&sort=moi-dang")
        assert first.status_code == 200
        assert numbers(first) == [f"{number}/CT-UBND" for number in range(1, 21)]
        pages = section(first, r'<nav class="pagination".*?</nav>')
        link = html.unescape(re.search(r'href="([^"]+)" rel="next"', pages).group(1))
        assert link == f"?type={directive}&sort=moi-dang&page=2"
        assert shows(first, vi("%(counter)s document", "%(counter)s documents", 23, counter=23))

        second = visitor.get("/van-ban/" + link)
        assert second.status_code == 200
        assert numbers(second) == ["21/CT-UBND", "22/CT-UBND", "23/CT-UBND"]
        pages = section(second, r'<nav class="pagination".*?</nav>')
        back = html.unescape(re.search(r'href="([^"]+)" rel="prev"', pages).group(1))
        assert back == f"?type={directive}&sort=moi-dang&page=1"

    def test_an_empty_library_says_so(self, visitor, site_profile):
        response = visitor.get("/van-ban/")
        assert response.status_code == 200
        assert shows(response, vi("There are no documents here yet."))


class TestListBadInput:
    @pytest.mark.parametrize(
        ("query", "field", "message"),
        [
            ("year=abc", "year", "Choose a year from the list."),
            ("year=1800", "year", "Choose a year from the list."),
            ("type=999999", "type", "There is no such choice; pick one from the list."),
            ("type=abc", "type", "There is no such choice; pick one from the list."),
            ("issuer=-1", "issuer", "There is no such choice; pick one from the list."),
            ("status=bogus", "status", "There is no such choice; pick one from the list."),
            ("sort=drop", "sort", "There is no such choice; pick one from the list."),
            ("sort=drop%20table", "sort", "There is no such choice; pick one from the list."),
        ],
    )
    def test_a_bad_choice_gets_400_and_a_message_beside_the_field(
        self, visitor, library, query, field, message
    ):
        response = visitor.get(f"/van-ban/?{query}")
        assert response.status_code == 400
        assert field_error(response, field) == vi(message)
        assert shows(response, vi("Some choices could not be used; see the messages below them."))
        assert rows(response) == []
        assert not shows(response, vi("No document matches these choices."))

    @pytest.mark.parametrize("page", ["abc", "99999", "0", "-1"])
    def test_a_page_that_is_not_a_page_is_404(self, visitor, library, page):
        assert visitor.get(f"/van-ban/?page={page}").status_code == 404

    def test_a_very_long_search_gets_400_and_a_message(self, visitor, library):
        response = visitor.get("/van-ban/", {"q": "kinh phí công đoàn " * 106})
        assert response.status_code == 400
        assert field_error(response, "q") == vi(
            "The search text is too long (at most %(limit_value)d characters).", limit_value=200
        )
        assert rows(response) == []

    @pytest.mark.parametrize("text", ["' OR 1=1 --", '"; DROP TABLE documents_document; --'])
    def test_sql_looking_search_is_just_text(self, visitor, library, text):
        response = visitor.get("/van-ban/", {"q": text})
        assert response.status_code == 200
        assert numbers(response) == []
        assert shows(response, vi("No document matches these choices."))
        assert Document.objects.count() == 6

    @pytest.mark.parametrize("text", ["%", "_", "\\", "%%__"])
    def test_a_search_of_wildcards_alone_searches_for_nothing(self, visitor, library, text):
        response = visitor.get("/van-ban/", {"q": text})
        assert response.status_code == 200
        assert len(numbers(response)) == 5


# ---------------------------------------------------------------------------------------
# The document page


class TestDocumentPage:
    def test_metadata_table(self, visitor, library):
        directive = library["directive"]
        response = visitor.get(f"/van-ban/{directive.pk}/")
        assert response.status_code == 200
        table = html.unescape(section(response, r'<table class="meta-table">.*?</table>'))

        def row(label: str) -> str:
            return section_text(
                table, rf"<th scope=\"row\">{re.escape(vi(label))}</th>\s*<td>(.*?)</td>"
            )

        assert row("Number and symbol") == "92/CT-UBND"
        assert "Chỉ thị" in row("Type")
        assert f'href="/van-ban/?type={directive.type_id}"' in row("Type")
        assert "UBND tỉnh" in row("Issuing body")
        assert "Tài chính công đoàn" in row("Fields")
        assert row("Signed by") == "Lò Văn Mừng – Chủ tịch LĐLĐ tỉnh"
        # The issue date is a fact about the paper: no weekday. Posting is an event: it has one.
        assert row("Issue date") == '<time datetime="2025-03-12">12/03/2025</time>'
        with translation.override("vi"):
            assert format_date(directive.posted_at) in row("Posted")
        assert "12/03/2025" in row("Effective date")
        assert vi("In force") in row("Status")
        # The page counted this visit, and says so.
        assert views_text(902) in row("Views and downloads")
        assert downloads_text(277) in row("Views and downloads")
        assert "Về việc tăng cường công tác thu kinh phí công đoàn năm 2025" in text_of(response)

    def test_files_with_size_and_type_and_an_inline_pdf_preview(self, visitor, pdf_file, docx_file):
        response = visitor.get(pdf_file.document.get_absolute_url())
        files = html.unescape(section(response, r'<section class="document-files".*?</section>'))
        with translation.override("vi"):
            pdf_size, docx_size = filesizeformat(len(PDF_BYTES)), filesizeformat(len(DOCX_BYTES))
        assert f'href="{download_url(pdf_file)}" download>{PDF_NAME}</a>' in files
        assert f"PDF · {pdf_size}" in files
        assert f'href="{download_url(docx_file)}" download>{DOCX_NAME}</a>' in files
        assert f"Word · {docx_size}" in files
        assert files.index(PDF_NAME) < files.index(DOCX_NAME)

        frame = section(response, r'<iframe class="pdf-frame"[^>]*>')
        assert f'src="{preview_url(pdf_file)}"' in frame
        assert PDF_NAME in html.unescape(frame)

    def test_a_document_without_files_says_so_and_has_no_preview(self, visitor, library):
        response = visitor.get(library["decision"].get_absolute_url())
        assert shows(response, vi("No file is attached to this document."))
        assert "<iframe" not in text_of(response)

    def test_replaces_replaced_by_related_and_same_field(self, visitor, library):
        directive, old = library["directive"], library["old"]
        response = visitor.get(directive.get_absolute_url())
        links = html.unescape(section(response, r'<section class="document-links".*?</section>'))
        assert vi("Replaces") in links
        assert vi("Related documents") in links
        replaces = section_text(links, rf"<h3>{re.escape(vi('Replaces'))}</h3>(.*?)</ol>")
        assert f'href="/van-ban/{old.pk}/"' in replaces
        related = section_text(links, rf"<h3>{re.escape(vi('Related documents'))}</h3>(.*?)</ol>")
        assert "5440/QĐ-TLĐ" in related
        same_field = html.unescape(
            section(
                response,
                r'<section class="document-links" aria-labelledby="same-field.*?</section>',
            )
        )
        assert vi("Other documents in the same field") in same_field
        assert "65/HD-TLĐ" in same_field
        assert "15/CT-UBND" not in same_field  # listed once, under "Replaces"
        assert "5440/QĐ-TLĐ" not in same_field  # another field
        assert "1076/LĐLĐ" not in text_of(response)  # same field, but private

        older = visitor.get(old.get_absolute_url())
        links = html.unescape(section(older, r'<section class="document-links".*?</section>'))
        replaced_by = section_text(links, rf"<h3>{re.escape(vi('Replaced by'))}</h3>(.*?)</ol>")
        assert f'href="/van-ban/{directive.pk}/"' in replaced_by
        assert "92/CT-UBND" in replaced_by
        table = html.unescape(section(older, r'<table class="meta-table">.*?</table>'))
        assert vi("Replaced") in table

        # "related" reads both ways.
        decision = visitor.get(library["decision"].get_absolute_url())
        assert "92/CT-UBND" in section(decision, r'<section class="document-links".*?</section>')

    def test_unknown_document_is_404(self, visitor, library):
        assert visitor.get("/van-ban/999999/").status_code == 404

    def test_private_document_is_404_for_visitors_and_shown_to_a_clerk(
        self, visitor, library, clerk
    ):
        private = library["private"]
        assert visitor.get(private.get_absolute_url()).status_code == 404
        response = logged_in(clerk).get(private.get_absolute_url())
        assert response.status_code == 200
        assert shows(response, vi("Preview for staff: this document is not public."))
        assert '<meta name="robots" content="noindex">' in text_of(response)
        assert views_of(private) == 0  # a clerk checking a private document is not a view

    def test_a_document_made_private_disappears_at_once(self, visitor, library):
        directive = library["directive"]
        assert visitor.get(directive.get_absolute_url()).status_code == 200
        directive.is_public = False
        directive.save()
        assert visitor.get(directive.get_absolute_url()).status_code == 404
        assert "92/CT-UBND" not in numbers(visitor.get("/van-ban/"))

    def test_a_view_is_counted_once_per_visitor_per_visit(self, library):
        decision = library["decision"]
        url = decision.get_absolute_url()
        reader = browser(address="113.160.12.34")
        assert reader.get(url).status_code == 200
        assert reader.get(url).status_code == 200
        assert views_of(decision) == 1501

        assert browser(address="14.241.5.77").get(url).status_code == 200
        assert views_of(decision) == 1502

        assert browser(address="66.249.66.1", user_agent=GOOGLEBOT_UA).get(url).status_code == 200
        assert browser(address="203.0.113.9", user_agent=CURL_UA).get(url).status_code == 200
        assert views_of(decision) == 1502

    def test_a_head_request_is_not_a_view(self, visitor, library):
        decision = library["decision"]
        assert visitor.head(decision.get_absolute_url()).status_code == 200
        assert views_of(decision) == 1500


# ---------------------------------------------------------------------------------------
# The counted download


class TestDownload:
    def test_the_bytes_and_headers(self, visitor, pdf_file):
        response = visitor.get(download_url(pdf_file))
        assert response.status_code == 200
        assert content_of(response) == PDF_BYTES
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Length"] == str(len(PDF_BYTES)) == str(pdf_file.size)
        assert response["X-Content-Type-Options"] == "nosniff"

        disposition = response["Content-Disposition"]
        assert disposition.startswith("attachment;")
        fallback = re.search(r'filename="([^"]*)"', disposition).group(1)
        assert fallback == slugify_vi(PDF_NAME.removesuffix(".pdf")) + ".pdf"
        assert fallback.isascii()
        encoded = re.search(r"filename\*=UTF-8''(\S+)", disposition).group(1)
        assert encoded.isascii()
        assert unquote(encoded) == "Chỉ thị số 92 về kinh phí công đoàn.pdf"

    def test_a_word_file_downloads_with_its_own_type(self, visitor, docx_file):
        response = visitor.get(download_url(docx_file))
        assert response.status_code == 200
        assert content_of(response) == DOCX_BYTES
        assert response["Content-Type"] == docx_file.content_type
        encoded = re.search(r"filename\*=UTF-8''(\S+)", response["Content-Disposition"]).group(1)
        assert unquote(encoded) == DOCX_NAME

    def test_counted_once_per_visitor_per_visit(self, pdf_file, docx_file):
        reader = browser(address="113.160.12.34")
        content_of(reader.get(download_url(pdf_file)))
        content_of(reader.get(download_url(pdf_file)))
        assert counters(pdf_file) == (1, 278)

        content_of(browser(address="14.241.5.77").get(download_url(pdf_file)))
        assert counters(pdf_file) == (2, 279)

        # Another file of the same document is another download.
        content_of(reader.get(download_url(docx_file)))
        assert counters(docx_file) == (1, 280)

    def test_the_page_shows_the_new_counts(self, visitor, pdf_file):
        content_of(visitor.get(download_url(pdf_file)))
        response = browser(address="14.241.5.77").get(pdf_file.document.get_absolute_url())
        files = html.unescape(section(response, r'<section class="document-files".*?</section>'))
        assert downloads_text(1) in files
        table = html.unescape(section(response, r'<table class="meta-table">.*?</table>'))
        assert downloads_text(278) in table

    def test_head_is_not_counted(self, visitor, pdf_file):
        response = visitor.head(download_url(pdf_file))
        assert response.status_code == 200
        assert response["Content-Length"] == str(len(PDF_BYTES))
        assert counters(pdf_file) == (0, 277)
        # ...and does not use up the visitor's one count.
        content_of(visitor.get(download_url(pdf_file)))
        assert counters(pdf_file) == (1, 278)

    @pytest.mark.parametrize("user_agent", [GOOGLEBOT_UA, CURL_UA, ""])
    def test_bots_get_the_file_but_are_not_counted(self, pdf_file, user_agent):
        response = browser(address="66.249.66.1", user_agent=user_agent).get(download_url(pdf_file))
        assert response.status_code == 200
        assert content_of(response) == PDF_BYTES
        assert counters(pdf_file) == (0, 277)

    def test_other_methods_are_refused(self, visitor, pdf_file):
        assert visitor.post(download_url(pdf_file)).status_code == 405
        assert counters(pdf_file) == (0, 277)

    def test_unknown_file_is_404(self, visitor, library):
        assert visitor.get("/van-ban/tep/999999/tai-ve/").status_code == 404

    def test_file_of_a_private_document_is_404_even_with_its_address(
        self, visitor, private_file, clerk
    ):
        assert visitor.get(download_url(private_file)).status_code == 404
        assert visitor.get(preview_url(private_file)).status_code == 404
        assert counters(private_file) == (0, 0)
        # The clerk who filed it can still open it.
        response = logged_in(clerk).get(download_url(private_file))
        assert response.status_code == 200
        assert content_of(response).startswith(b"%PDF-")

    def test_a_clerk_checking_a_private_file_is_not_a_download(self, private_file, clerk):
        content_of(logged_in(clerk).get(download_url(private_file)))
        assert counters(private_file) == (0, 0)

    def test_a_document_made_private_after_the_page_was_loaded_refuses_the_download(
        self, visitor, pdf_file
    ):
        page = visitor.get(pdf_file.document.get_absolute_url())
        assert download_url(pdf_file) in text_of(page)
        Document.objects.filter(pk=pdf_file.document_id).update(is_public=False)

        response = visitor.get(download_url(pdf_file))
        assert response.status_code == 404
        assert PDF_BYTES not in content_of(response)
        assert visitor.get(preview_url(pdf_file)).status_code == 404
        assert counters(pdf_file) == (0, 277)

    def test_a_file_gone_from_disk_is_a_404_page_logged_and_not_counted(
        self, visitor, pdf_file, caplog
    ):
        os.remove(pdf_file.file.path)
        with caplog.at_level(logging.ERROR, logger="documents"):
            response = visitor.get(download_url(pdf_file))
        assert response.status_code == 404
        assert response["Content-Type"].startswith("text/html")
        assert shows(response, vi("The file is not available"))
        assert PDF_NAME in html.unescape(text_of(response))
        assert f'href="{pdf_file.document.get_absolute_url()}"' in text_of(response)
        assert counters(pdf_file) == (0, 277)

        errors = [
            r
            for r in caplog.records
            if r.levelno >= logging.ERROR and r.name.startswith("federation.files")
        ]
        assert errors, "the missing file was not logged"
        assert pdf_file.file.name in errors[0].getMessage()

        assert visitor.get(preview_url(pdf_file)).status_code == 404

    def test_handed_to_nginx_with_x_accel_redirect(self, visitor, pdf_file, settings):
        settings.DOWNLOAD_HANDOFF = "x-accel-redirect"
        response = visitor.get(download_url(pdf_file))
        assert response.status_code == 200
        assert response["X-Accel-Redirect"] == settings.PROTECTED_MEDIA_URL + pdf_file.file.name
        assert response.content == b""
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        encoded = re.search(r"filename\*=UTF-8''(\S+)", response["Content-Disposition"]).group(1)
        assert unquote(encoded) == PDF_NAME
        assert response["X-Content-Type-Options"] == "nosniff"
        assert counters(pdf_file) == (1, 278)


class TestPreview:
    def test_inline_and_not_counted(self, visitor, pdf_file):
        response = visitor.get(preview_url(pdf_file))
        assert response.status_code == 200
        assert content_of(response) == PDF_BYTES
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("inline;")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
        assert response["X-Frame-Options"] == "SAMEORIGIN"
        assert counters(pdf_file) == (0, 277)
        # Previewing first does not use up the visitor's download count.
        content_of(visitor.get(download_url(pdf_file)))
        assert counters(pdf_file) == (1, 278)

    def test_only_pdf_files_are_previewed(self, visitor, docx_file):
        assert visitor.get(preview_url(docx_file)).status_code == 404
        assert counters(docx_file) == (0, 277)

    def test_unknown_file_is_404(self, visitor, library):
        assert visitor.get("/van-ban/tep/999999/xem/").status_code == 404


# ---------------------------------------------------------------------------------------
# Feed, sitemap, home page, site search


class TestElsewhere:
    def test_rss_lists_public_documents_only(self, visitor, library):
        response = visitor.get("/van-ban/rss/")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/rss+xml")
        items = rss_items(response)
        titles = [item["title"] for item in items]
        assert titles[0] == "210/QĐ-LĐLĐ – Quyết định khen thưởng công đoàn cơ sở xuất sắc"
        assert len(items) == 5
        assert not any("1076/LĐLĐ" in title for title in titles)
        directive = next(item for item in items if item["title"].startswith("92/CT-UBND"))
        assert directive["link"].endswith(f"/van-ban/{library['directive'].pk}/")
        assert directive["description"] == "Chỉ thị · UBND tỉnh · 12/03/2025"
        assert "1076" not in response.content.decode()

    def test_sitemap_lists_public_documents_only(self, visitor, library):
        response = visitor.get("/sitemap.xml")
        assert response.status_code == 200
        locations = [loc.text for loc in ET.fromstring(response.content).iter(f"{SITEMAP}loc")]
        for name in ("old", "directive", "decision", "guidance", "pending"):
            assert any(url.endswith(f"/van-ban/{library[name].pk}/") for url in locations), name
        assert not any(url.endswith(f"/van-ban/{library['private'].pk}/") for url in locations)

    def test_home_page_blocks(self, visitor, library):
        home = visitor.get("/")
        latest = html.unescape(
            section(home, r'<section class="panel documents-latest".*?</section>')
        )
        assert vi("New documents") in latest
        assert "92/CT-UBND" in latest
        assert "210/QĐ-LĐLĐ" in latest
        assert "1076/LĐLĐ" not in latest
        most = html.unescape(
            section(home, r'<section class="panel documents-most-downloaded".*?</section>')
        )
        assert vi("Most downloaded documents") in most
        ranked = re.findall(r'<li><a href="[^"]+">(.*?)</a>', most)
        assert ranked == ["65/HD-TLĐ", "92/CT-UBND", "5440/QĐ-TLĐ"]

    def test_most_downloaded_block_appears_once_something_is_downloaded(
        self, visitor, kinds, site_profile, time_machine
    ):
        document = make_document(
            "92/CT-UBND", kinds, files=[(PDF_NAME, PDF_BYTES)], posted_at=timezone.now()
        )
        home = visitor.get("/")
        assert "documents-latest" in text_of(home)
        assert "documents-most-downloaded" not in text_of(home)

        content_of(visitor.get(download_url(document.files.get())))
        # The block is kept for half a minute.
        time_machine.move_to(timezone.now() + timedelta(seconds=31))
        home = browser(address="14.241.5.77").get("/")
        most = html.unescape(
            section(home, r'<section class="panel documents-most-downloaded".*?</section>')
        )
        assert vi("Most downloaded documents") in most
        assert "92/CT-UBND" in most
        assert downloads_text(1) in most

    @pytest.mark.parametrize("query", ["92/ct", "kinh phi"])
    def test_site_search_lists_documents_beside_news(self, visitor, library, query):
        author = make_approver()
        make_article(
            "Công đoàn tỉnh đôn đốc thu kinh phí công đoàn năm 2025",
            make_categories()["union"],
            by=author,
            summary="Chỉ thị 92/CT-UBND yêu cầu các doanh nghiệp nộp đủ kinh phí công đoàn.",
        )
        response = visitor.get("/tim-kiem/", {"q": query})
        assert response.status_code == 200
        results = [
            (html.unescape(kind), re.sub(r"<[^>]+>", "", html.unescape(title)))
            for kind, title in re.findall(
                r'<p class="result-kind">(.*?)</p>\s*'
                r'<h2 class="result-title"><a href="[^"]+">(.*?)</a>',
                text_of(response),
                re.S,
            )
        ]
        documents = [title for kind, title in results if kind == vi("Document")]
        assert "Chỉ thị 92/CT-UBND" in documents
        assert vi("Document") == "Văn bản"
        assert not any("1076/LĐLĐ" in title for _kind, title in results)
        if query == "kinh phi":
            assert "Chỉ thị 15/CT-UBND" in documents
            assert (vi("News"), "Công đoàn tỉnh đôn đốc thu kinh phí công đoàn năm 2025") in results


# ---------------------------------------------------------------------------------------
# Private documents and signed-in people without the clerk's right


def branch_officer():
    return make_officer("lo.van.thang", make_tree().school)


@pytest.mark.parametrize("make_person", [branch_officer, make_editor], ids=["officer", "editor"])
def test_a_private_document_stays_hidden_from_signed_in_people_who_are_not_clerks(
    library, make_person
):
    """Signing in is not a right to the library's drafts: only the documents clerk sees them."""
    client = logged_in(make_person(), address="10.0.5.1")
    private = library["private"]
    private_file = private.files.get()
    assert client.get(private.get_absolute_url()).status_code == 404
    assert client.get(download_url(private_file)).status_code == 404
    assert client.get(preview_url(private_file)).status_code == 404
    assert counters(private_file) == (0, 0)
    listed = client.get("/van-ban/")
    assert "1076/LĐLĐ" not in numbers(listed)
    assert "Dự thảo hướng dẫn nội bộ" not in text_of(listed)
    searched = client.get("/van-ban/", {"q": "du thao noi bo"})
    assert numbers(searched) == []
    site_search = client.get("/tim-kiem/", {"q": "du thao noi bo"})
    assert site_search.status_code == 200
    assert "1076/LĐLĐ" not in text_of(site_search)
