"""Public pages of the legal questions: the archive, a topic, a question, asking, rating."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from federation import paging
from federation.forms import add_errors, filtered
from federation.net import client_ip, visitor_of
from federation.pagecache import cached_page
from qa import services
from qa.filters import QuestionFilter
from qa.forms import QuestionForm, RatingForm
from qa.models import Question, Rating, Topic

PAGE_SIZE = 15
VOTER_COOKIE = "qa_voter"
VOTER_SALT = "qa.rating"


def _archive(request, topic: Topic | None):
    questions = Question.objects.published().for_lists()
    if topic is not None:
        questions = questions.filter(topic=topic)
    filters = QuestionFilter(request.GET or None, queryset=questions, topic=topic)
    queryset, status = filtered(filters)
    page = paging.paginate(request, queryset, PAGE_SIZE)
    context = {
        "topic": topic,
        "topics": services.topics_with_counts(),
        "filters": filters,
        "page": page,
        "filtered": bool(request.GET.keys() - {"page"}),
    }
    return render(request, "qa/index.html", context, status=status)


@cached_page()
def index(request):
    return _archive(request, None)


@cached_page()
def topic_detail(request, slug):
    return _archive(request, get_object_or_404(Topic, slug=slug))


def _voter(request) -> str | None:
    return request.get_signed_cookie(VOTER_COOKIE, default=None, salt=VOTER_SALT)


def _my_vote(question: Question, voter: str | None) -> bool | None:
    if not voter:
        return None
    votes = Rating.objects.filter(question=question, voter=voter)
    return votes.values_list("useful", flat=True).first()


def _question_page(request, question: Question, *, status=200, rating_form=None):
    voter = _voter(request)
    context = {
        "question": question,
        # Sanitised on save already; cleaned again on the way out, as the news and the
        # about pages are, so a row written by any other path carries no script.
        "answer": mark_safe(Question._meta.get_field("answer").sanitize(question.answer or "")),
        "documents": list(
            question.documents.visible_to(request.user)
            .select_related("type")
            .only("number", "summary", "issued_on", "type__name")
        ),
        "rating": services.rating_summary(question),
        "rating_form": rating_form or RatingForm(),
        "my_vote": (
            Rating.objects.filter(question=question, voter=voter)
            .values_list("useful", flat=True)
            .first()
            if voter
            else None
        ),
        "related": services.related_questions(question),
        "is_preview": not question.is_public,
    }
    return render(request, "qa/detail.html", context, status=status)


def _count_kept_view(request, question_id):
    services.count_question_view(visitor_of(request), question_id)


# A voter's cookie asks for a fresh page: their own vote shows at once.
@cached_page(bypass_cookies=(VOTER_COOKIE,), on_hit=_count_kept_view)
def detail(request, slug):
    question = get_object_or_404(
        Question.objects.visible_to(request.user).select_related("topic", "answered_by"),
        slug=slug,
    )
    services.record_question_view(visitor_of(request), question)
    response = _question_page(request, question)
    response.page_cache_note = question.pk
    return response


@require_POST
def rate(request, slug):
    question = get_object_or_404(
        Question.objects.published().select_related("topic", "answered_by"), slug=slug
    )
    form = RatingForm(request.POST)
    visitor = visitor_of(request)
    # The cookie keeps a reader the same voter from day to day; without it the reader is
    # still the same visitor today, so their vote is replaced, not added.
    voter = _voter(request) or visitor.key
    status = 400
    if form.is_valid():
        try:
            services.rate_question(
                question=question,
                voter=voter,
                useful=form.cleaned_data["useful"],
                address=visitor.address,
            )
        except ValidationError as error:
            if getattr(error, "code", None) == services.RATE_LIMITED:
                status = 429
            add_errors(form, error)
    if not form.is_valid():
        return _question_page(request, question, status=status, rating_form=form)
    messages.success(request, _("Thank you: your opinion of this answer is recorded."))
    response = redirect(question.get_absolute_url() + "#danh-gia")
    response.set_signed_cookie(
        VOTER_COOKIE,
        voter,
        salt=VOTER_SALT,
        max_age=365 * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def ask(request):
    if request.method == "POST":
        form = QuestionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.ask_question(
                    topic=data["topic"],
                    text=data["text"],
                    name=data["name"],
                    publish_name=data["publish_name"],
                    email=data["email"],
                    phone=data["phone"],
                    address=client_ip(request),
                    site_url=request.build_absolute_uri("/").rstrip("/"),
                )
            except ValidationError as error:
                add_errors(form, error)
        if form.is_valid():
            messages.success(
                request,
                _(
                    "Thank you. Your question has reached the federation's legal advisers. "
                    "The answer will be sent to you, and published here without your "
                    "personal details."
                ),
            )
            return redirect("qa:ask")
        return render(request, "qa/ask.html", {"form": form}, status=400)
    return _ask_page(request)


@cached_page()
def _ask_page(request):
    initial = {}
    topic = Topic.objects.filter(slug=request.GET.get("chu-de") or "").first()
    if topic is not None:
        initial["topic"] = topic
    return render(request, "qa/ask.html", {"form": QuestionForm(initial=initial)})
