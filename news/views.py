"""Public news pages: lists, the article, and what readers send from it."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from federation import paging
from federation.forms import add_errors
from federation.models import SiteProfile
from federation.net import client_ip, visitor_of
from federation.pagecache import cached_page
from news import services
from news.forms import CommentForm, ErrorReportForm, RatingForm
from news.models import Article, Category, Comment, Tag
from news.rendering import article_json_ld, place_photos

PAGE_SIZE = 12
VOTER_COOKIE = "news_voter"
VOTER_SALT = "news.rating"


def paginate(request, queryset):
    return paging.paginate(request, queryset, PAGE_SIZE)


@cached_page()
def article_list(request):
    page = paginate(request, Article.objects.published().for_lists())
    categories = Category.objects.filter(parent__isnull=True, show_in_menu=True)
    return render(
        request,
        "news/article_list.html",
        {"page": page, "categories": categories, "heading": _("News")},
    )


@cached_page()
def category_detail(request, slug):
    category = get_object_or_404(Category.objects.select_related("parent"), slug=slug)
    articles = Article.objects.published().in_category(category).for_lists()
    return render(
        request,
        "news/category_detail.html",
        {
            "category": category,
            "children": category.children.all(),
            "page": paginate(request, articles),
        },
    )


@cached_page()
def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    articles = Article.objects.published().tagged(tag).for_lists()
    return render(
        request, "news/tag_detail.html", {"tag": tag, "page": paginate(request, articles)}
    )


def _get_article(request, slug) -> Article:
    queryset = Article.objects.visible_to(request.user).select_related("category__parent", "author")
    return get_object_or_404(queryset, slug=slug)


def _voter(request) -> str | None:
    return request.get_signed_cookie(VOTER_COOKIE, default=None, salt=VOTER_SALT)


def _article_page(request, article, *, status=200, **forms):
    photos = list(article.photos.all())
    body, gallery = place_photos(article.body, photos)
    # A reader sees their own comment at once, marked as waiting, until staff decide.
    mine = request.session.get("news_comments", []) if request.session.session_key else []
    comments = article.comments.shown_to(mine)
    canonical_url = request.build_absolute_uri(article.get_absolute_url())
    social_image = (
        request.build_absolute_uri(article.cover_social.url) if article.cover_social else None
    )
    context = {
        "canonical_url": canonical_url,
        "social_image": social_image,
        "json_ld": article_json_ld(
            article,
            url=canonical_url,
            image=social_image,
            publisher=SiteProfile.current().full_name,
        ),
        "article": article,
        "body": body,
        "gallery": gallery,
        "tags": article.tags.all(),
        "related": Article.objects.related_to(article),
        "rating": services.rating_summary(article),
        "comments": comments,
        "rating_form": forms.get("rating_form") or RatingForm(),
        "comment_form": forms.get("comment_form") or CommentForm(),
        "error_form": forms.get("error_form") or ErrorReportForm(),
        "is_preview": not article.is_public,
    }
    return render(request, "news/article_detail.html", context, status=status)


def _count_kept_view(request, article_id):
    services.count_article_view(visitor_of(request), article_id)


# A rater's cookie asks for a fresh page: their own vote shows in the average at once.
@cached_page(bypass_cookies=(VOTER_COOKIE,), on_hit=_count_kept_view)
def article_detail(request, slug):
    article = _get_article(request, slug)
    services.record_article_view(visitor_of(request), article)
    response = _article_page(request, article)
    response.page_cache_note = article.pk
    return response


def article_print(request, slug):
    article = _get_article(request, slug)
    body, gallery = place_photos(article.body, list(article.photos.all()))
    return render(
        request,
        "news/article_print.html",
        {"article": article, "body": body, "gallery": gallery},
    )


def _public_article(slug) -> Article:
    return get_object_or_404(Article.objects.published(), slug=slug)


@require_POST
def rate(request, slug):
    article = _public_article(slug)
    form = RatingForm(request.POST)
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    # The cookie keeps a reader the same voter from day to day; without it (a fresh
    # session) the reader is still the same visitor, so their vote is replaced, not added.
    visitor = visitor_of(request)
    address = visitor.address
    voter = _voter(request) or visitor.key
    status = 400
    if form.is_valid():
        try:
            summary = services.rate_article(
                article=article, voter=voter, score=form.cleaned_data["score"], address=address
            )
        except ValidationError as error:
            if error.code == services.RATE_LIMITED:
                status = 429
            form.add_error(None, error)
    if not form.is_valid():
        if wants_json:
            errors = [str(error) for errors in form.errors.values() for error in errors]
            return JsonResponse({"errors": errors}, status=status)
        return _article_page(request, article, status=status, rating_form=form)
    message = _("Thank you: your rating of %(score)d stars is recorded.") % {
        "score": form.cleaned_data["score"]
    }
    if wants_json:
        response = JsonResponse(
            {
                "message": message,
                "summary": render_to_string(
                    "news/includes/rating_summary.txt", {"rating": summary}, request
                ).strip(),
                "average": round(summary["average"], 1),
                "votes": summary["votes"],
            }
        )
    else:
        messages.success(request, message)
        response = redirect(article.get_absolute_url() + "#danh-gia")
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


@require_POST
def comment(request, slug):
    article = _public_article(slug)
    form = CommentForm(request.POST)
    if form.is_bot:
        # Say nothing useful to a bot, save nothing.
        messages.success(request, _("Thank you. Your comment will appear once it is approved."))
        return redirect(article.get_absolute_url() + "#y-kien")
    if form.is_valid():
        try:
            posted = services.post_comment(
                article=article,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                text=form.cleaned_data["text"],
                address=client_ip(request),
            )
        except ValidationError as error:
            add_errors(form, error)
    if not form.is_valid():
        return _article_page(request, article, status=400, comment_form=form)
    if posted.status == Comment.Status.PENDING:
        mine = request.session.get("news_comments", [])
        request.session["news_comments"] = [*mine, posted.pk][-20:]
        messages.success(request, _("Thank you. Your comment will appear once it is approved."))
    else:
        messages.success(request, _("Thank you. Your comment is published."))
    return redirect(article.get_absolute_url() + "#y-kien")


@require_POST
def report_error(request, slug):
    article = _public_article(slug)
    form = ErrorReportForm(request.POST)
    if form.is_valid():
        try:
            services.report_error(
                article=article,
                description=form.cleaned_data["description"],
                contact=form.cleaned_data["contact"],
                address=client_ip(request),
            )
        except ValidationError as error:
            add_errors(form, error)
    if not form.is_valid():
        return _article_page(request, article, status=400, error_form=form)
    messages.success(request, _("Thank you. The editors will check the article."))
    return redirect(article.get_absolute_url() + "#bao-loi")
