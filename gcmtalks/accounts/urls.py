from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.profile, name="profile"),
    path("language/", views.language_set, name="language"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("organisations/new/", views.organisation_new, name="organisation_new"),
    path(
        "organisations/<int:pk>/leave/",
        views.organisation_leave_confirm,
        name="organisation_leave",
    ),
]
