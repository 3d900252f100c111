from django.urls import path

from . import views

app_name = "reporting"

urlpatterns = [
    path("figures/", views.public_figures, name="figures"),
]
