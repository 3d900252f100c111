from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path(
        "talks/<slug:slug>/documents/<int:pk>/<str:language>/",
        views.download,
        name="download",
    ),
]
