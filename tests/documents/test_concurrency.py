"""Downloads arriving all at once are each counted: no lost update, no visitor doubled.

Only PostgreSQL runs requests truly in parallel (SQLite serialises writers), so this
runs there, against the live server, as the deployed portal would be hit.
"""

import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from documents.models import DocumentFile
from tests.documents.factories import make_classifications, make_document
from tests.factories import make_site_profile
from tests.files import pdf_bytes

DOWNLOADS = 200
PDF_NAME = "Chỉ thị số 92 về kinh phí công đoàn.pdf"

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
    # Floods of requests each want the whole machine: never two at once under xdist.
    pytest.mark.xdist_group("request-floods"),
]


def phone(number: int) -> str:
    """A distinct phone browser per request: each request is another visitor."""
    return (
        f"Mozilla/5.0 (Linux; Android 14; SM-A{number:03d}E) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36"
    )


@pytest.mark.django_db(transaction=True)
def test_concurrent_downloads_are_all_counted(live_server):
    make_site_profile()
    content = pdf_bytes("Chi thi so 92/CT-UBND ve kinh phi cong doan " * 200)
    document = make_document("92/CT-UBND", make_classifications(), files=[(PDF_NAME, content)])
    document_file = document.files.get()
    url = f"{live_server.url}/van-ban/tep/{document_file.pk}/tai-ve/"

    def fetch(number: int) -> tuple[int, bytes, str]:
        request = urllib.request.Request(url, headers={"User-Agent": phone(number)})
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read(), response.headers["Content-Disposition"]

    with ThreadPoolExecutor(max_workers=50) as pool:
        results = list(pool.map(fetch, range(DOWNLOADS)))

    assert [status for status, _body, _disposition in results] == [200] * DOWNLOADS
    assert all(body == content for _status, body, _disposition in results)
    assert all(disposition.startswith("attachment;") for *_rest, disposition in results)

    document_file = DocumentFile.objects.get(pk=document_file.pk)
    document.refresh_from_db()
    assert document_file.downloads == DOWNLOADS
    assert document.downloads == DOWNLOADS
