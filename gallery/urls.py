from django.urls import path

from gallery import views
from gallery.feeds import LatestAlbumsFeed

app_name = "gallery"

urlpatterns = [
    path("thu-vien-anh/", views.album_list, name="albums"),
    path("thu-vien-anh/rss/", LatestAlbumsFeed(), name="feed"),
    path("thu-vien-anh/<slug:slug>/", views.album_detail, name="album"),
    path("thu-vien-anh/<slug:slug>/<int:number>/", views.photo_detail, name="photo"),
    path("video/", views.video_list, name="videos"),
    path("video/<slug:slug>/", views.video_detail, name="video"),
]
