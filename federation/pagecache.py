"""Whole public pages kept for a few seconds, for visitors who carry nothing of their own.

Most visitors read the same pages: the home page, the news lists, an article. Rendering
them for each request costs far more than the request itself, so a page rendered for an
anonymous visitor is kept for settings.PAGE_CACHE_SECONDS and served to the next one.

What keeps it honest:
- A visitor with a session (logged-in staff, a reader with a comment waiting), a signed-in
  user however authenticated (the header shows their name), a message to show, or a
  cookie a view names (the rater's cookie) always gets a fresh page, so their own rating
  or comment shows at once.
- Every form on a kept page gets the current visitor's CSRF token, never the token of
  the visitor the page was rendered for.
- Saving a model registered with `invalidate_on_change` starts a new generation, and no
  page of an older generation is served again. With several app servers this needs the
  shared cache (CACHE_URL); otherwise the page's own lifetime bounds what is stale.
- Only 200 responses that set no cookie of their own are kept.
- Middleware still runs on every response, so the visitor statistics and security
  headers are as for a fresh page; a view can ask for work on every hit (`on_hit`).
"""

import hashlib
import re
import uuid
from collections.abc import Callable, Iterable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

GENERATION_KEY = "page-cache:generation"
_CSRF_PLACEHOLDER = b"page-cache-csrf-token-placeholder"
_CSRF_VALUE = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')


def generation() -> str:
    return cache.get(GENERATION_KEY) or "0"


def invalidate(**kwargs) -> None:
    """Forget every kept page (and home block): content they show has changed."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def invalidate_on_change(*models) -> None:
    """Saving or deleting any of these models makes kept pages stale."""
    for model in models:
        post_save.connect(invalidate, sender=model, dispatch_uid=f"page-cache-{model._meta}")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"page-cache-del-{model._meta}")


def _may_use_cache(request, bypass_cookies: Iterable[str]) -> bool:
    if request.method not in ("GET", "HEAD") or not settings.PAGE_CACHE_SECONDS:
        return False
    personal = (settings.SESSION_COOKIE_NAME, "messages", *bypass_cookies)
    if any(name in request.COOKIES for name in personal):
        return False
    # However the user came to be signed in, their page has their name in the header.
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def _key(request) -> str:
    address = f"{request.get_host()}|{request.get_full_path()}|{get_language()}"
    return "page-cache:" + hashlib.sha256(address.encode()).hexdigest()


def cached_page(
    *,
    bypass_cookies: Iterable[str] = (),
    on_hit: Callable[[object, object], None] | None = None,
):
    """Keep the view's page for anonymous visitors (see the module's docstring).

    A view may set `response.page_cache_note`; it is kept with the page and handed to
    `on_hit(request, note)` each time the kept page is served.
    """
    bypass_cookies = tuple(bypass_cookies)

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not _may_use_cache(request, bypass_cookies):
                return view(request, *args, **kwargs)
            key = _key(request)
            found = cache.get_many([key, GENERATION_KEY])
            current = found.get(GENERATION_KEY) or "0"
            entry = found.get(key)
            if entry and entry["generation"] == current:
                return _serve(request, entry, on_hit)
            response = view(request, *args, **kwargs)
            if _keepable(response):
                cache.set(key, _entry(response, current), settings.PAGE_CACHE_SECONDS)
            return response

        return wrapper

    return decorator


def _keepable(response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith("text/html")
    )


def _entry(response, current_generation: str) -> dict:
    return {
        "generation": current_generation,
        "content": _CSRF_VALUE.sub(rb"\1" + _CSRF_PLACEHOLDER + rb"\2", response.content),
        "content_type": response["Content-Type"],
        "note": getattr(response, "page_cache_note", None),
    }


def _serve(request, entry: dict, on_hit) -> HttpResponse:
    content = entry["content"]
    if _CSRF_PLACEHOLDER in content:
        content = content.replace(_CSRF_PLACEHOLDER, get_token(request).encode())
    if on_hit is not None:
        on_hit(request, entry["note"])
    return HttpResponse(content, content_type=entry["content_type"])
