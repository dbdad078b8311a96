from django.urls import path  # noqa: F401

from congress import urls_season

app_name = "congress"

urlpatterns = []
urlpatterns += urls_season.urlpatterns
