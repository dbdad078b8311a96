from django.http import HttpResponse
from django.urls import include, path


def ok(request):
    """The cheapest Django response: what every other page is measured against."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/ok/", ok),
    path("", include("federation.urls")),
]
