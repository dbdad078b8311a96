"""Demo content of the legal questions: the topics, 25 answered and published questions
across them, and a few waiting for an adviser.

The content is data beside this loader (qa/demo/topics.yaml, qa/demo/questions.yaml),
written for this demo. Questions go through the services (ask_question, save_question,
publish_question, rate_question) with the mail they would send switched off
(federation.mail.without_mail); they are looked up by their slug (or, for those waiting,
by the text asked), so running the step again adds nothing. Publication dates count back
from today.
"""

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from documents.models import Document
from federation.demo import (
    DemoDataError,
    build_spec,
    demo_list,
    entry_name,
    read_demo_data,
    remember,
    shown_path,
)
from federation.mail import without_mail
from qa import services
from qa.models import Question, Topic

DATA = Path(__file__).resolve().parent / "demo"
# The demo's visitors come from documentation addresses (RFC 5737), never a real one.
DEMO_ADDRESS = "192.0.2.{}"


@dataclass(frozen=True)
class TopicSpec:
    name: str
    slug: str
    description: str = ""


@dataclass(frozen=True)
class AnsweredSpec:
    topic: str
    title: str
    slug: str
    asked: str
    public: str
    answer: str
    name: str = ""
    publish_name: bool = False
    email: str = ""
    phone: str = ""
    laws: str = ""
    documents: tuple = ()
    days_ago: int = 30
    views: int = 0
    useful: int = 0
    not_useful: int = 0


@dataclass(frozen=True)
class WaitingSpec:
    topic: str
    asked: str
    name: str = ""
    email: str = ""
    phone: str = ""
    assigned: bool = False


def _specs(spec_class, path: Path, key: str, name: str) -> list:
    entries = demo_list(read_demo_data(path), key, path)
    return [
        build_spec(spec_class, entry, f"{shown_path(path)}, {key} {entry_name(n, entry, name)}")
        for n, entry in enumerate(entries, start=1)
    ]


def seed_qa(stdout, **options) -> None:
    with transaction.atomic(), without_mail():
        topics = _seed_topics()
        published, waiting = _seed_questions(topics)
    stdout.write(
        f"Legal Q&A: {len(topics)} topics, {published} answered questions, "
        f"{waiting} waiting for an adviser."
    )


def _seed_topics() -> dict[str, Topic]:
    path = DATA / "topics.yaml"
    topics = {}
    for order, spec in enumerate(_specs(TopicSpec, path, "topics", "name"), start=1):
        topic, _created = Topic.objects.update_or_create(
            slug=spec.slug,
            defaults={
                "name": spec.name,
                "description": " ".join(spec.description.split()),
                "order": order * 10,
            },
        )
        topics[spec.slug] = remember(topic)
    return topics


def _topic(topics: dict, slug: str, where: str) -> Topic:
    if slug not in topics:
        raise DemoDataError(f"{where}: no topic “{slug}” in qa/demo/topics.yaml.")
    return topics[slug]


def _seed_questions(topics: dict) -> tuple[int, int]:
    path = DATA / "questions.yaml"
    data = read_demo_data(path)
    answered = demo_list(data, "answered", path)
    now = timezone.now()
    for number, entry in enumerate(answered, start=1):
        where = f"{shown_path(path)}, answered {entry_name(number, entry, 'title')}"
        spec = build_spec(AnsweredSpec, entry, where)
        if Question.objects.filter(slug=spec.slug).exists():
            continue
        question = _ask(spec, _topic(topics, spec.topic, where), number)
        cited = []
        for document_number in spec.documents:
            document = Document.objects.filter(number=document_number).first()
            if document is None:
                raise DemoDataError(
                    f"{where}: no document {document_number} (documents/demo/documents.yaml)."
                )
            cited.append(document)
        question.title, question.slug = " ".join(spec.title.split()), spec.slug
        question.public_text, question.answer = spec.public.strip(), spec.answer
        question.laws = spec.laws.strip()
        services.save_question(question, user=None)
        question.documents.set(cited)
        question = services.publish_question(question, user=None)
        published_at = now - timedelta(days=spec.days_ago, hours=number % 7)
        Question.objects.filter(pk=question.pk).update(
            asked_at=published_at - timedelta(days=3 + number % 5),
            answered_at=published_at - timedelta(hours=2),
            published_at=published_at,
            views=F("views") + spec.views,
        )
        for vote in range(spec.useful + spec.not_useful):
            services.rate_question(
                question=question, voter=f"demo-{number}-{vote}", useful=vote < spec.useful
            )
        remember(question)
    waiting = demo_list(data, "waiting", path)
    for number, entry in enumerate(waiting, start=1):
        where = f"{shown_path(path)}, waiting {number}"
        spec = build_spec(WaitingSpec, entry, where)
        text = spec.asked.strip()
        if Question.objects.filter(asked_text=text).exists():
            continue
        question = _ask(spec, _topic(topics, spec.topic, where), 100 + number)
        if spec.assigned:
            services.assign_question(question, adviser=None, user=None)
        remember(question)
    return len(answered), len(waiting)


def _ask(spec, topic: Topic, number: int) -> Question:
    return services.ask_question(
        topic=topic,
        text=spec.asked,
        name=spec.name,
        publish_name=getattr(spec, "publish_name", False),
        email=spec.email,
        phone=spec.phone,
        # Each demo question from its own address: the loader is not a visitor to limit.
        address=DEMO_ADDRESS.format(number % 250 + 1),
    )
