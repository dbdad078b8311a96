"""Outgoing mail goes through a task after the commit; a refusing server loses nothing.

These run each task in the test's own process (the immediate backend) against a real SMTP
server on loopback; test_mail_worker.py runs a real worker process.
"""

import logging
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import default_task_backend

from federation import roles
from federation.mail import deliver_mail, retry, send_mail_later
from federation.models import OutgoingMail
from members import services
from members.models import Officer, Report, ReportStatus, Sector
from tests.factories import make_user
from tests.federation import mailserver
from tests.helpers import logged_in, text_of, vi
from tests.members.factories import make_officer, make_tree, make_unit, open_period

pytestmark = pytest.mark.django_db
Status = OutgoingMail.Status


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback, which the portal's SMTP backend talks to."""
    server = mailserver.MailServer()
    controller = mailserver.start(server)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.MAIL_RETRY_SECONDS = [1, 1]
    yield server
    controller.stop()


@pytest.fixture
def tree(db):
    return make_tree()


def remind_url(unit, period) -> str:
    return reverse("members:period_remind", args=[unit.pk, period.pk])


def test_a_message_is_sent_after_the_commit_and_a_rollback_sends_nothing(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        send_mail_later("Thông báo họp", "Kính gửi các công đoàn", ["vp@ldld.example.vn"])
        assert mail.outbox == []  # not while the transaction is open
    assert [(m.subject, m.to) for m in mail.outbox] == [("Thông báo họp", ["vp@ldld.example.vn"])]
    stored = OutgoingMail.objects.get()
    assert (stored.status, stored.attempts) == (Status.SENT, 1)
    assert stored.sent_at is not None

    def refused_change():
        with transaction.atomic():
            send_mail_later("Thư không gửi", "…", ["vp@ldld.example.vn"])
            raise ValueError("the change is refused")

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValueError, match="refused"),
    ):
        refused_change()
    assert len(mail.outbox) == 1
    assert list(OutgoingMail.objects.values_list("subject", flat=True)) == ["Thông báo họp"]


def test_reminders_to_sixty_units_are_queued_and_the_click_waits_on_no_send(
    tree, settings, django_capture_on_commit_callbacks
):
    for number in range(60):
        unit = make_unit(
            f"Công đoàn cơ sở Trường Tiểu học số {number + 1}",
            tree.kinds["grassroots"],
            tree.ward,
            sector=Sector.PUBLIC,
            employees=30,
        )
        make_officer(f"can.bo.{number}", unit)
    period = open_period()
    chair = make_officer("lo.thi.huong", tree.ward, role=Officer.Role.CHAIR)
    # Tasks are stored, not run: what the click itself does, before any worker.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in(chair).post(remind_url(tree.ward, period))

    assert response.status_code == 302
    assert mail.outbox == []
    queued = OutgoingMail.objects.filter(status=Status.QUEUED)
    assert queued.count() == 60
    assert len(default_task_backend.results) == 60
    assert {result.args[0] for result in default_task_backend.results} == set(
        queued.values_list("pk", flat=True)
    )

    # What a worker then does with them: sixty messages, one to each unit's officer.
    for result in default_task_backend.results:
        deliver_mail.call(*result.args)
    assert len(mail.outbox) == 60
    assert "can.bo.59@congdoan-dienbien.example.vn" in {m.to[0] for m in mail.outbox}
    assert not OutgoingMail.objects.exclude(status=Status.SENT).exists()


def test_a_refusing_mail_server_fails_neither_the_click_nor_the_message(
    tree, smtp_server, django_capture_on_commit_callbacks
):
    period = open_period()
    chair = make_officer("lo.thi.huong", tree.ward, role=Officer.Role.CHAIR)
    make_officer("tran.van.hai", tree.builder)
    smtp_server.refusals = 2

    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in(chair).post(remind_url(tree.ward, period))

    assert response.status_code == 302
    assert smtp_server.refused == 2
    assert smtp_server.subjects() == [vi("Reminder to submit: %(period)s", period=period.name)]
    assert smtp_server.received[0]["To"] == "tran.van.hai@congdoan-dienbien.example.vn"
    stored = OutgoingMail.objects.get()
    assert (stored.status, stored.attempts) == (Status.SENT, 3)
    assert "451" in stored.last_error


def test_mail_the_server_never_takes_is_logged_shown_to_the_administrator_and_sent_again(
    tree, smtp_server, caplog, django_capture_on_commit_callbacks
):
    period = open_period()
    make_officer("lo.thi.huong", tree.ward, role=Officer.Role.CHAIR)
    school_officer = make_officer("lo.van.thang", tree.school)
    smtp_server.refusals = None  # refuses everything

    report = Report.objects.get(period=period, unit=tree.school)
    with (
        caplog.at_level(logging.WARNING, logger="federation.mail"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.submit_report(report=report, user=school_officer)

    # The report is submitted all the same; the message is tried three times, then failed.
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    failed = OutgoingMail.objects.get()
    assert (failed.status, failed.attempts) == (Status.FAILED, 3)
    assert smtp_server.refused == 3
    assert smtp_server.received == []
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1
    assert "failed after 3 attempts" in errors[0].getMessage()

    # The system administrator sees it in the admin, with the server's answer.
    administrator = make_user("quan.tri")
    administrator.groups.add(Group.objects.get(name=roles.ADMINISTRATOR))
    staff = logged_in(administrator)
    changelist = reverse("admin:federation_outgoingmail_changelist")
    page = text_of(staff.get(changelist, {"status__exact": "failed"}))
    assert vi("Report submitted: %(unit)s", unit=tree.school.name) in page
    detail = text_of(staff.get(reverse("admin:federation_outgoingmail_change", args=[failed.pk])))
    assert "Mail server busy, try again later" in detail
    assert 'name="_save"' not in detail  # read-only

    # Other staff roles do not see other people's mail.
    clerk = make_user("van.thu")
    clerk.groups.add(Group.objects.get(name=roles.ORGANISATION_OFFICER))
    assert logged_in(clerk).get(changelist).status_code == 403

    # Once the server takes mail again, the administrator sends it again.
    smtp_server.refusals = 0
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(changelist, {"action": "send_again", "_selected_action": [failed.pk]})
    assert response.status_code == 302
    assert smtp_server.subjects() == [vi("Report submitted: %(unit)s", unit=tree.school.name)]
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (Status.SENT, 1)


def test_a_message_whose_worker_died_can_be_sent_again_but_not_one_being_sent(
    django_capture_on_commit_callbacks,
):
    now = timezone.now()
    stuck = OutgoingMail.objects.create(
        subject="Thư bị kẹt", body="…", recipients=["a@ldld.example.vn"], status=Status.SENDING
    )
    busy = OutgoingMail.objects.create(
        subject="Thư đang gửi", body="…", recipients=["b@ldld.example.vn"], status=Status.SENDING
    )
    sent = OutgoingMail.objects.create(
        subject="Thư đã gửi", body="…", recipients=["c@ldld.example.vn"], status=Status.SENT
    )
    OutgoingMail.objects.filter(pk=stuck.pk).update(last_attempt_at=now - timedelta(hours=2))
    OutgoingMail.objects.filter(pk=busy.pk).update(last_attempt_at=now - timedelta(minutes=1))
    administrator = make_user("quan.tri")
    administrator.groups.add(Group.objects.get(name=roles.ADMINISTRATOR))
    staff = logged_in(administrator)

    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            reverse("admin:federation_outgoingmail_changelist"),
            {"action": "send_again", "_selected_action": [stuck.pk, busy.pk, sent.pk]},
            follow=True,
        )

    assert vi(
        "%d message queued to be sent again.",
        "%d messages queued to be sent again.",
        1,
    ) in text_of(response)
    assert [m.subject for m in mail.outbox] == ["Thư bị kẹt"]
    assert dict(OutgoingMail.objects.values_list("subject", "status")) == {
        "Thư bị kẹt": Status.SENT,
        "Thư đang gửi": Status.SENDING,
        "Thư đã gửi": Status.SENT,
    }


def test_a_queue_that_refuses_the_task_leaves_the_message_failed_not_lost(
    settings, caplog, django_capture_on_commit_callbacks
):
    # A queue that cannot take the task (here it serves no "default" queue).
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["reports"],
        }
    }
    with django_capture_on_commit_callbacks(execute=True):
        stored = send_mail_later("Thông báo", "Nội dung", ["vp@ldld.example.vn"])

    stored.refresh_from_db()
    assert stored.status == Status.FAILED
    assert stored.last_error.startswith("InvalidTaskError")
    assert "Could not queue mail" in caplog.text
    assert mail.outbox == []

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        assert retry(OutgoingMail.objects.all()) == 1
    assert [m.subject for m in mail.outbox] == ["Thông báo"]
