"""The documents clerk's desk: who may do what, the list, the form, counters, history."""

import html
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from documents.models import Document, DocumentFile
from federation import roles
from tests.documents.factories import make_classifications, make_clerk, make_document
from tests.factories import browser, make_editor
from tests.files import docx_bytes, pdf_bytes, upload
from tests.helpers import files_under, logged_in, section, text_of, vi

pytestmark = pytest.mark.django_db

LIST_URL = reverse("admin:documents_document_changelist")
ADD_URL = reverse("admin:documents_document_add")


def change_url(document) -> str:
    return reverse("admin:documents_document_change", args=[document.pk])


@pytest.fixture
def kinds(db):
    return make_classifications()


@pytest.fixture
def clerk(db):
    return make_clerk()


@pytest.fixture
def clerk_client(clerk):
    return logged_in(clerk, address="10.0.0.31")


@pytest.fixture
def library(kinds):
    """Five documents of different types, issuers and fields: every status, and a replacement."""
    today = timezone.localdate()
    old_guidance = make_document(
        "65/HD-TLĐ",
        kinds,
        type="guidance",
        issuer="national",
        fields=("organisation",),
        summary="Hướng dẫn tổ chức Đại hội Công đoàn cơ sở nhiệm kỳ 2023–2028",
        issued_on=today - timedelta(days=900),
    )
    new_guidance = make_document(
        "12/HD-TLĐ",
        kinds,
        type="guidance",
        issuer="national",
        fields=("organisation",),
        summary="Hướng dẫn tổ chức Đại hội Công đoàn cơ sở nhiệm kỳ 2028–2033",
        issued_on=today - timedelta(days=20),
    )
    new_guidance.replaces.add(old_guidance)
    return {
        "in_force": make_document(
            "92/CT-UBND",
            kinds,
            summary="Về việc tăng cường công tác thu kinh phí công đoàn",
            files=[("Chỉ thị 92.pdf", pdf_bytes())],
        ),
        "pending": make_document(
            "5440/QĐ-TLĐ",
            kinds,
            type="decision",
            issuer="national",
            fields=("organisation",),
            summary="Quyết định khen thưởng tập thể có thành tích xuất sắc",
            effective_on=today + timedelta(days=10),
            issued_on=today - timedelta(days=2),
        ),
        "expired": make_document(
            "1076/LĐLĐ",
            kinds,
            type="decision",
            issuer="federation",
            summary="Công văn về việc tổ chức Tháng Công nhân năm 2025",
            issued_on=today - timedelta(days=400),
            expires_on=today - timedelta(days=1),
        ),
        "replaced": old_guidance,
        "replacing": new_guidance,
    }


def listed(response) -> set[str]:
    """The document numbers in the admin list's rows."""
    assert response.status_code == 200
    cells = re.findall(r'<th class="field-number"><a [^>]*>(.*?)</a>', text_of(response))
    return {html.unescape(cell) for cell in cells}


def readonly(response, field: str) -> str:
    """What the change form shows for a read-only field."""
    match = re.search(
        rf'<div class="form-row[^"]*field-{field}.*?<div class="readonly">(.*?)</div>',
        text_of(response),
        re.S,
    )
    assert match, f"no read-only {field} on the form"
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip()


def form_of(document, **changes) -> dict:
    """The change form of a document and its files, as the browser sends it back."""
    document = Document.objects.get(pk=document.pk)
    posted = timezone.localtime(document.posted_at)
    files = list(document.files.all())
    data = {
        "number": document.number,
        "type": document.type_id,
        "issuer": document.issuer_id,
        "summary": document.summary,
        "fields": [field.pk for field in document.fields.all()],
        "signer": document.signer_id or "",
        "issued_on": document.issued_on.isoformat(),
        "effective_on": document.effective_on.isoformat() if document.effective_on else "",
        "expires_on": document.expires_on.isoformat() if document.expires_on else "",
        "replaces": [other.pk for other in document.replaces.all()],
        "related": [other.pk for other in document.related.all()],
        "is_public": "on" if document.is_public else "",
        "posted_at_0": f"{posted:%Y-%m-%d}",
        "posted_at_1": f"{posted:%H:%M:%S}",
        "full_text": document.full_text,
        "files-TOTAL_FORMS": len(files),
        "files-INITIAL_FORMS": len(files),
        "files-MIN_NUM_FORMS": 0,
        "files-MAX_NUM_FORMS": 1000,
        "_save": "Lưu",
    }
    for row, document_file in enumerate(files):
        data |= {
            f"files-{row}-id": document_file.pk,
            f"files-{row}-document": document.pk,
            f"files-{row}-order": document_file.order,
        }
    data.update(changes)
    return data


# ---------------------------------------------------------------------------------------
# Who may do what

CLERK_PERMISSIONS = {
    "documents.view_document",
    "documents.add_document",
    "documents.change_document",
    "documents.view_documentfile",
    "documents.add_documentfile",
    "documents.change_documentfile",
    "documents.delete_documentfile",
    "documents.view_documenttype",
    "documents.add_documenttype",
    "documents.change_documenttype",
    "documents.view_issuer",
    "documents.add_issuer",
    "documents.change_issuer",
    "documents.view_field",
    "documents.add_field",
    "documents.change_field",
    "documents.view_signer",
    "documents.add_signer",
    "documents.change_signer",
}


class TestRoles:
    def test_the_clerk_role_holds_exactly_the_documents_permissions(self):
        group = Group.objects.get(name="Văn thư văn bản")
        assert group.name == roles.DOCUMENTS_CLERK
        held = {
            f"{app}.{codename}"
            for app, codename in group.permissions.values_list(
                "content_type__app_label", "codename"
            )
        }
        assert held == CLERK_PERMISSIONS

    def test_the_clerk_opens_the_list_the_add_form_and_a_change_form(self, clerk_client, library):
        assert clerk_client.get(LIST_URL).status_code == 200
        assert clerk_client.get(ADD_URL).status_code == 200
        assert clerk_client.get(change_url(library["pending"])).status_code == 200
        for model in ("documenttype", "issuer", "field", "signer"):
            assert clerk_client.get(reverse(f"admin:documents_{model}_add")).status_code == 200

    def test_the_clerk_files_a_document_and_is_remembered_as_its_filer(
        self, clerk, clerk_client, kinds
    ):
        data = {
            "number": "01/TB-LĐLĐ",
            "type": kinds["directive"].pk,
            "issuer": kinds["federation"].pk,
            "summary": "Thông báo kết luận của Ban Thường vụ LĐLĐ tỉnh",
            "issued_on": "2026-01-05",
            "is_public": "on",
            "posted_at_0": "2026-01-06",
            "posted_at_1": "08:00:00",
            "files-TOTAL_FORMS": 0,
            "files-INITIAL_FORMS": 0,
            "files-MIN_NUM_FORMS": 0,
            "files-MAX_NUM_FORMS": 1000,
        }
        assert clerk_client.post(ADD_URL, data).status_code == 302
        document = Document.objects.get()
        assert document.number == "01/TB-LĐLĐ"
        assert document.created_by == clerk

    def test_the_clerk_adds_and_removes_a_file_of_a_document(
        self, clerk_client, library, django_capture_on_commit_callbacks
    ):
        document = library["in_force"]
        wrong_scan = document.files.get()
        wrong_path = Path(wrong_scan.file.path)
        assert wrong_path.exists()
        data = form_of(
            document,
            **{
                "files-0-DELETE": "on",
                "files-TOTAL_FORMS": 2,
                "files-1-id": "",
                "files-1-document": document.pk,
                "files-1-order": 1,
                "files-1-file": upload("Chỉ thị 92 (bản đúng).docx", docx_bytes()),
            },
        )
        with django_capture_on_commit_callbacks(execute=True):
            assert clerk_client.post(change_url(document), data).status_code == 302
        assert not DocumentFile.objects.filter(pk=wrong_scan.pk).exists()
        assert [f.original_name for f in document.files.all()] == ["Chỉ thị 92 (bản đúng).docx"]
        assert not wrong_path.exists()  # the wrong scan leaves the disk too
        assert Path(document.files.get().file.path).exists()

    def test_replacing_a_scan_describes_the_new_file_and_removes_the_old_one(
        self, clerk_client, library, django_capture_on_commit_callbacks
    ):
        document = library["in_force"]
        document_file = document.files.get()
        old_path = Path(document_file.file.path)
        replacement = docx_bytes("Chỉ thị số 92/CT-UBND, bản đánh máy")
        data = form_of(
            document, **{"files-0-file": upload("Chỉ thị 92 (bản Word).docx", replacement)}
        )
        with django_capture_on_commit_callbacks(execute=True):
            assert clerk_client.post(change_url(document), data).status_code == 302
        document_file.refresh_from_db()
        assert (document_file.original_name, document_file.kind, document_file.size) == (
            "Chỉ thị 92 (bản Word).docx",
            "docx",
            len(replacement),
        )
        with document_file.file.open("rb") as stored:
            assert stored.read() == replacement
        assert not old_path.exists()
        assert files_under(settings.PROTECTED_MEDIA_ROOT) == [document_file.file.path]

    def test_the_clerk_cannot_delete_a_document(self, clerk_client, library):
        document = library["in_force"]
        delete_url = reverse("admin:documents_document_delete", args=[document.pk])
        assert clerk_client.get(delete_url).status_code == 403
        assert clerk_client.post(delete_url, {"post": "yes"}).status_code == 403
        response = clerk_client.post(
            LIST_URL,
            {"action": "delete_selected", "_selected_action": [document.pk], "post": "yes"},
        )
        assert response.status_code == 200  # the list again: no such action for the clerk
        assert Document.objects.filter(pk=document.pk).exists()
        assert 'value="delete_selected"' not in text_of(clerk_client.get(LIST_URL))

    def test_the_clerk_cannot_touch_the_news(self, clerk_client):
        assert clerk_client.get(reverse("admin:news_article_changelist")).status_code == 403
        assert clerk_client.get(reverse("admin:news_article_add")).status_code == 403

    def test_a_news_editor_cannot_open_the_documents_admin(self, library):
        editor = logged_in(make_editor(), address="10.0.0.21")
        assert editor.get(LIST_URL).status_code == 403
        assert editor.get(ADD_URL).status_code == 403
        assert editor.get(change_url(library["in_force"])).status_code == 403


# ---------------------------------------------------------------------------------------
# The list


class TestChangelist:
    @pytest.mark.parametrize(
        ("status", "expected"),
        [
            ("in-force", {"92/CT-UBND", "12/HD-TLĐ"}),
            ("pending", {"5440/QĐ-TLĐ"}),
            ("expired", {"1076/LĐLĐ"}),
            ("replaced", {"65/HD-TLĐ"}),
        ],
    )
    def test_filter_by_status(self, clerk_client, library, status, expected):
        assert listed(clerk_client.get(LIST_URL, {"status": status})) == expected

    def test_the_status_column_shows_the_derived_status(self, clerk_client, library):
        page = text_of(clerk_client.get(LIST_URL))
        for status, label in [
            ("in-force", "In force"),
            ("pending", "Not yet in force"),
            ("expired", "Expired"),
            ("replaced", "Replaced"),
        ]:
            assert f'<span class="status status-{status}">{vi(label)}</span>' in page

    def test_filter_by_type_issuer_and_field(self, clerk_client, kinds, library):
        get = clerk_client.get
        assert listed(get(LIST_URL, {"type__id__exact": kinds["decision"].pk})) == {
            "5440/QĐ-TLĐ",
            "1076/LĐLĐ",
        }
        assert listed(get(LIST_URL, {"issuer__id__exact": kinds["national"].pk})) == {
            "5440/QĐ-TLĐ",
            "65/HD-TLĐ",
            "12/HD-TLĐ",
        }
        assert listed(get(LIST_URL, {"fields__id__exact": kinds["finance"].pk})) == {
            "92/CT-UBND",
            "1076/LĐLĐ",
        }

    @pytest.mark.parametrize(
        ("search", "expected"),
        [
            ("92/ct", {"92/CT-UBND"}),
            ("kinh phi", {"92/CT-UBND"}),
            ("dai hoi cong doan", {"65/HD-TLĐ", "12/HD-TLĐ"}),
            ("5440/qd", {"5440/QĐ-TLĐ"}),
            ("lương hưu", set()),
        ],
    )
    def test_search(self, clerk_client, library, search, expected):
        assert listed(clerk_client.get(LIST_URL, {"q": search})) == expected


# ---------------------------------------------------------------------------------------
# The change form


class TestChangeForm:
    def test_shows_the_derived_status(self, clerk_client, library):
        for key, label in [("replaced", "Replaced"), ("pending", "Not yet in force")]:
            page = clerk_client.get(change_url(library[key]))
            assert readonly(page, "status_label") == vi(label)

    def test_counters_are_shown_but_not_editable(self, clerk_client, library):
        document = library["pending"]
        Document.objects.filter(pk=document.pk).update(views=12901, downloads=277)
        page = clerk_client.get(change_url(document))
        assert readonly(page, "views") in ("12.901", "12901")
        assert readonly(page, "downloads") == "277"
        assert 'name="views"' not in text_of(page)
        assert 'name="downloads"' not in text_of(page)

    def test_the_change_form_of_a_document_with_a_file_opens(self, clerk_client, library):
        document = library["in_force"]
        DocumentFile.objects.filter(document=document).update(downloads=277)
        page = clerk_client.get(change_url(document))
        assert page.status_code == 200
        assert "Chỉ thị 92.pdf" in text_of(page)
        assert 'name="files-0-downloads"' not in text_of(page)
        assert "277" in text_of(page)

    def test_an_edit_keeps_the_views_visitors_added_after_the_form_was_opened(
        self, clerk_client, library
    ):
        document = library["pending"]
        Document.objects.filter(pk=document.pk).update(views=900, downloads=276)
        assert clerk_client.get(change_url(document)).status_code == 200
        # What the browser sends back; a tampered form also tries to put the old counts back.
        stale = form_of(document, summary="Quyết định khen thưởng năm 2026", views=900)
        stale["downloads"] = 276

        # Meanwhile visitors read it, as the counting service does: UPDATE … views + 1.
        Document.objects.filter(pk=document.pk).update(
            views=F("views") + 11, downloads=F("downloads") + 1
        )

        assert clerk_client.post(change_url(document), stale).status_code == 302
        document.refresh_from_db()
        assert document.summary == "Quyết định khen thưởng năm 2026"
        assert (document.views, document.downloads) == (911, 277)

    def test_an_edit_keeps_the_downloads_of_the_document_and_its_file(self, clerk_client, library):
        """A real visitor downloads between the clerk's form and its saving.

        The stale form is built from the database as the change page shows it.
        """
        document = library["in_force"]
        document_file = document.files.get()
        Document.objects.filter(pk=document.pk).update(views=900, downloads=276)
        DocumentFile.objects.filter(pk=document_file.pk).update(downloads=276)
        stale = form_of(
            document,
            summary="Về việc tăng cường công tác thu kinh phí công đoàn năm 2026",
            **{"files-0-downloads": 276},
        )

        visitor = browser(address="171.224.5.6")
        assert visitor.get(document.get_absolute_url()).status_code == 200
        download = visitor.get(reverse("documents:download", args=[document_file.pk]))
        assert download.status_code == 200
        assert b"".join(download.streaming_content) == pdf_bytes()

        assert clerk_client.post(change_url(document), stale).status_code == 302
        document.refresh_from_db()
        document_file.refresh_from_db()
        assert document.summary.endswith("năm 2026")
        assert (document.views, document.downloads) == (901, 277)
        assert document_file.downloads == 277

    def test_reordering_a_file_keeps_its_download_count(self, clerk_client, library):
        document = library["in_force"]
        document_file = document.files.get()
        stale = form_of(document, **{"files-0-order": 3})
        DocumentFile.objects.filter(pk=document_file.pk).update(downloads=F("downloads") + 41)
        assert clerk_client.post(change_url(document), stale).status_code == 302
        document_file.refresh_from_db()
        assert (document_file.order, document_file.downloads) == (3, 41)

    def test_the_history_lists_the_change_and_who_made_it(self, clerk, clerk_client, library):
        document = library["pending"]
        edited = form_of(document, summary="Quyết định khen thưởng các công đoàn cơ sở xuất sắc")
        assert clerk_client.post(change_url(document), edited).status_code == 302

        latest = document.history.latest("history_date")
        assert latest.history_user == clerk
        assert latest.summary == "Quyết định khen thưởng các công đoàn cơ sở xuất sắc"
        assert document.history.count() == 2  # filed, then edited
        history = clerk_client.get(reverse("admin:documents_document_history", args=[document.pk]))
        assert history.status_code == 200
        table = section(history, r'id="change-history".*?</table>')
        newest = html.unescape(re.findall(r"<tbody>\s*<tr>(.*?)</tr>", table, re.S)[0])
        assert "vu.thi.lan" in newest
        assert "Quyết định khen thưởng các công đoàn cơ sở xuất sắc" in newest
