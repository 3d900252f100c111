from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BriefingsConfig(AppConfig):
    name = "gcmtalks.briefings"
    verbose_name = _("Briefing packs and publication checklists")
