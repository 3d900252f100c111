from django.urls import path

from . import workspace

app_name = "talks_workspace"
urlpatterns = [
    path("", workspace.dashboard, name="dashboard"),
    path("talks/new/", workspace.talk_new, name="talk_new"),
    path("talks/<slug:slug>/", workspace.talk_detail, name="talk"),
    path("talks/<slug:slug>/edit/", workspace.talk_edit, name="talk_edit"),
    path("talks/<slug:slug>/publish/", workspace.talk_publish_view, name="talk_publish"),
    path("talks/<slug:slug>/postpone/", workspace.talk_postpone_view, name="talk_postpone"),
    path("talks/<slug:slug>/cancel/", workspace.talk_cancel_view, name="talk_cancel"),
]
