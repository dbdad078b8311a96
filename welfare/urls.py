from welfare.urls_public import app_name, urlpatterns  # noqa: F401
