from django.urls import path

from . import export, views

app_name = "hub"
urlpatterns = [
    path("", views.practice_list, name="list"),
    path("<int:pk>/", views.practice_detail, name="detail"),
    path("<int:pk>/documents/<int:document_pk>/", views.practice_document, name="document"),
    path("submit/", views.practice_new, name="submit"),
    path("mine/", views.practice_mine, name="mine"),
    path("mine/<int:pk>/", views.practice_mine_detail, name="mine_detail"),
    path("mine/<int:pk>/edit/", views.practice_edit, name="edit"),
    path("mine/<int:pk>/submit/", views.practice_submit, name="resubmit"),
    path("mine/<int:pk>/documents/", views.practice_documents, name="documents"),
    path("mine/<int:pk>/documents/<int:document_pk>/", views.mine_document, name="mine_document"),
    path(
        "mine/<int:pk>/documents/<int:document_pk>/remove/",
        views.practice_document_remove,
        name="document_remove",
    ),
    path("export.json", export.export_json, name="export_json"),
    path("export.csv", export.export_csv, name="export_csv"),
]
