from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("privacy/", views.mine, name="mine"),
    path("privacy/export.json", views.mine_export, name="export"),
    path("privacy/erase/", views.mine_erase, name="erase"),
]
