from django.urls import path

from . import views

app_name = "intentions"
urlpatterns = [
    path("follow-up/", views.follow_up, name="follow_up"),
    path("speakers/<str:key>/intentions/", views.rapporteur, name="rapporteur"),
]
