from django.db import models


class URLField(models.URLField):
    """A URL; a typed address without a scheme is read as https://, as Django 6 will."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})
