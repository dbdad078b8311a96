"""A large member export is prepared by a task: click, wait on its page, download.

The threshold is lowered to 3 members: the ward (5 members in its two unions) goes through
the task, the school (3 members) still downloads at once.
"""

import io
import logging
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from members import spreadsheets
from members.models import Officer, PersonalDataExport, PreparedExport
from tests.factories import make_user
from tests.helpers import files_under, logged_in, shows, vi
from tests.members.factories import (
    make_officer,
    make_organisation_officer,
    make_register,
    make_tree,
)
from tests.workers import wait_for

pytestmark = pytest.mark.django_db
Status = PreparedExport.Status

READY = ("The file is ready: %(rows)s member.", "The file is ready: %(rows)s members.")
PREPARING = (
    "The file is being prepared. A large unit takes a minute or two; the download appears "
    "on this page when the file is ready (the page checks every few seconds, or use "
    "“Refresh now”). You may leave and come back to this page later."
)
EXPIRED = (
    "This export has expired: its file, which held members' personal data, has been "
    "deleted. Export the members again to get a new file."
)
FAILED = (
    "The file could not be prepared. The error has been recorded for the staff; please try "
    "again later, and tell the federation's office if it happens again."
)


@pytest.fixture(autouse=True)
def low_threshold(settings):
    settings.EXPORT_IN_BACKGROUND_ABOVE = 3


def export_url(unit) -> str:
    return reverse("members:member_export", args=[unit.pk])


def rows_of(content: bytes) -> list[tuple]:
    book = load_workbook(io.BytesIO(content))
    return [tuple(row) for row in book.active.iter_rows(values_only=True)]


def downloaded(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def request_large_export(django_capture_on_commit_callbacks):
    """Click "Export" on a large unit: the row is written, the task queued after the commit."""

    def click(client, unit) -> PreparedExport:
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            response = client.post(export_url(unit))
            # Nothing is built before the transaction commits.
            assert PreparedExport.objects.get().status == Status.QUEUED
        export = PreparedExport.objects.get()
        assert len(callbacks) == 1
        assert response.status_code == 302
        assert response["Location"] == reverse("members:prepared_export", args=[unit.pk, export.pk])
        return export

    return click


def download_url(export) -> str:
    return reverse("members:prepared_export_download", args=[export.unit_id, export.pk])


def test_a_large_export_is_prepared_by_a_task_and_holds_the_same_rows(
    request_large_export, settings, tree, register, ward_officer, ward_client
):
    settings.EXPORT_IN_BACKGROUND_ABOVE = 100
    immediate = ward_client.post(export_url(tree.ward))
    assert immediate["Content-Type"] == spreadsheets.XLSX
    settings.EXPORT_IN_BACKGROUND_ABOVE = 3

    export = request_large_export(ward_client, tree.ward)

    # The task ran after the commit (immediate backend): the file is there, nothing sent yet.
    export.refresh_from_db()
    assert (export.status, export.rows, export.user) == (Status.READY, 5, ward_officer)
    assert PersonalDataExport.objects.count() == 1  # the immediate one only
    page = ward_client.get(export.get_absolute_url())
    assert page.status_code == 200
    assert shows(page, vi(*READY, 5, rows="5"))
    assert "data-refresh-seconds" not in page.content.decode()
    assert download_url(export) in page.content.decode()

    response = ward_client.get(download_url(export))

    assert response.status_code == 200
    assert response["Content-Type"] == spreadsheets.XLSX
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert (
        "filename*=UTF-8''doan-vien-cong-doan-phuong-muong-thanh-"
        in response["Content-Disposition"]
    )
    assert rows_of(downloaded(response)) == rows_of(immediate.content)
    latest = PersonalDataExport.objects.order_by("-pk").first()
    assert (latest.user, latest.unit, latest.rows) == (ward_officer, tree.ward, 5)
    assert PersonalDataExport.objects.count() == 2


def test_the_page_says_the_file_is_being_prepared_and_asks_again(
    request_large_export, settings, tree, register, ward_client
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    export = request_large_export(ward_client, tree.ward)

    page = ward_client.get(export.get_absolute_url())

    assert page.status_code == 200
    # portal.js asks for the page again every 5 s (no timed <meta> refresh: WCAG 2.2.1).
    assert 'data-refresh-seconds="5"' in page.content.decode()
    assert shows(page, vi(PREPARING))
    # Nothing to download yet: the download address leads back to the page.
    assert ward_client.get(download_url(export))["Location"] == export.get_absolute_url()
    # A second click while it is prepared leads to the same export, not a second file.
    assert ward_client.post(export_url(tree.ward))["Location"] == export.get_absolute_url()
    assert PreparedExport.objects.count() == 1


def test_an_export_whose_task_was_lost_does_not_block_a_new_one(
    settings, tree, register, ward_officer, ward_client
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    lost = PreparedExport.objects.create(
        user=ward_officer,
        unit=tree.ward,
        requested_at=timezone.now() - timedelta(hours=2),
        expires_at=timezone.now() + timedelta(hours=22),
    )

    response = ward_client.post(export_url(tree.ward))

    fresh = PreparedExport.objects.exclude(pk=lost.pk).get()
    assert response["Location"] == fresh.get_absolute_url()


def test_a_small_unit_still_downloads_at_once(tree, register, ward_client):
    response = ward_client.post(export_url(tree.school))

    assert response.status_code == 200
    assert response["Content-Type"] == spreadsheets.XLSX
    assert len(rows_of(response.content)) == 1 + 3
    assert not PreparedExport.objects.exists()


def test_nobody_else_reaches_the_export(request_large_export, tree, register, ward_client):
    export = request_large_export(ward_client, tree.ward)
    # Another officer of the same ward, and an officer of the sibling commune.
    colleague = logged_in(make_officer("quang.van.on", tree.ward), address="10.0.7.3")
    sibling = logged_in(make_officer("ca.thi.en", tree.commune), address="10.0.7.4")

    for client in (colleague, sibling):
        assert client.get(export.get_absolute_url()).status_code == 404
        assert client.get(download_url(export)).status_code == 404
    assert PersonalDataExport.objects.count() == 0


def test_an_officer_who_left_the_unit_can_no_longer_download(
    request_large_export, tree, register, ward_officer, ward_client
):
    export = request_large_export(ward_client, tree.ward)
    Officer.objects.filter(user=ward_officer).update(unit=tree.commune)

    assert ward_client.get(download_url(export)).status_code == 404
    assert PersonalDataExport.objects.count() == 0


def test_staff_who_lost_the_export_right_are_refused(request_large_export, tree, register):
    staff = make_organisation_officer()
    client = logged_in(staff, address="10.0.7.5")
    export = request_large_export(client, tree.ward)
    staff.groups.clear()
    staff.user_permissions.add(Permission.objects.get(codename="view_unit"))

    assert client.get(download_url(export)).status_code == 403
    assert PersonalDataExport.objects.count() == 0


def test_an_expired_export_loses_its_file_and_says_so(
    request_large_export, django_capture_on_commit_callbacks, settings, tree, register, ward_client
):
    export = request_large_export(ward_client, tree.ward)
    export.refresh_from_db()
    assert files_under(settings.PROTECTED_MEDIA_ROOT) != []
    PreparedExport.objects.filter(pk=export.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )

    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_prepared_exports", stdout=out)

    assert "Deleted 1 expired" in out.getvalue()
    assert files_under(settings.PROTECTED_MEDIA_ROOT) == []
    export.refresh_from_db()
    assert (export.status, export.file.name) == (Status.EXPIRED, "")
    page = ward_client.get(export.get_absolute_url())
    assert page.status_code == 410
    assert shows(page, vi(EXPIRED))
    assert download_url(export) not in page.content.decode()
    assert ward_client.get(download_url(export))["Location"] == export.get_absolute_url()


def test_a_link_past_its_expiry_is_refused_before_the_cleanup_runs(
    request_large_export, tree, register, ward_client
):
    export = request_large_export(ward_client, tree.ward)
    PreparedExport.objects.filter(pk=export.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )

    assert ward_client.get(export.get_absolute_url()).status_code == 410
    assert ward_client.get(download_url(export)).status_code == 302
    assert PersonalDataExport.objects.count() == 0


def test_a_failing_task_shows_the_failure_and_is_logged(
    request_large_export, monkeypatch, caplog, tree, register, ward_client
):
    def broken(members):
        raise OSError("No space left on device")

    monkeypatch.setattr(spreadsheets, "export_workbook", broken)
    with caplog.at_level(logging.ERROR, logger="members.services.exports"):
        export = request_large_export(ward_client, tree.ward)

    export.refresh_from_db()
    assert export.status == Status.FAILED
    assert "No space left on device" in export.error
    assert "failed" in caplog.text
    page = ward_client.get(export.get_absolute_url())
    assert page.status_code == 200
    assert shows(page, vi(FAILED))
    assert "No space left" not in page.content.decode()
    assert ward_client.get(download_url(export)).status_code == 302


def test_a_worker_process_prepares_the_export(settings, start_worker):
    """With the queue in the database, a real `db_worker` builds the file."""
    tree = make_tree()
    make_register(tree)
    officer = make_officer("lo.thi.huong", tree.ward)
    client = logged_in(officer, address="10.0.7.6")
    start_worker(PROTECTED_MEDIA_ROOT=str(settings.PROTECTED_MEDIA_ROOT))

    response = client.post(export_url(tree.ward))

    export = PreparedExport.objects.get()
    assert response["Location"] == export.get_absolute_url()
    wait_for(lambda: PreparedExport.objects.get(pk=export.pk).status != Status.QUEUED)
    export.refresh_from_db()
    assert (export.status, export.rows) == (Status.READY, 5)
    response = client.get(download_url(export))
    assert response.status_code == 200
    assert len(rows_of(downloaded(response))) == 1 + 5


def test_staff_read_a_failed_export_and_its_error_in_the_admin(
    request_large_export, monkeypatch, tree, register, ward_client
):
    def broken(members):
        raise OSError("No space left on device")

    monkeypatch.setattr(spreadsheets, "export_workbook", broken)
    export = request_large_export(ward_client, tree.ward)
    admin = logged_in(make_user("quantri", is_superuser=True), address="10.0.7.9")

    listing = admin.get(reverse("admin:members_preparedexport_changelist"))
    page = admin.get(reverse("admin:members_preparedexport_change", args=[export.pk]))

    assert listing.status_code == 200
    assert tree.ward.name in listing.content.decode()
    assert page.status_code == 200
    assert "OSError: No space left on device" in page.content.decode()
