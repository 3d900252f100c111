from django.urls import path

from . import workspace

app_name = "hub_workspace"
urlpatterns = [
    path("practices/", workspace.practice_list, name="list"),
    path("practices/<int:pk>/", workspace.practice_detail, name="detail"),
    path(
        "practices/<int:pk>/documents/<int:document_pk>/",
        workspace.practice_document,
        name="document",
    ),
    path("practices/<int:pk>/assign/", workspace.practice_assign, name="assign"),
    path("practices/<int:pk>/start-review/", workspace.practice_start_review, name="start_review"),
    path("practices/<int:pk>/conflict/", workspace.practice_conflict, name="conflict"),
    path("practices/<int:pk>/review/", workspace.practice_review, name="review"),
    path("practices/<int:pk>/return/", workspace.practice_return, name="return"),
    path("practices/<int:pk>/accept/", workspace.practice_accept, name="accept"),
    path("practices/<int:pk>/decline/", workspace.practice_decline, name="decline"),
    path("practices/<int:pk>/texts/", workspace.practice_texts, name="texts"),
]
