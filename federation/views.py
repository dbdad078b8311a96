"""Portal-wide pages: home, search, machine endpoints and error pages."""

import logging

from django.conf import settings
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import (
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from federation import pagecache
from federation import search as site_search
from federation.forms import SearchForm
from federation.home import home_blocks
from federation.models import SiteProfile

logger = logging.getLogger(__name__)


@pagecache.cached_page()
def home(request):
    return render(request, "federation/home.html", {"blocks": home_blocks(request)})


def search(request):
    """Search across the apps that registered a provider; a bad query gets a message."""
    form = SearchForm(request.GET if "q" in request.GET else None)
    query, found = "", None
    if form.is_valid():
        query = form.cleaned_data["q"]
        found = site_search.SiteSearch(query)
    page = Paginator(found if found is not None else [], 20).get_page(request.GET.get("page"))
    return render(
        request,
        "federation/search.html",
        {"form": form, "page": page, "query": query, "found": found},
    )


@require_safe
@cache_control(no_store=True)
def healthz(request):
    """200 when the database answers, 503 when it does not. For load balancers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: database unreachable")
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        f"Disallow: /{settings.ADMIN_URL}",
        "Disallow: /co-so/",
        "Disallow: /tai-khoan/",
        "Disallow: /tim-kiem/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico on pages without an icon link (the admin)."""
    return HttpResponsePermanentRedirect(static("img/emblem.svg"))


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """The styled 500 page; falls back to a page without the profile if even that fails."""
    try:
        return render(request, "500.html", status=500)
    except Exception:
        logger.exception("The 500 page could not be rendered with the site profile")
        page = loader.get_template("500.html").render(
            {"federation": SiteProfile.default(), "plain_error_page": True}
        )
        return HttpResponseServerError(page)


def locked_out(request, original_response=None, credentials=None):
    """What django-axes shows after too many failed logins (settings.AXES_LOCKOUT_CALLABLE)."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return render(request, "registration/locked_out.html", {"cooloff_minutes": minutes}, status=429)
