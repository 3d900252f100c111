from django.urls import path

from . import views

app_name = "privacy_workspace"
urlpatterns = [
    path("privacy/", views.workspace, name="index"),
    path("privacy/erase/", views.workspace_erase, name="erase"),
    path("privacy/retention/", views.retention, name="retention"),
]
