"""Every public page of the document library runs the same number of queries with 10
documents and with 200.

The document under test also gains files, fields and links (replaces, replaced by,
related) between the two measurements, so a query per related row shows up as well as a
query per document.
"""

import re
from collections import Counter
from datetime import date, timedelta

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from documents import services
from documents.models import Document, Field, Signer, number_key
from federation.text import search_document
from tests.documents.factories import make_classifications, make_document
from tests.factories import browser, make_site_profile
from tests.files import docx_bytes, pdf_bytes, upload

SUMMARIES = (
    "Về việc tăng cường công tác thu kinh phí công đoàn",
    "Hướng dẫn tổ chức Đại hội công đoàn cơ sở nhiệm kỳ 2023 – 2028",
    "Kế hoạch tổ chức Tháng Công nhân năm 2025",
    "Thông báo kết quả xét duyệt hỗ trợ Mái ấm Công đoàn",
)


def make_many_documents(count: int, kinds: dict, *, start: int = 0) -> list[Document]:
    """Public documents in bulk, with fields and signers: one INSERT per batch."""
    now = timezone.now()
    types = [kinds["directive"], kinds["decision"], kinds["guidance"]]
    issuers = [kinds["province"], kinds["national"], kinds["federation"]]
    rows = []
    for number in range(start, start + count):
        document = Document(
            number=f"{number + 100}/TB-LĐLĐ",
            summary=f"{SUMMARIES[number % len(SUMMARIES)]} (số {number})",
            type=types[number % 3],
            issuer=issuers[number % 3],
            signer=kinds["chair"] if number % 2 else None,
            issued_on=date(2025 - number % 3, 1 + number % 12, 1 + number % 28),
            expires_on=date(2025, 1, 1) if number % 5 == 0 and number % 3 else None,
            posted_at=now - timedelta(hours=number + 1),
            views=number * 7,
            downloads=number * 3,
        )
        # bulk_create skips save(): fill the derived columns the way save() does.
        document.number_key = number_key(document.number)
        document.search_text = search_document(document.number, document.summary)
        rows.append(document)
    created = Document.objects.bulk_create(rows, batch_size=500)
    Document.fields.through.objects.bulk_create(
        [
            Document.fields.through(
                document_id=document.pk,
                field_id=(kinds["finance"] if i % 2 else kinds["organisation"]).pk,
            )
            for i, document in enumerate(created)
        ],
        batch_size=500,
    )
    return created


def measure(path: str) -> list[str]:
    """The SQL a first-time visitor's request runs, with every cache empty."""
    cache.clear()
    client = browser(address="203.113.1.1")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
        if response.streaming:
            b"".join(response.streaming_content)  # the client closes it once read
    assert response.status_code == 200, path
    return [query["sql"] for query in queries.captured_queries]


def test_public_pages_run_a_fixed_number_of_queries(db):
    make_site_profile()
    kinds = make_classifications()
    target = make_document(
        "92/CT-UBND",
        kinds,
        summary="Về việc tăng cường công tác thu kinh phí công đoàn năm 2025",
        issued_on=date(2025, 3, 12),
        posted_at=timezone.now(),
        signer=kinds["chair"],
        files=[("Chỉ thị số 92 về kinh phí công đoàn.pdf", pdf_bytes())],
    )
    older = make_document("15/CT-UBND", kinds, issued_on=date(2022, 2, 10))
    target.replaces.add(older)
    pdf = target.files.get()
    pages = {
        "list": "/van-ban/",
        "list by type and year": f"/van-ban/?type={kinds['directive'].pk}&year=2025",
        "text search": "/van-ban/?q=kinh+phi",
        "number search": "/van-ban/?q=92%2Fct",
        "status": "/van-ban/?status=in-force",
        "status and sort": "/van-ban/?status=expired&sort=tai-nhieu",
        "sorted by views": "/van-ban/?sort=xem-nhieu",
        "document": target.get_absolute_url(),
        "download": f"/van-ban/tep/{pdf.pk}/tai-ve/",
        "preview": f"/van-ban/tep/{pdf.pk}/xem/",
        "feed": "/van-ban/rss/",
        "home": "/",
        "site search": "/tim-kiem/?q=kinh+phi",
        "sitemap": "/sitemap.xml",
    }

    make_many_documents(10, kinds)
    small = {name: measure(path) for name, path in pages.items()}

    bulk = make_many_documents(190, kinds, start=10)
    # The target gains a file, more fields, more links of each kind.
    make_document(
        "5440/QĐ-TLĐ",
        kinds,
        type="decision",
        issuer="national",
        files=[("Quyết định 5440.docx", docx_bytes())],
    ).replaces.add(target)
    target.replaces.add(*bulk[:5])
    target.related.add(*bulk[5:12])
    for number in range(3):
        target.fields.add(Field.objects.create(name=f"Lĩnh vực {number}", order=10 + number))
    Signer.objects.create(name="Nguyễn Văn Hùng", position="Phó Chủ tịch")
    services.attach_file(
        document=target,
        upload=upload("Phụ lục kèm theo.docx", docx_bytes("Phụ lục số 2")),
        order=1,
    )
    large = {name: measure(path) for name, path in pages.items()}

    # A page deep in the list costs what the first page costs.
    deep = measure("/van-ban/?sort=xem-nhieu&page=9")

    print("\nQueries per page (12 documents → 202 documents):")
    for name in pages:
        print(f"  {name:22} {len(small[name]):3} → {len(large[name]):3}")
    print(f"  {'page 9 of 11':22}       {len(deep):3}")

    grown = [name for name in pages if len(large[name]) != len(small[name])]
    assert not grown, "queries changed with the data:\n" + "\n".join(
        f"{name}: {len(small[name])} → {len(large[name])}\n{repeated(small[name], large[name])}"
        for name in grown
    )
    assert len(deep) == len(large["sorted by views"]), repeated(large["sorted by views"], deep)


def repeated(before: list[str], after: list[str]) -> str:
    """The statements (literals blanked) that ran more often the second time."""

    def shape(sql: str) -> str:
        return re.sub(r"'[^']*'|\d+", "?", sql)[:300]

    more = Counter(map(shape, after)) - Counter(map(shape, before))
    return "\n".join(f"  {count}× more: {sql}" for sql, count in more.most_common(5))
