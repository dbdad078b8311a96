from django.urls import path

from documents import feeds, views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="index"),
    path("rss/", feeds.LatestDocumentsFeed(), name="feed"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("tep/<int:pk>/tai-ve/", views.download, name="download"),
    path("tep/<int:pk>/xem/", views.preview, name="preview"),
]
