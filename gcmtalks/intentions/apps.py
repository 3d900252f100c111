from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntentionsConfig(AppConfig):
    name = "gcmtalks.intentions"
    verbose_name = _("Pledge intentions")
