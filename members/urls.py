from django.urls import path

from members import views

app_name = "members"

urlpatterns = [
    path("thong-ke/", views.figures, name="figures"),
    path("co-so/", views.home, name="home"),
    path("co-so/don-vi/<int:pk>/", views.unit_dashboard, name="unit"),
    path("co-so/don-vi/<int:pk>/doan-vien/", views.member_list, name="members"),
    path("co-so/don-vi/<int:pk>/doan-vien/them/", views.member_add, name="member_add"),
    path("co-so/don-vi/<int:pk>/doan-vien/nhap/", views.member_import, name="member_import"),
    path("co-so/don-vi/<int:pk>/doan-vien/xuat/", views.member_export, name="member_export"),
    path(
        "co-so/don-vi/<int:pk>/xuat-du-lieu/<int:export_pk>/",
        views.prepared_export,
        name="prepared_export",
    ),
    path(
        "co-so/don-vi/<int:pk>/xuat-du-lieu/<int:export_pk>/tai-ve/",
        views.prepared_export_download,
        name="prepared_export_download",
    ),
    path("co-so/mau-nhap-doan-vien.xlsx", views.import_template, name="import_template"),
    path("co-so/don-vi/<int:pk>/ky-bao-cao/<int:period_pk>/", views.period_progress, name="period"),
    path(
        "co-so/don-vi/<int:pk>/ky-bao-cao/<int:period_pk>/nhac-nho/",
        views.period_remind,
        name="period_remind",
    ),
    path("co-so/doan-vien/<int:pk>/", views.member_detail, name="member"),
    path("co-so/doan-vien/<int:pk>/sua/", views.member_edit, name="member_edit"),
    path(
        "co-so/doan-vien/<int:pk>/chuyen-sinh-hoat/", views.member_transfer, name="member_transfer"
    ),
    path("co-so/doan-vien/<int:pk>/ra-khoi-to-chuc/", views.member_leave, name="member_leave"),
    path("co-so/bao-cao/<int:pk>/", views.report_detail, name="report"),
    path("co-so/bao-cao/<int:pk>/duyet/", views.report_review, name="report_review"),
    path("co-so/bao-cao/<int:pk>/dinh-kem/", views.report_attach, name="report_attach"),
    path("co-so/tep-bao-cao/<int:pk>/", views.report_attachment, name="report_attachment"),
    path(
        "co-so/tep-bao-cao/<int:pk>/xoa/",
        views.report_attachment_remove,
        name="report_attachment_remove",
    ),
]
