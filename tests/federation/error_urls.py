"""The portal's URLs plus views that fail on purpose, to show the styled error pages."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import include, path

from federation import urls as portal_urls


def denied(request):
    raise PermissionDenied("Chỉ dành cho cán bộ công đoàn")


def suspicious(request):
    raise SuspiciousOperation("Tham số không hợp lệ")


def broken(request):
    raise RuntimeError("Lỗi thử nghiệm khi hiển thị trang")


urlpatterns = [
    path("thu-loi/403/", denied),
    path("thu-loi/400/", suspicious),
    path("thu-loi/500/", broken),
    path("", include("federation.urls")),
]

handler400 = portal_urls.handler400
handler403 = portal_urls.handler403
handler404 = portal_urls.handler404
handler500 = portal_urls.handler500
