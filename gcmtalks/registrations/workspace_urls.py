from django.urls import path

from . import workspace

app_name = "workspace"
urlpatterns = [
    path("talks/<slug:slug>/registrants/", workspace.registrant_list, name="registrants"),
    path("talks/<slug:slug>/registrants/bulk/", workspace.bulk_action, name="registrants_bulk"),
    path(
        "talks/<slug:slug>/registrants/<int:pk>/action/",
        workspace.row_action,
        name="registrant_action",
    ),
    path("talks/<slug:slug>/registrants.csv", workspace.export_csv, name="registrants_csv"),
    path("talks/<slug:slug>/registrants.xlsx", workspace.export_xlsx, name="registrants_xlsx"),
]
