"""The welfare addresses. This app's URLs spell out their prefix (WelfareConfig.url_prefix
is ""): the officer area's pages live under /co-so/phuc-loi/."""

from django.urls import path

from welfare import urls_public, views

app_name = "welfare"

urlpatterns = [
    path("co-so/phuc-loi/", views.home, name="officer_home"),
    path("co-so/phuc-loi/vay-von/", views.overdue, name="officer_overdue"),
    path("co-so/phuc-loi/vay-von/<int:pk>/", views.loan_detail, name="officer_loan"),
    path("co-so/phuc-loi/de-xuat/<int:pk>/", views.grant_detail, name="officer_grant"),
    path("co-so/phuc-loi/de-xuat/<int:pk>/sua/", views.grant_edit, name="officer_grant_edit"),
    path("co-so/phuc-loi/de-xuat/<int:pk>/duyet/", views.grant_review, name="officer_review_grant"),
    path("co-so/phuc-loi/de-xuat/<int:pk>/nha/", views.house_steps, name="officer_house_steps"),
    path("co-so/phuc-loi/de-xuat/<int:pk>/nha/anh/", views.house_photo, name="officer_house_photo"),
    path(
        "co-so/phuc-loi/anh-nha/<int:pk>/xoa/",
        views.house_photo_delete,
        name="officer_house_photo_delete",
    ),
    path("co-so/phuc-loi/tep/<int:pk>/", views.grant_file, name="officer_file"),
    path("co-so/phuc-loi/bien-nhan/<int:pk>/", views.receipt_file, name="officer_receipt"),
    path(
        "co-so/phuc-loi/<slug:slug>/don-vi/<int:unit_pk>/",
        views.unit_programme,
        name="officer_unit",
    ),
    path(
        "co-so/phuc-loi/<slug:slug>/don-vi/<int:unit_pk>/de-xuat/",
        views.propose,
        name="officer_propose",
    ),
    path(
        "co-so/phuc-loi/<slug:slug>/don-vi/<int:unit_pk>/duyet/",
        views.review,
        name="officer_review",
    ),
    path(
        "co-so/phuc-loi/<slug:slug>/don-vi/<int:unit_pk>/chi-tieu/",
        views.quotas,
        name="officer_quotas",
    ),
    path(
        "co-so/phuc-loi/<slug:slug>/don-vi/<int:unit_pk>/ban-giao/",
        views.handover,
        name="officer_handover",
    ),
]

# The public pages: /phuc-loi/, a programme, the partners.
urlpatterns += urls_public.urlpatterns
