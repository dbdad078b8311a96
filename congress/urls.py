from django.urls import path

from congress import feeds, urls_delegates, urls_season, views

app_name = "congress"

urlpatterns = [
    # The season's pages and the officer area's delegate pages, then the public pages
    # (this app's URLs spell out their prefix: see CongressConfig.url_prefix).
    *urls_season.urlpatterns,
    *urls_delegates.urlpatterns,
    path("dai-hoi/", views.congress_list, name="index"),
    path("dai-hoi/rss/", feeds.CongressNewsFeed(), name="feed"),
    path("dai-hoi/<slug:slug>/", views.congress_detail, name="detail"),
]
