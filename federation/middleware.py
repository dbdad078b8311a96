"""Portal-wide middleware: language choice, Permissions-Policy, private pages, visitor counting."""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers

from federation.net import visitor_of
from federation.services import record_page_view


class PortalLanguageMiddleware:
    """Vietnamese unless the visitor chose English with the language switch.

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language: the
    portal of a Vietnamese federation opens in Vietnamese for everyone.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class PermissionsPolicyMiddleware:
    """Turns off browser features the portal never uses (camera, location, …)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class PrivatePagesMiddleware:
    """Nothing under PRIVATE_PATH_PREFIXES (the officer area, the account pages) is ever
    stored by a browser or a proxy: every answer there, redirects and errors included, is
    `Cache-Control: private, no-store`. Other pages shown to a signed-in user (their name is
    in the header) are at least `private`."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = tuple(settings.PRIVATE_PATH_PREFIXES)

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.prefixes):
            response["Cache-Control"] = "private, no-store"
        elif getattr(request, "user", None) is not None and request.user.is_authenticated:
            patch_cache_control(response, private=True)
        return response


class VisitorStatsMiddleware:
    """Counts page views of public HTML pages for the statistics block."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.excluded_prefixes = (
            settings.STATIC_URL,
            settings.MEDIA_URL,
            "/" + settings.ADMIN_URL,
            "/healthz",
            "/co-so/",
            "/tai-khoan/",
            "/i18n/",
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.counts(request, response):
            record_page_view(visitor_of(request))
        return response

    def counts(self, request, response) -> bool:
        return (
            request.method == "GET"
            and response.status_code == 200
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and not request.path.startswith(self.excluded_prefixes)
        )
