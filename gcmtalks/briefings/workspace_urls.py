from django.urls import path

from . import workspace

app_name = "briefings_workspace"
urlpatterns = [
    path("talks/<slug:slug>/briefing/", workspace.briefing, name="briefing"),
    path(
        "talks/<slug:slug>/briefing/resend/",
        workspace.briefing_resend_view,
        name="briefing_resend",
    ),
    path("talks/<slug:slug>/checklist/", workspace.checklist, name="checklist"),
    path("talks/<slug:slug>/checklist/add/", workspace.checklist_add, name="checklist_add"),
    path(
        "talks/<slug:slug>/checklist/<int:pk>/",
        workspace.checklist_item,
        name="checklist_item",
    ),
    path(
        "talks/<slug:slug>/checklist/<int:pk>/done/",
        workspace.checklist_mark,
        name="checklist_mark",
    ),
    path(
        "talks/<slug:slug>/checklist/<int:pk>/remove/",
        workspace.checklist_delete,
        name="checklist_delete",
    ),
]
