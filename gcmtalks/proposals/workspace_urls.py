from django.urls import path

from . import workspace

app_name = "proposals_workspace"
urlpatterns = [
    path("proposals/", workspace.proposal_list, name="list"),
    path("proposals/<int:pk>/", workspace.proposal_detail, name="detail"),
    path("proposals/<int:pk>/assign/", workspace.proposal_assign, name="assign"),
    path("proposals/<int:pk>/review/", workspace.proposal_review, name="review"),
    path(
        "proposals/<int:pk>/request-changes/",
        workspace.proposal_request_changes,
        name="request_changes",
    ),  # fmt: skip
    path("proposals/<int:pk>/note/", workspace.proposal_note, name="note"),
    path("proposals/<int:pk>/score/", workspace.proposal_score, name="score"),
    path("proposals/<int:pk>/accept/", workspace.proposal_accept, name="accept"),
    path("proposals/<int:pk>/decline/", workspace.proposal_decline, name="decline"),
]
