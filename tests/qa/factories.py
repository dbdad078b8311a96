"""Legal-question test data: topics, a legal adviser, questions asked and published through
the services (the same path the form and the admin take)."""

from datetime import timedelta
from itertools import count

from django.utils import timezone

from federation import roles
from qa import services
from qa.models import Question, Topic
from tests.factories import make_staff

TOPICS = (
    ("Tiền lương", "tien-luong"),
    ("Thời giờ làm việc, nghỉ ngơi", "thoi-gio-lam-viec"),
    ("Bảo hiểm xã hội", "bao-hiem-xa-hoi"),
)


def make_topics() -> dict[str, Topic]:
    return {
        slug: Topic.objects.create(name=name, slug=slug, order=order)
        for order, (name, slug) in enumerate(TOPICS, start=1)
    }


def make_adviser(username: str = "ha.thi.thuy", **fields):
    """A legal adviser ("Tư vấn pháp luật"), with exactly the permissions of the role."""
    fields.setdefault("first_name", "Hà Thị")
    fields.setdefault("last_name", "Thủy")
    fields.setdefault("email", "ha.thi.thuy@ldld-dienbien.example.vn")
    return make_staff(username, roles.LEGAL_ADVISER, **fields)


# Each question of the test data comes from its own address: the rate limit is tested apart.
_ADDRESSES = count(1)


def ask(topic: Topic, text: str = "Tôi làm thêm ngày Chủ nhật được trả bao nhiêu?", **fields):
    fields.setdefault("name", "Lò Thị Hương")
    fields.setdefault("publish_name", False)
    fields.setdefault("email", "lo.thi.huong@example.vn")
    fields.setdefault("phone", "")
    fields.setdefault("address", f"113.160.{next(_ADDRESSES) % 250}.1")
    return services.ask_question(topic=topic, text=text, **fields)


def make_published(
    topic: Topic,
    title: str,
    *,
    answer: str = "<p>Ít nhất 200% tiền lương ngày thường.</p>",
    public_text: str = "Làm thêm ngày nghỉ hằng tuần được trả lương thế nào?",
    documents=(),
    adviser=None,
    views: int = 0,
    **ask_fields,
) -> Question:
    """A question asked, answered and published; `views` set as if read that often."""
    question = ask(topic, **ask_fields)
    question.title, question.public_text, question.answer = title, public_text, answer
    services.save_question(question, user=adviser)
    question.documents.set(documents)
    question = services.publish_question(question, user=adviser)
    if views:
        Question.objects.filter(pk=question.pk).update(views=views)
        question.views = views
    return question


def published_days_ago(question: Question, days: int) -> Question:
    Question.objects.filter(pk=question.pk).update(
        published_at=timezone.now() - timedelta(days=days)
    )
    question.refresh_from_db()
    return question
