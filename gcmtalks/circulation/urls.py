from django.urls import path

from . import views

app_name = "circulation"
urlpatterns = [
    path("subscribe/", views.subscribe, name="subscribe"),
    path("subscribe/sent/", views.subscribe_sent, name="subscribe_sent"),
    path("subscription/<str:token>/", views.personal, name="personal"),
    path("subscription/<str:token>/confirm/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("widget/", views.widget, name="widget"),
    path("widget/embed/", views.embed, name="embed"),
    path("contact/", views.contact, name="contact"),
    path("contact/sent/", views.contact_sent, name="contact_sent"),
]
