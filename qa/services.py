"""Rules of the legal questions: asking, the advisers' workflow, publishing, reading.

Views, the admin and the demo loader come through here, so a rule holds whichever door a
change comes in by. Refusals are `ValidationError`s with a Vietnamese message (or
`PermissionDenied`); each operation runs in one transaction.
"""

import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from federation import antispam, roles
from federation.mail import send_mail_later
from federation.models import SiteProfile
from federation.services import Visitor, address_within_limit, count_once_per_visit
from federation.text import html_text, slugify_vi
from qa.models import RESERVED_SLUGS, Question, Rating, Topic

NAME_MAX_LENGTH = 120
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|tr|blockquote)>", re.IGNORECASE)
RELATED_LIMIT = 5
RATE_LIMITED = "rate_limited"

# ---------------------------------------------------------------------------------------
# Asking


def adviser_recipients() -> list[str]:
    """Who hears of a new question: QA_NOTIFY_EMAILS when set, else the legal advisers with
    an email address, else the system administrators with one."""
    if settings.QA_NOTIFY_EMAILS:
        return list(settings.QA_NOTIFY_EMAILS)
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    for role in (roles.LEGAL_ADVISER, roles.ADMINISTRATOR):
        found = sorted(set(users.filter(groups__name=role).values_list("email", flat=True)))
        if found:
            return found
    return []


def _site_context(**context) -> dict:
    return {"federation_name": SiteProfile.current().full_name, **context}


@transaction.atomic
def ask_question(
    *,
    topic: Topic | None,
    text: str,
    name: str,
    publish_name: bool,
    email: str,
    phone: str,
    address: str,
    site_url: str = "",
) -> Question:
    """A visitor's question: checked, kept for the advisers, confirmed, announced.

    The text is kept exactly as typed and only ever shown as plain text, so a question
    holding markup or a script is harmless wherever staff or readers see it.
    """
    text, name, email, phone = text.strip(), name.strip(), email.strip(), phone.strip()
    errors = antispam.length_errors(
        {"name": (name, NAME_MAX_LENGTH), "text": (text, settings.QA_QUESTION_MAX_LENGTH)}
    )
    errors.update(antispam.reply_address_errors(email, phone))
    too_many_links = antispam.links_error((name, text), settings.QA_MAX_LINKS)
    if too_many_links:
        errors["text"] = too_many_links
    if topic is None:
        errors["topic"] = _("Choose the topic your question is about.")
    if not text:
        errors["text"] = _("Please write your question.")
    if publish_name and not name:
        errors["name"] = _("Give your name, or untick “Show my name with the question”.")
    if errors:
        raise ValidationError(errors)
    antispam.check_rate(
        address, "qa-question", limit=settings.QA_QUESTIONS_PER_ADDRESS, window=settings.QA_WINDOW
    )
    question = Question.objects.create(
        topic=topic,
        asked_text=text,
        asker_name=name,
        publish_name=publish_name and bool(name),
        email=email,
        phone=phone,
    )
    context = _site_context(
        question=question,
        admin_url=site_url + reverse("admin:qa_question_change", args=[question.pk]),
        archive_url=site_url + reverse("qa:index"),
    )
    if email:
        send_mail_later(
            _("We have received your legal question"),
            render_to_string("qa/mail/question_received.txt", context),
            [email],
        )
    send_mail_later(
        _("New legal question: %(topic)s") % {"topic": topic.name},
        render_to_string("qa/mail/question_notify.txt", context),
        adviser_recipients(),
    )
    return question


# ---------------------------------------------------------------------------------------
# The advisers' workflow


def may_answer(user) -> bool:
    return user is None or user.has_perm("qa.change_question")


def may_publish(user) -> bool:
    return user is None or user.has_perm("qa.publish_question")


def unique_slug(title: str, *, exclude_pk=None) -> str:
    base = slugify_vi(title, max_length=100) or "cau-hoi"
    if base in RESERVED_SLUGS:
        base = f"{base}-cau-hoi"
    slug, number = base, 2
    taken = Question.objects.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def save_question(question: Question, *, user) -> Question:
    """Staff's edit of a question (the admin, the demo): the slug made from the public
    question, and a question given an answer for the first time becomes "answered" by
    whoever wrote it."""
    if not may_answer(user):
        raise PermissionDenied(_("You may not answer legal questions."))
    question.title = " ".join(question.title.split())
    if question.title and not question.slug:
        question.slug = unique_slug(question.title, exclude_pk=question.pk)
    if question.slug in RESERVED_SLUGS:
        raise ValidationError(
            {"slug": _("This address belongs to another page; choose another slug.")}
        )
    if question.status == Question.Status.PUBLISHED and not has_answer(question):
        raise ValidationError(
            {"answer": _("A published question needs its answer; write it or withdraw it.")}
        )
    if question.assigned_to_id and question.status == Question.Status.NEW:
        question.status = Question.Status.ASSIGNED
    if has_answer(question) and question.status in (
        Question.Status.NEW,
        Question.Status.ASSIGNED,
    ):
        question.status = Question.Status.ANSWERED
        question.answered_by = user
        question.answered_at = timezone.now()
    question.full_clean()
    question.save()
    return question


def has_answer(question: Question) -> bool:
    return bool(Question._meta.get_field("answer").sanitize(question.answer or "").strip())


@transaction.atomic
def assign_question(question: Question, *, adviser, user) -> Question:
    """Hand a new question to an adviser (or take it: `adviser` is `user`)."""
    if not may_answer(user):
        raise PermissionDenied(_("You may not answer legal questions."))
    if question.status not in (Question.Status.NEW, Question.Status.ASSIGNED):
        raise ValidationError(_("Only a question not yet answered can be assigned."))
    question.assigned_to = adviser
    question.status = Question.Status.ASSIGNED
    question.save()
    return question


@transaction.atomic
def publish_question(question: Question, *, user, site_url: str = "") -> Question:
    """Publish an answered question; the asker is mailed the answer and its address."""
    if not may_publish(user):
        raise PermissionDenied(_("Only a legal adviser may publish answers."))
    question = Question.objects.select_for_update().get(pk=question.pk)
    if question.status == Question.Status.PUBLISHED:
        raise ValidationError(_("This question is already published."))
    if question.status == Question.Status.REJECTED:
        raise ValidationError(_("A rejected question cannot be published."))
    errors = {}
    if not question.title.strip():
        errors["title"] = _("Write the question in one line for readers before publishing.")
    if not question.public_text.strip():
        errors["public_text"] = _(
            "Write the question as it will be published (without personal details) "
            "before publishing."
        )
    if not has_answer(question):
        errors["answer"] = _("Write the answer before publishing.")
    if errors:
        raise ValidationError(errors)
    if not question.slug:
        question.slug = unique_slug(question.title, exclude_pk=question.pk)
    if question.answered_by_id is None and user is not None:
        question.answered_by = user
    question.answered_at = question.answered_at or timezone.now()
    question.status = Question.Status.PUBLISHED
    question.published_at = timezone.now()
    question.full_clean()
    question.save()
    if question.email:
        context = _site_context(
            question=question,
            answer_text=answer_as_text(question.answer),
            url=site_url + question.get_absolute_url(),
        )
        send_mail_later(
            _("Your legal question has been answered: %(title)s") % {"title": question.title},
            render_to_string("qa/mail/question_answered.txt", context),
            [question.email],
        )
    return question


def answer_as_text(answer: str) -> str:
    """The answer for a plain-text mail: one paragraph or list item a line."""
    lines = [html_text(block) for block in _BLOCK_END.split(answer or "")]
    return "\n\n".join(line for line in lines if line)


@transaction.atomic
def reject_question(question: Question, *, user, reason: str = "") -> Question:
    """Set a question aside (spam, not a legal question, a duplicate), with the reason."""
    if not may_answer(user):
        raise PermissionDenied(_("You may not answer legal questions."))
    if question.status == Question.Status.PUBLISHED:
        raise ValidationError(_("A published question cannot be rejected; withdraw it first."))
    question.status = Question.Status.REJECTED
    if reason.strip():
        question.staff_notes = "\n".join(filter(None, [question.staff_notes, reason.strip()]))
    question.save()
    return question


@transaction.atomic
def withdraw_question(question: Question, *, user) -> Question:
    """Take a published answer off the site (back to "answered")."""
    if not may_publish(user):
        raise PermissionDenied(_("Only a legal adviser may publish answers."))
    if question.status != Question.Status.PUBLISHED:
        raise ValidationError(_("Only a published question can be withdrawn."))
    question.status = Question.Status.ANSWERED
    question.save()
    return question


# ---------------------------------------------------------------------------------------
# Reading: views, ratings, related questions


def record_question_view(visitor: Visitor, question: Question) -> bool:
    """Count a view once per visitor per visit; robots and staff previews not counted."""
    if not question.is_public or not count_question_view(visitor, question.pk):
        return False
    question.views += 1  # the page being rendered shows this view too
    return True


def count_question_view(visitor: Visitor, question_id: int) -> bool:
    if not count_once_per_visit(visitor, f"question:{question_id}"):
        return False
    Question.objects.filter(pk=question_id).update(views=F("views") + 1)
    return True


def rate_question(*, question: Question, voter: str, useful, address: str | None = None) -> dict:
    """One reader's "useful" or "not useful"; a second vote of the same voter replaces the
    first. `address` may rate only so often (None: the demo loader)."""
    if useful not in (True, False):
        raise ValidationError({"useful": _("Choose “Useful” or “Not useful”.")})
    if not question.is_public:
        raise ValidationError(_("This answer cannot be rated."))
    if address is not None and not address_within_limit(
        address,
        "qa-rating",
        limit=settings.QA_RATINGS_PER_ADDRESS,
        window=settings.QA_RATING_WINDOW,
    ):
        raise ValidationError(
            _("Many ratings were sent from your address in a short time. Please wait a while."),
            code=RATE_LIMITED,
        )
    try:
        with transaction.atomic():
            Rating.objects.update_or_create(
                question=question, voter=voter, defaults={"useful": useful}
            )
    except IntegrityError:
        Rating.objects.filter(question=question, voter=voter).update(useful=useful)
    return rating_summary(question)


def rating_summary(question: Question) -> dict:
    """{"yes": readers who found the answer useful, "no": those who did not}."""
    return Rating.objects.filter(question=question).aggregate(
        yes=Count("pk", filter=Q(useful=True)), no=Count("pk", filter=Q(useful=False))
    )


def related_questions(question: Question, limit: int = RELATED_LIMIT) -> list[Question]:
    """Other published questions of the same topic, those citing the same documents first,
    then the most read."""
    others = Question.objects.published().filter(topic_id=question.topic_id).exclude(pk=question.pk)
    cited = list(question.documents.values_list("pk", flat=True)) if question.pk else []
    if cited:
        others = others.annotate(
            shared=Count("documents", filter=Q(documents__in=cited), distinct=True)
        ).order_by("-shared", "-views", "-published_at", "-pk")
    else:
        others = others.order_by("-views", "-published_at", "-pk")
    return list(others.for_lists()[:limit])


def most_asked(limit: int) -> list[Question]:
    """The most read published answers: what people most want to know."""
    return list(
        Question.objects.published().for_lists().order_by("-views", "-published_at")[:limit]
    )


def topics_with_counts():
    """The topics with their number of published answers, in order (one query)."""
    # A GROUP BY drops the model's default ordering: it is asked for again.
    return Topic.objects.annotate(
        published=Count("questions", filter=Q(questions__status=Question.Status.PUBLISHED))
    ).order_by("order", "name")
