"""Public pages of congresses: the list (/dai-hoi/) and a congress (/dai-hoi/<slug>/).

Only congresses shown to the public are here; any other answers 404. A page costs a fixed
number of queries, whatever the number of sessions, documents or targets.
"""

from datetime import datetime

from django.db.models import Case, DateField, Exists, F, IntegerField, OuterRef, Q, Value, When
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from congress.filters import CongressFilter
from congress.models import Congress, Review, Stage, Subcommittee
from congress.services import delegates, elections, stage_of
from congress.services.targets import targets_progress
from federation import paging
from federation.forms import filtered
from federation.pagecache import cached_page
from news.models import Article

PAGE_SIZE = 20
ARTICLES_SHOWN = 12
UPCOMING_STAGES = (Stage.PLANNED, Stage.PREPARING, Stage.IN_SESSION)


def current_or_upcoming(today) -> Q:
    """Not yet over and no results recognised: in session, dated ahead, or not yet dated
    for a term that has not begun (an old congress without dates counts as past)."""
    not_recognised = Q(recognised_on__isnull=True) & ~Q(review=Review.RECOGNISED)
    ahead = (
        Q(ends_on__gte=today)
        | Q(ends_on__isnull=True, starts_on__gte=today)
        | Q(starts_on__isnull=True, term_start__gte=today.year)
    )
    return not_recognised & ahead


def public_congresses():
    return (
        Congress.objects.public()
        .select_related("unit__kind")
        .annotate(has_subcommittees=Exists(Subcommittee.objects.filter(congress=OuterRef("pk"))))
    )


def days_until(day, today) -> int | None:
    return (day - today).days if day and day > today else None


@cached_page()
def congress_list(request):
    """The current and upcoming congresses first (soonest first), then past terms by level."""
    today = timezone.localdate()
    filters = CongressFilter(request.GET or None, queryset=public_congresses())
    queryset, status = filtered(filters)
    upcoming = current_or_upcoming(today)
    queryset = queryset.annotate(
        is_current=Case(
            When(upcoming, then=Value(1)), default=Value(0), output_field=IntegerField()
        ),
        soon=Case(When(upcoming, then=F("starts_on")), default=None, output_field=DateField()),
    ).order_by(
        "-is_current",
        F("soon").asc(nulls_last=True),
        "unit__kind__order",
        "unit__kind__name",
        "-term_start",
        "unit__path",
        "pk",
    )
    page = paging.paginate(request, queryset, PAGE_SIZE)
    congresses = list(page.object_list)
    for congress in congresses:
        congress.stage = stage_of(congress, today)
        congress.days_left = days_until(congress.starts_on, today)
    return render(
        request,
        "congress/congress_list.html",
        {
            "filters": filters,
            "page": page,
            "current": [congress for congress in congresses if congress.is_current],
            "past": [congress for congress in congresses if not congress.is_current],
            "filtered": bool(request.GET.keys() - {"page"}),
        },
        status=status,
    )


def current_item(sessions, now: datetime):
    """The programme item under way: today's latest begun item, unless it has ended."""
    today, time = now.date(), now.time()
    begun = [item for item in sessions if item.day == today and item.starts_at <= time]
    if not begun:
        return None
    item = begun[-1]
    return None if item.ends_at and item.ends_at <= time else item


@cached_page()
def congress_detail(request, slug):
    congress = get_object_or_404(Congress.objects.public().select_related("unit__kind"), slug=slug)
    now = timezone.localtime()
    today = now.date()
    sessions = list(congress.sessions.all())
    subcommittees = list(
        congress.subcommittees.only("congress_id", "kind", "name", "head", "public_description")
    )
    congress.has_subcommittees = bool(subcommittees)
    stage = stage_of(congress, today)
    documents = list(
        congress.documents.filter(document__is_public=True).select_related(
            "document__type", "document__issuer"
        )
    )
    targets = targets_progress(
        congress, list(congress.targets.prefetch_related("progress")), today=today, kept=True
    )
    articles = list(
        Article.objects.published().filter(congress=congress).for_lists()[:ARTICLES_SHOWN]
    )
    context = {
        "congress": congress,
        "stage": stage,
        "days_left": days_until(congress.starts_on, today) if stage in UPCOMING_STAGES else None,
        "sessions": sessions,
        "current_item": current_item(sessions, now) if stage == Stage.IN_SESSION else None,
        "subcommittees": subcommittees,
        "documents": documents,
        "targets": targets,
        "articles": articles,
    }
    # The composition table once delegates are accepted, and the results once recognised
    # (names and shares of those elected only): each shown only when there is one.
    composition = delegates.composition(congress, today)
    context["composition"] = composition if composition.total else None
    context["results"] = elections.results(congress, public=True)
    return render(request, "congress/detail.html", context)
