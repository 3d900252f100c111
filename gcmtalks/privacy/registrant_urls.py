from django.urls import path

from . import views

app_name = "privacy_registrant"
urlpatterns = [
    path("registrations/<str:token>/my-data.json", views.registrant_export, name="export"),
    path("registrations/<str:token>/erase/", views.registrant_erase, name="erase"),
]
