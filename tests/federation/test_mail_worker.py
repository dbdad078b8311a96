"""A real worker process (`manage.py db_worker`) delivers what the portal queued.

The worker and the shared database come from tests/workers.py (`start_worker`).
"""

import subprocess
import sys
from email import message_from_bytes, policy

import pytest
from django.db import transaction
from django.urls import reverse

from federation.mail import send_mail_later
from federation.models import OutgoingMail
from members.models import Officer
from tests.federation import mailserver
from tests.federation.test_settings import redis_reachable
from tests.helpers import logged_in, vi
from tests.members.factories import make_officer, make_tree, open_period
from tests.workers import PROJECT_ROOT, RQ_WORKER, portal_env, wait_for

Status = OutgoingMail.Status

# The rq tests share one Redis queue: under `make test`'s two processes they run in one.
pytestmark = pytest.mark.xdist_group("redis-queue")


def test_a_worker_process_delivers_mail_queued_by_a_committed_transaction(start_worker, tmp_path):
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    start_worker(EMAIL_URL=f"filemail:///{outbox}")

    with transaction.atomic():
        stored = send_mail_later(
            "Thông báo triệu tập hội nghị",
            "Kính gửi Ban Chấp hành công đoàn cơ sở.",
            ["vanphong@ldld.example.vn"],
        )

    files = wait_for(lambda: sorted(outbox.iterdir()))
    message = message_from_bytes(files[0].read_bytes(), policy=policy.default)
    assert str(message["Subject"]).strip() == "Thông báo triệu tập hội nghị"
    assert message["To"] == "vanphong@ldld.example.vn"
    assert "Kính gửi Ban Chấp hành" in message.get_body().get_content()
    wait_for(lambda: OutgoingMail.objects.get(pk=stored.pk).status == Status.SENT)
    assert OutgoingMail.objects.get(pk=stored.pk).attempts == 1


def test_the_click_succeeds_while_the_mail_server_refuses_and_the_worker_retries(
    start_worker,
):
    server = mailserver.MailServer(refusals=1)
    controller = mailserver.start(server)
    try:
        start_worker(EMAIL_URL=server.email_url(), MAIL_RETRY_SECONDS="3")
        tree = make_tree()
        period = open_period()
        chair = make_officer("lo.thi.huong", tree.ward, role=Officer.Role.CHAIR)
        make_officer("tran.van.hai", tree.builder)

        response = logged_in(chair).post(
            reverse("members:period_remind", args=[tree.ward.pk, period.pk])
        )

        assert response.status_code == 302
        # The first attempt is refused and the next waits three seconds: nothing arrived yet.
        assert server.received == []
        wait_for(lambda: server.received)
        assert server.refused == 1
        assert server.subjects() == [vi("Reminder to submit: %(period)s", period=period.name)]
        assert server.received[0]["To"] == "tran.van.hai@congdoan-dienbien.example.vn"
        stored = wait_for(lambda: OutgoingMail.objects.filter(status=Status.SENT).first())
        assert stored.attempts == 2
        assert "451" in stored.last_error
    finally:
        controller.stop()


def test_a_mail_server_that_never_accepts_ends_in_a_failed_mail(start_worker):
    server = mailserver.MailServer(refusals=None)
    controller = mailserver.start(server)
    try:
        start_worker(EMAIL_URL=server.email_url())
        with transaction.atomic():
            stored = send_mail_later("Thông báo", "Nội dung", ["vanphong@ldld.example.vn"])
        failed = wait_for(
            lambda: OutgoingMail.objects.filter(pk=stored.pk, status=Status.FAILED).first()
        )
        assert failed.attempts == 3  # the first and one after each of the two delays
        assert server.refused == 3
        assert server.received == []
    finally:
        controller.stop()


REDIS_URL = "redis://127.0.0.1:6379/9"


def forget_rq_jobs():
    import redis

    store = redis.Redis.from_url(REDIS_URL)
    try:
        keys = list(store.scan_iter("rq:*"))
        if keys:
            store.delete(*keys)
    finally:
        store.close()


@pytest.mark.skipif(not redis_reachable(), reason="no Redis server at 127.0.0.1:6379")
def test_on_redis_an_rq_worker_retries_and_delivers(start_worker, shared_database):
    """Several app servers share the queue in Redis; the same task and retries run there."""
    forget_rq_jobs()
    server = mailserver.MailServer(refusals=1)
    controller = mailserver.start(server)
    try:
        start_worker(
            RQ_WORKER, TASKS_BACKEND="rq", TASKS_URL=REDIS_URL, EMAIL_URL=server.email_url()
        )
        # An app server (another process) writes and queues a message.
        sent = subprocess.run(
            [
                sys.executable,
                "manage.py",
                "shell",
                "-c",
                "from federation.mail import send_mail_later\n"
                "send_mail_later('Thông báo', 'Nội dung', ['vanphong@ldld.example.vn'])",
            ],
            cwd=PROJECT_ROOT,
            env=portal_env(shared_database, TASKS_BACKEND="rq", TASKS_URL=REDIS_URL),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert sent.returncode == 0, sent.stderr

        wait_for(lambda: server.received)
        assert server.refused == 1
        assert server.subjects() == ["Thông báo"]
        stored = wait_for(lambda: OutgoingMail.objects.filter(status=Status.SENT).first())
        assert stored.attempts == 2
    finally:
        controller.stop()
        forget_rq_jobs()
