"""The legal-question demo: 25 answered questions across the topics, citing the demo
library, a few waiting; loaded through the services without a single mail, and again
without duplicates."""

import io
from collections import Counter

from django.core import mail

from documents.seed import seed_documents
from federation.models import OutgoingMail
from qa.models import Question, Rating, Topic
from qa.seed import seed_qa
from tests.factories import browser
from tests.helpers import text_of


def test_the_demo_loads_once_and_again_without_duplicates_and_without_mail(
    db, django_capture_on_commit_callbacks
):
    seed_documents(io.StringIO())
    with django_capture_on_commit_callbacks(execute=True):
        seed_qa(io.StringIO())
        seed_qa(io.StringIO())
    assert not mail.outbox
    assert not OutgoingMail.objects.exists()

    assert Topic.objects.count() == 9
    published = Question.objects.published()
    assert published.count() == 25
    per_topic = Counter(published.values_list("topic__slug", flat=True))
    assert len(per_topic) == 8
    assert min(per_topic.values()) >= 2
    waiting = Question.objects.exclude(status=Question.Status.PUBLISHED)
    assert sorted(waiting.values_list("status", flat=True)) == ["assigned", "new", "new"]
    assert Question.objects.filter(documents__isnull=False).distinct().count() >= 10
    assert Rating.objects.exists()
    # Every public question was edited from what was asked.
    for question in published:
        assert question.title
        assert question.public_text
        assert question.answer
        assert question.public_text != question.asked_text

    visitor = browser()
    overtime = published.get(slug="lam-them-gio-duoc-tra-luong-the-nao")
    html = text_of(visitor.get(overtime.get_absolute_url()))
    assert "<strong>150%</strong> vào ngày thường" in html
    assert "Hướng dẫn 52/HD-LĐLĐ" in html
    assert "Hòa Phong" not in html  # the employer named in the question as asked
