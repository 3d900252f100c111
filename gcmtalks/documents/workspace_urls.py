from django.urls import path

from . import workspace

app_name = "documents_workspace"
DOCUMENT = "talks/<slug:slug>/documents/<int:pk>/"
urlpatterns = [
    path("talks/<slug:slug>/documents/", workspace.document_list, name="list"),
    path("talks/<slug:slug>/documents/new/", workspace.document_new, name="new"),
    path(DOCUMENT, workspace.document_detail, name="detail"),
    path(DOCUMENT + "versions/", workspace.version_save, name="version_save"),
    path(
        DOCUMENT + "versions/<str:language>/remove/",
        workspace.version_remove,
        name="version_remove",
    ),
    path(DOCUMENT + "publish/", workspace.document_publish, name="publish"),
    path(DOCUMENT + "unpublish/", workspace.document_unpublish, name="unpublish"),
    path(DOCUMENT + "delete/", workspace.document_delete, name="delete"),
]
