from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BrandingConfig(AppConfig):
    name = "gcmtalks.branding"
    verbose_name = _("Branding")

    def ready(self):
        from . import checks  # noqa: F401 (registers the font check)
