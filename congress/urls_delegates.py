"""The officer area's delegate pages (included by congress/urls.py)."""

from django.urls import path

from congress import views_delegates

urlpatterns = [
    path("co-so/dai-hoi/<int:pk>/dai-bieu/", views_delegates.delegate_list, name="delegates"),
    path(
        "co-so/dai-hoi/<int:pk>/dai-bieu/nhap/",
        views_delegates.delegate_import,
        name="delegate_import",
    ),
    path(
        "co-so/dai-hoi/<int:pk>/dai-bieu/xuat/",
        views_delegates.delegate_export,
        name="delegate_export",
    ),
    path(
        "co-so/dai-hoi/mau-danh-sach-dai-bieu/",
        views_delegates.delegate_template,
        name="delegate_template",
    ),
]
