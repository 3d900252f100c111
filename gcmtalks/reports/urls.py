from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("talks/<slug:slug>/report/", views.report, name="report"),
    path("talks/<slug:slug>/report.pdf", views.pdf, name="pdf"),
]
