"""Rules of the news: the editorial workflow, counters, ratings, comments, error reports.

Views, admin actions and the demo loader all come through here, so a rule holds the
same whichever door a change comes in by.
"""

import re

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, F
from django.utils import timezone
from django.utils.translation import gettext as _

from federation import pagecache
from federation.images import Rendition, follow_source, refresh_renditions
from federation.services import Visitor, address_within_limit, count_once_per_visit
from federation.text import slugify_vi
from news.models import Article, Comment, ErrorReport, NewsPreferences, Photo, Rating

COVER_RENDITIONS = {
    "cover_small": Rendition("small", 480),
    "cover_large": Rendition("large", 1024),
    # Link previews (Facebook, Zalo) are surest with a JPEG.
    "cover_social": Rendition("social", 1200, 630, format="JPEG"),
}
PHOTO_RENDITIONS = {
    "small": Rendition("small", 480),
    "large": Rendition("large", 1024),
}
# Comments are plain text: anything that looks like markup or a script link is refused.
_MARKUP = re.compile(r"<\s*[a-zA-Z!/?]|javascript\s*:|\bon[a-z]+\s*=", re.IGNORECASE)


def can_publish(user) -> bool:
    return user.has_perm("news.publish_article")


def can_edit(user, article: Article) -> bool:
    """Editors change articles until they are published; after that only approvers do."""
    if not user.has_perm("news.change_article"):
        return False
    return article.status != Article.Status.PUBLISHED or can_publish(user)


def unique_slug(title: str, *, exclude_pk=None) -> str:
    base = slugify_vi(title, max_length=200) or "bai-viet"
    slug, number = base, 2
    taken = Article.objects.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def save_article(*, article: Article, user) -> Article:
    """Save an article from the admin or the demo loader, with its derived parts."""
    cover_changed = True
    if article.pk is None:
        if not user.has_perm("news.add_article"):
            raise PermissionDenied(_("You may not write articles."))
        article.author = article.author or user
    else:
        stored = Article.objects.select_for_update().get(pk=article.pk)
        if not can_edit(user, stored):
            raise PermissionDenied(_("Only an approver may change a published article."))
        if stored.status == Article.Status.PUBLISHED and article.slug != stored.slug:
            raise ValidationError({"slug": _("The address of a published article cannot change.")})
        cover_changed = article.cover.name != stored.cover.name
    if not article.slug:
        article.slug = unique_slug(article.title, exclude_pk=article.pk)
    article.full_clean()
    article.save()
    follow_source(article, article.cover, COVER_RENDITIONS, changed=cover_changed)
    return article


def save_photo(*, photo: Photo) -> Photo:
    photo.full_clean()
    stored = Photo.objects.filter(pk=photo.pk).values_list("image", flat=True).first()
    photo.save()
    follow_source(photo, photo.image, PHOTO_RENDITIONS, changed=stored != photo.image.name)
    return photo


def refresh_all_renditions(article_model=Article, photo_model=Photo, *, stdout=None) -> int:
    """Redraw every rendition that is not WebP or has no size; returns how many images.

    Run by a data migration (with the migration's models) and by `manage.py
    refresh_renditions`. An image whose original is missing is left as it is.
    """
    jobs = [
        (article_model.objects.exclude(cover=""), "cover", COVER_RENDITIONS, "cover_large"),
        (photo_model.objects.all(), "image", PHOTO_RENDITIONS, "large"),
    ]
    done = 0
    for queryset, source_field, renditions, sized in jobs:
        for instance in queryset.iterator():
            current = getattr(instance, sized)
            if current and current.name.endswith(".webp") and getattr(instance, f"{sized}_width"):
                continue
            source = getattr(instance, source_field)
            if not source.storage.exists(source.name):
                if stdout:
                    stdout.write(f"Missing original, renditions kept: {source.name}")
                continue
            refresh_renditions(instance, source, renditions)
            done += 1
    return done


@transaction.atomic
def submit_article(*, article: Article, user) -> Article:
    if not user.has_perm("news.change_article"):
        raise PermissionDenied(_("You may not submit articles."))
    if article.status not in (Article.Status.DRAFT, Article.Status.RETURNED):
        raise ValidationError(_("Only a draft or a returned article can be submitted."))
    article.status = Article.Status.SUBMITTED
    article.return_reason = ""
    article.full_clean()
    article.save(update_fields=["status", "return_reason", "updated_at"])
    return article


@transaction.atomic
def publish_article(*, article: Article, user, at=None) -> Article:
    """Publish now, or at `at` (or the time already set): a future time schedules it."""
    if not can_publish(user):
        raise PermissionDenied(_("Only an approver may publish articles."))
    if article.status == Article.Status.PUBLISHED and at is None:
        raise ValidationError(_("This article is already published."))
    article.status = Article.Status.PUBLISHED
    article.published_at = at or article.published_at or timezone.now()
    article.return_reason = ""
    article.full_clean()
    article.save(update_fields=["status", "published_at", "return_reason", "updated_at"])
    return article


@transaction.atomic
def return_article(*, article: Article, user, reason: str) -> Article:
    """Send an article back to its author with a reason (this also takes it down)."""
    if not can_publish(user):
        raise PermissionDenied(_("Only an approver may return articles."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"return_reason": _("Say why the article is returned.")})
    if article.status not in (Article.Status.SUBMITTED, Article.Status.PUBLISHED):
        raise ValidationError(_("Only a submitted or published article can be returned."))
    article.status = Article.Status.RETURNED
    article.return_reason = reason
    article.save(update_fields=["status", "return_reason", "updated_at"])
    return article


def set_featured(*, articles, user, featured: bool) -> int:
    if not can_publish(user):
        raise PermissionDenied(_("Only an approver may feature articles."))
    changed = Article.objects.filter(pk__in=[a.pk for a in articles]).update(featured=featured)
    pagecache.invalidate()
    return changed


def record_article_view(visitor: Visitor, article: Article) -> bool:
    """Count a view once per visitor per visit, bots and previews not counted."""
    if not article.is_public or not count_article_view(visitor, article.pk):
        return False
    # The page being rendered counts this view too (the reader's own visit included).
    article.views += 1
    return True


def count_article_view(visitor: Visitor, article_id: int) -> bool:
    """Add one view of a public article unless this visitor was counted within the visit."""
    if not count_once_per_visit(visitor, f"article:{article_id}"):
        return False
    Article.objects.filter(pk=article_id).update(views=F("views") + 1)
    return True


RATE_LIMITED = "rate_limited"


def rate_article(*, article: Article, voter: str, score, address: str | None = None) -> dict:
    """Record one reader's 1–5 stars; a second vote of the same voter replaces the first.

    `voter` is the reader's visitor key (or the one their rating cookie remembers), so a
    fresh session is the same voter; `address` may rate only so often (None: not a
    visitor's vote but the demo loader's).
    """
    try:
        score = int(score)
    except (TypeError, ValueError):
        score = 0
    if not 1 <= score <= 5:
        raise ValidationError({"score": _("Choose from 1 to 5 stars.")})
    if not article.is_public:
        raise ValidationError(_("This article cannot be rated."))
    if address is not None and not address_within_limit(
        address,
        "news-rating",
        limit=settings.NEWS_RATINGS_PER_ADDRESS,
        window=settings.NEWS_RATING_WINDOW,
    ):
        raise ValidationError(
            _("Many ratings were sent from your address in a short time. Please wait a while."),
            code=RATE_LIMITED,
        )
    try:
        with transaction.atomic():
            Rating.objects.update_or_create(article=article, voter=voter, defaults={"score": score})
    except IntegrityError:
        # Two votes of the same reader crossed: the second one wins.
        Rating.objects.filter(article=article, voter=voter).update(score=score)
    return rating_summary(article)


def rating_summary(article: Article) -> dict:
    summary = Rating.objects.filter(article=article).aggregate(
        average=Avg("score"), votes=Count("pk")
    )
    return {"average": summary["average"] or 0, "votes": summary["votes"]}


def _plain_text(value: str, field: str) -> str:
    value = (value or "").strip()
    if _MARKUP.search(value):
        raise ValidationError(
            {field: _("Please write plain text: HTML tags and script links are not allowed.")}
        )
    return value


def post_comment(*, article: Article, name: str, email: str, text: str, address: str) -> Comment:
    """A reader's comment: refused when closed or too frequent, held unless moderation is off."""
    if not article.is_public or not article.allow_comments:
        raise ValidationError(_("Comments are closed for this article."))
    comment = Comment(
        article=article,
        name=_plain_text(name, "name"),
        email=(email or "").strip(),
        text=_plain_text(text, "text"),
    )
    comment.full_clean(exclude=["article", "moderated_by"])
    if not address_within_limit(
        address,
        "news-comment",
        limit=settings.NEWS_COMMENTS_PER_ADDRESS,
        window=settings.NEWS_COMMENT_WINDOW,
    ):
        raise ValidationError(
            _("You have sent several comments in a short time. Please wait a few minutes.")
        )
    if not NewsPreferences.current().moderate_comments:
        comment.status = Comment.Status.APPROVED
        comment.moderated_at = timezone.now()
    comment.save()
    return comment


def moderate_comments(*, comments, user, status: str) -> int:
    if not user.has_perm("news.change_comment"):
        raise PermissionDenied(_("You may not moderate comments."))
    if status not in Comment.Status.values or status == Comment.Status.PENDING:
        raise ValidationError(_("Unknown moderation decision."))
    changed = Comment.objects.filter(pk__in=[c.pk for c in comments]).update(
        status=status, moderated_at=timezone.now(), moderated_by=user
    )
    pagecache.invalidate()
    return changed


def report_error(*, article: Article, description: str, contact: str, address: str) -> ErrorReport:
    if not article.is_public:
        raise ValidationError(_("This article cannot be reported."))
    report = ErrorReport(
        article=article,
        description=_plain_text(description, "description"),
        contact=_plain_text(contact, "contact"),
    )
    report.full_clean(exclude=["article"])
    if not address_within_limit(
        address,
        "news-error-report",
        limit=settings.NEWS_COMMENTS_PER_ADDRESS,
        window=settings.NEWS_COMMENT_WINDOW,
    ):
        raise ValidationError(
            _("You have sent several reports in a short time. Please wait a few minutes.")
        )
    report.save()
    return report
