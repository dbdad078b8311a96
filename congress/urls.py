from django.urls import path

from congress import feeds, views

app_name = "congress"

urlpatterns = [
    # Public pages (this app's URLs spell out their prefix: see CongressConfig.url_prefix).
    path("dai-hoi/", views.congress_list, name="index"),
    path("dai-hoi/rss/", feeds.CongressNewsFeed(), name="feed"),
    path("dai-hoi/<slug:slug>/", views.congress_detail, name="detail"),
]
