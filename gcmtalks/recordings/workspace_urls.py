from django.urls import path

from . import workspace

app_name = "recordings_workspace"
BASE = "talks/<slug:slug>/recording/"
urlpatterns = [
    path(BASE, workspace.recording_page, name="recording"),
    path(BASE + "publish/", workspace.publish, name="publish"),
    path(BASE + "unpublish/", workspace.unpublish, name="unpublish"),
    path(BASE + "captions/", workspace.file_add, {"kind": "captions"}, name="captions_add"),
    path(BASE + "transcripts/", workspace.file_add, {"kind": "transcript"}, name="transcript_add"),
    path(
        BASE + "captions/<str:language>/remove/",
        workspace.file_remove,
        {"kind": "captions"},
        name="captions_remove",
    ),
    path(
        BASE + "transcripts/<str:language>/remove/",
        workspace.file_remove,
        {"kind": "transcript"},
        name="transcript_remove",
    ),
]
