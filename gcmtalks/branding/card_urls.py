"""The cards' addresses carry their language, so they are the same under every language
prefix: included outside i18n_patterns."""

from django.urls import path

from . import views

app_name = "cards"
urlpatterns = [
    path("talks/<slug:slug>/card/<str:language>/<str:size>.png", views.card, name="card"),
]
