from django.urls import path

from about import views

app_name = "about"

urlpatterns = [
    path("gioi-thieu/", views.index, name="index"),
    path("gioi-thieu/to-chuc/", views.organisation, name="organisation"),
    path("gioi-thieu/lanh-dao/", views.leadership, name="leadership"),
    path("gioi-thieu/<slug:slug>/", views.page_detail, name="page"),
    path("lien-he/", views.contact, name="contact"),
    path("lich-cong-tac/", views.schedule, name="schedule"),
]
