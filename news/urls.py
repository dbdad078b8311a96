from django.urls import path

from news import feeds, views

app_name = "news"

urlpatterns = [
    path("", views.article_list, name="index"),
    path("rss/", feeds.LatestArticlesFeed(), name="feed"),
    path("chuyen-muc/<slug:slug>/", views.category_detail, name="category"),
    path("chuyen-muc/<slug:slug>/rss/", feeds.CategoryFeed(), name="category_feed"),
    path("the/<slug:slug>/", views.tag_detail, name="tag"),
    path("<slug:slug>/", views.article_detail, name="article"),
    path("<slug:slug>/ban-in/", views.article_print, name="print"),
    path("<slug:slug>/danh-gia/", views.rate, name="rate"),
    path("<slug:slug>/y-kien/", views.comment, name="comment"),
    path("<slug:slug>/bao-loi/", views.report_error, name="report_error"),
]
