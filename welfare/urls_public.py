"""The public welfare pages; they spell out their prefix (see WelfareConfig.url_prefix)."""

from django.urls import path

from welfare import views_public

app_name = "welfare"

urlpatterns = [
    path("phuc-loi/", views_public.programme_list, name="index"),
    path("phuc-loi/doi-tac/", views_public.partner_list, name="partners"),
    path("phuc-loi/<slug:slug>/", views_public.programme_detail, name="programme"),
]
