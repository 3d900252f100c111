from django.urls import path

from . import workspace

app_name = "pledges_workspace"

urlpatterns = [
    path("pledges/", workspace.pledge_list, name="list"),
    path("pledges/import/", workspace.import_new, name="import_new"),
    path("pledges/import/<int:pk>/", workspace.import_detail, name="import"),
    path("pledges/import/<int:pk>/progress/", workspace.import_progress, name="progress"),
    path("pledges/import/<int:pk>/check/", workspace.import_check, name="check"),
    path("pledges/import/<int:pk>/start/", workspace.import_start, name="start"),
]
