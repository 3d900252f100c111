from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class ConsentText(models.Model):
    """One published version of a text a person agrees to; never changed once published (a
    change is a new version)."""

    class Kind(models.TextChoices):
        REGISTRATION = "registration", _("Registration")
        RECORDING = "recording", _("Recording")
        SUBSCRIPTION = "subscription", _("Subscription")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    version = models.PositiveSmallIntegerField(_("version"))
    texts = models.JSONField(_("text per language"), default=dict)  # {"en": "...", "fr": "..."}
    published_at = models.DateTimeField(_("published"))

    class Meta:
        verbose_name = _("consent text")
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="one_consent_version")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} v{self.version}"

    def text(self, language: str | None = None) -> str:
        language = (language or get_language() or "en")[:2]
        return self.texts.get(language) or self.texts.get("en", "")


class Consent(models.Model):
    """Who agreed to which version of a text, and when."""

    text = models.ForeignKey(ConsentText, on_delete=models.PROTECT, related_name="consents")
    registration = models.ForeignKey(
        "registrations.Registration", null=True, blank=True, on_delete=models.CASCADE,
        related_name="consents",
    )  # fmt: skip
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
        related_name="consents",
    )  # fmt: skip
    language = models.CharField(_("language shown"), max_length=10, blank=True)
    given_at = models.DateTimeField(_("given"), auto_now_add=True)

    class Meta:
        verbose_name = _("consent")
        indexes = [models.Index(fields=["text", "given_at"])]

    def __str__(self):
        return f"{self.text} ({self.given_at:%Y-%m-%d})"
