from django.urls import path

from . import workspace

app_name = "intentions_workspace"

urlpatterns = [
    path("talks/<slug:slug>/intentions/", workspace.talk_intentions, name="talk"),
    path("intentions/<int:pk>/", workspace.detail, name="detail"),
    path("intentions/<int:pk>/move/", workspace.move, name="move"),
    path("intentions/<int:pk>/note/", workspace.note, name="note"),
    path("intentions/<int:pk>/delete/", workspace.delete, name="delete"),
    path("follow-up/", workspace.board, name="board"),
    path("follow-up/reassign/", workspace.reassign, name="reassign"),
]
