"""The grassroots congress season's addresses (added to congress.urls)."""

from django.urls import path

from congress import views_season as views

urlpatterns = [
    path("dai-hoi/mua-dai-hoi/<str:term>/", views.season_public, name="season"),
    path("co-so/dai-hoi/", views.season_home, name="season_home"),
    path(
        "co-so/dai-hoi/mua/<int:season_pk>/don-vi/<int:unit_pk>/",
        views.season_unit,
        name="season_unit",
    ),
    path(
        "co-so/dai-hoi/mua/<int:season_pk>/don-vi/<int:unit_pk>/nhac-nho/",
        views.season_remind,
        name="season_remind",
    ),
    path("co-so/dai-hoi/ho-so/<int:pk>/", views.record_detail, name="record"),
    path("co-so/dai-hoi/ho-so/<int:pk>/duyet/", views.record_review, name="record_review"),
    path("co-so/dai-hoi/tep/<int:pk>/", views.record_file, name="file"),
]
