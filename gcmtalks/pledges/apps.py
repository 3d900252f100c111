from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PledgesConfig(AppConfig):
    name = "gcmtalks.pledges"
    verbose_name = _("Pledges")
