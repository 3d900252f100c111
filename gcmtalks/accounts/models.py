import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from gcmtalks.core.fields import URLField


class User(AbstractUser):
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Of the pages once you sign in, and of the mail sent to you."),
    )

    @property
    def mail_language(self) -> str:
        return self.language or settings.LANGUAGE_CODE


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A personal API token. Only its hash is kept; the token is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=80)
    prefix = models.CharField(_("prefix"), max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"


class Organisation(models.Model):
    """A partner organisation: people belong to it, propose talks for it and see its
    proposals. A person can belong to several."""

    class Type(models.TextChoices):
        GOVERNMENT = "government", _("Member State government or permanent mission")
        UN_ENTITY = "un_entity", _("UN entity")
        CIVIL_SOCIETY = "civil_society", _("Civil society organisation")
        MIGRANT_DIASPORA = "migrant_diaspora", _("Migrant or diaspora organisation")
        YOUTH = "youth", _("Youth organisation")
        ACADEMIA = "academia", _("Academia")
        PRIVATE_SECTOR = "private_sector", _("Private sector")
        TRADE_UNION = "trade_union", _("Trade union")
        LOCAL_AUTHORITY = "local_authority", _("Local authority")
        NHRI = "nhri", _("National human rights institution")
        RED_CROSS = "red_cross", _("Red Cross / Red Crescent")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    country = models.ForeignKey(
        "core.Country",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("country"),
    )
    website = URLField(_("website"), blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="OrganisationMember",
        related_name="organisations",
        verbose_name=_("members"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class OrganisationMember(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="one_membership")
        ]
        verbose_name = _("organisation member")
        verbose_name_plural = _("organisation members")

    def __str__(self):
        return f"{self.user} – {self.organisation}"
