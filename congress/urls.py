from congress import urls_delegates, urls_season

app_name = "congress"

urlpatterns = [*urls_season.urlpatterns, *urls_delegates.urlpatterns]
