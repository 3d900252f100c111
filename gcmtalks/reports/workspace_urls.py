from django.urls import path

from . import workspace

app_name = "reports_workspace"
urlpatterns = [
    path("talks/<slug:slug>/report/", workspace.overview, name="report"),
    path("talks/<slug:slug>/report/justify/", workspace.justify, name="justify"),
    path("talks/<slug:slug>/report/publish/", workspace.publish, name="publish"),
    path("talks/<slug:slug>/report/unpublish/", workspace.unpublish, name="unpublish"),
    path("talks/<slug:slug>/report/preview.pdf", workspace.preview_pdf, name="preview_pdf"),
    path("talks/<slug:slug>/report/<str:language>/", workspace.edit, name="edit"),
    path("talks/<slug:slug>/report/<str:language>/remove/", workspace.remove, name="remove"),
]
