from django.urls import path

from . import views

app_name = "reporting_workspace"

urlpatterns = [
    path("statistics/", views.statistics, name="statistics"),
    path("statistics/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("statistics/export/<slug:key>.csv", views.export_csv, name="export_csv"),
    path("statistics/packs/", views.packs, name="packs"),
    path("statistics/packs/<int:pk>/", views.pack_detail, name="pack"),
    path("statistics/packs/<int:pk>/download/", views.pack_download, name="pack_download"),
]
