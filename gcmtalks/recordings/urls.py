from django.urls import path

from . import views

app_name = "recordings"
urlpatterns = [
    path("talks/<slug:slug>/recording/captions/<str:language>/", views.captions, name="captions"),
    path(
        "talks/<slug:slug>/recording/transcript/<str:language>/",
        views.transcript,
        name="transcript",
    ),
]
