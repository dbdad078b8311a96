from django.urls import path

from qa import views
from qa.feeds import LatestAnswersFeed

app_name = "qa"

# The fixed pages come before "<slug>/"; their names are never a question's slug
# (qa.models.RESERVED_SLUGS).
urlpatterns = [
    path("", views.index, name="index"),
    path("gui-cau-hoi/", views.ask, name="ask"),
    path("rss/", LatestAnswersFeed(), name="feed"),
    path("chu-de/<slug:slug>/", views.topic_detail, name="topic"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/danh-gia/", views.rate, name="rate"),
]
