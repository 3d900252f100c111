from django.urls import path

from . import views

app_name = "panels"
urlpatterns = [
    path("speakers/<str:key>/", views.speaker, name="speaker"),
]
