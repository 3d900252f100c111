from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalksConfig(AppConfig):
    name = "gcmtalks.talks"
    verbose_name = _("Talks")

    def ready(self):
        from gcmtalks.core import public_cache

        from .queries import next_change

        public_cache.clocks.append(next_change)
