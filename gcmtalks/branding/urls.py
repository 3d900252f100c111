from django.urls import path

from . import views

app_name = "branding"
urlpatterns = [
    path("brand/", views.partners, name="partners"),
]
