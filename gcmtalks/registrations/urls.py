from django.urls import path

from . import views

app_name = "registrations"
urlpatterns = [
    path("talks/<slug:slug>/register/", views.register, name="register"),
    path("talks/<slug:slug>/register/sent/", views.sent, name="sent"),
    path("registrations/<str:token>/", views.personal, name="personal"),
    path("registrations/<str:token>/confirm/", views.confirm, name="confirm"),
    path("registrations/<str:token>/change/", views.change, name="change"),
    path("registrations/<str:token>/cancel/", views.cancel, name="cancel"),
    path("join/<str:key>/", views.join, name="join"),
]
