from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "gcmtalks.api"
    verbose_name = "API"
