from django.urls import path

from . import workspace

app_name = "panels_workspace"
PANEL = "talks/<slug:slug>/panel/"
urlpatterns = [
    path(PANEL, workspace.panel, name="panel"),
    path(PANEL + "speakers/new/", workspace.speaker_new, name="speaker_new"),
    path(PANEL + "speakers/<int:pk>/", workspace.speaker_edit, name="speaker_edit"),
    path(PANEL + "speakers/<int:pk>/remove/", workspace.speaker_remove_view, name="speaker_remove"),
    path(PANEL + "speakers/<int:pk>/move/", workspace.speaker_move_view, name="speaker_move"),
    path(PANEL + "speakers/<int:pk>/invite/", workspace.speaker_invite_view, name="speaker_invite"),
    path(PANEL + "agenda/new/", workspace.item_new, name="item_new"),
    path(PANEL + "agenda/<int:pk>/", workspace.item_edit, name="item_edit"),
    path(PANEL + "agenda/<int:pk>/remove/", workspace.item_remove, name="item_remove"),
]
