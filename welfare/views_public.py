"""Public welfare pages: the programmes (/phuc-loi/), a programme (/phuc-loi/<slug>/) and
the partners' offers (/phuc-loi/doi-tac/).

Only programmes shown to the public are here (not those kept off the site nor those still
planned); any other answers 404. The pages show totals only: a beneficiary's name, ID
number, circumstances or address never leave the database for them. Each page costs a
fixed number of queries, whatever the number of grants, houses or partners.
"""

from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from federation import paging
from federation.forms import filtered
from federation.pagecache import cached_page
from news.models import Article
from welfare import services
from welfare.figures import headline, houses_by_step, totals_for
from welfare.filters import PartnerFilter, ProgrammeFilter
from welfare.models import COUNTED, Behaviour, FundingSource, HousingPhoto, Partner, Programme

PAGE_SIZE = 20
PARTNERS_PAGE_SIZE = 24
ARTICLES_SHOWN = 12
PHOTOS_SHOWN = 24


def public_programmes():
    return Programme.objects.public().select_related("kind", "unit")


@cached_page()
def programme_list(request):
    """This year's programmes, then past years', by kind, each with its totals."""
    today = timezone.localdate()
    filters = ProgrammeFilter(request.GET or None, queryset=public_programmes())
    queryset, status = filtered(filters)
    queryset = queryset.order_by("-year", "kind__order", "kind__name", "name", "pk")
    page = paging.paginate(request, queryset, PAGE_SIZE)
    programmes = list(page.object_list)
    grants, by_kind = None, []
    if status == 200:
        # The grants of every programme listed are summed once, by programme: the page's
        # headlines and the totals by kind are both taken from those rows.
        listed = list(
            queryset.select_related(None).select_related("kind").only("kind__name", "kind__order")
        )
        grants = services.totals_by_programme(listed)
        by_kind = services.totals_by_kind_of(listed, grants.values())
    totals = totals_for(programmes, grants)
    for programme in programmes:
        programme.headline = headline(programme, totals.get(programme.pk))
    return render(
        request,
        "welfare/public/index.html",
        {
            "filters": filters,
            "page": page,
            "this_year": [p for p in programmes if p.year >= today.year],
            "past": [p for p in programmes if p.year < today.year],
            "by_kind": by_kind,
            "filtered": bool(request.GET.keys() - {"page"}),
        },
        status=status,
    )


def _housing_context(programme: Programme) -> dict:
    photos = list(
        HousingPhoto.objects.filter(
            housing__grant__programme=programme,
            housing__grant__status__in=COUNTED,
            housing__handed_over_on__isnull=False,
        )
        .select_related("housing__grant__member")
        .only(
            "stage",
            "alt",
            "small",
            "large",
            "small_width",
            "small_height",
            "large_width",
            "large_height",
            "housing__handed_over_on",
            "housing__grant__member_id",
            "housing__grant__person_name",
            "housing__grant__member__full_name",
        )
        # Each house's photo before, then after ("-stage": "before" > "after").
        .order_by("-housing__handed_over_on", "housing_id", "-stage", "pk")[:PHOTOS_SHOWN]
    )
    shown = [
        {"picture": photo.picture, "alt": services.public_alt(photo), "stage": photo.stage}
        for photo in photos
    ]
    # The news of houses handed over, once published (and not already among the
    # programme's own news, listed further down).
    handovers = list(
        Article.objects.published()
        .filter(
            welfare_houses__grant__programme=programme,
            welfare_houses__grant__status__in=COUNTED,
            welfare_houses__handed_over_on__isnull=False,
        )
        .exclude(welfare_programmes=programme)
        .distinct()
        .only("title", "slug", "published_at")
        .order_by("-published_at", "-pk")[:ARTICLES_SHOWN]
    )
    return {
        "houses": houses_by_step(programme),
        "photos": [photo for photo in shown if photo["picture"] is not None],
        "handover_news": handovers,
    }


@cached_page()
def programme_detail(request, slug):
    programme = get_object_or_404(public_programmes(), slug=slug)
    behaviour = programme.kind.behaviour
    sources = list(programme.funding_sources.all())
    if behaviour == Behaviour.LOAN:
        totals = totals_for([programme]).get(programme.pk)
        by_unit = []
    else:
        totals = services.programme_totals(programme)
        by_unit = services.totals_by_branch(programme.unit, [programme])
    context = {
        "programme": programme,
        "headline": headline(programme, totals),
        "totals": totals,
        "standard_amounts": list(programme.standard_amounts.all()),
        "sources": sources,
        "budget": sum(source.pledged for source in sources),
        "sponsors": [s for s in sources if s.kind == FundingSource.Kind.SPONSOR],
        "by_unit": by_unit,
        "documents": list(
            programme.documents.public()
            .select_related("type", "issuer")
            .order_by("-issued_on", "-pk")
        ),
        "articles": list(
            Article.objects.published()
            .filter(welfare_programmes=programme)
            .for_lists()
            .order_by("-published_at")[:ARTICLES_SHOWN]
        ),
    }
    if behaviour == Behaviour.HOUSING:
        context.update(_housing_context(programme))
    return render(request, "welfare/public/programme.html", context)


@cached_page()
def partner_list(request):
    """The offers valid today, by field and area; an expired one is not shown."""
    today = timezone.localdate()
    partners = Partner.objects.public(today)
    filters = PartnerFilter(request.GET or None, queryset=partners, day=today)
    queryset, status = filtered(filters)
    page = paging.paginate(request, queryset.order_by("order", "name", "pk"), PARTNERS_PAGE_SIZE)
    return render(
        request,
        "welfare/public/partners.html",
        {
            "filters": filters,
            "page": page,
            "partners": list(page.object_list),
            "filtered": bool(request.GET.keys() - {"page"}),
        },
        status=status,
    )
