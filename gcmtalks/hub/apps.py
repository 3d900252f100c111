from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HubConfig(AppConfig):
    name = "gcmtalks.hub"
    verbose_name = _("Good practices for the Hub")
