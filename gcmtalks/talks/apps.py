from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalksConfig(AppConfig):
    name = "gcmtalks.talks"
    verbose_name = _("Talks")
