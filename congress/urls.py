from django.urls import path  # noqa: F401

from congress import urls_delegates

app_name = "congress"

urlpatterns = []

urlpatterns += urls_delegates.urlpatterns
