"""Reference data every other app points at, and the audit log."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    """Self-described gender, always optional: asked of registrants and speakers only for the
    balance figures."""

    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    OTHER = "other", _("Another gender")
    UNSAID = "", _("Prefer not to say")


class Access(models.TextChoices):
    """Who may see a talk's document or recording, from the widest circle to the narrowest."""

    PUBLIC = "public", _("Public")
    REGISTRANTS = "registrants", _("Registrants")
    MEMBER_STATES = "member_states", _("Member State participants")
    ORGANISERS = "organisers", _("Organisers")


class Objective(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=255)
    short_label = models.CharField(_("short label"), max_length=80)
    hub_term_id = models.PositiveIntegerField(_("Hub taxonomy term id"), null=True, blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("GCM objective")
        verbose_name_plural = _("GCM objectives")

    def __str__(self):
        return f"{self.number}. {self.short_label}"


class GuidingPrinciple(models.Model):
    letter = models.CharField(_("letter in GCM para. 15"), max_length=1, unique=True)
    label = models.CharField(_("label"), max_length=80)

    class Meta:
        ordering = ["letter"]
        verbose_name = _("guiding principle")
        verbose_name_plural = _("guiding principles")

    def __str__(self):
        return self.label


class Region(models.Model):
    """A GCM Talks region: one per UN regional commission."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=80)
    commission = models.CharField(_("regional commission"), max_length=10, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name


class Country(models.Model):
    code = models.CharField(_("ISO 3166-1 code"), max_length=2, unique=True)
    name = models.CharField(_("UN short name"), max_length=100)
    regions = models.ManyToManyField(
        Region, through="Membership", related_name="countries", verbose_name=_("regions")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self):
        return self.name


class Membership(models.Model):
    class Kind(models.TextChoices):
        MEMBER = "member", _("member")
        ASSOCIATE = "associate", _("associate member")

    country = models.ForeignKey(Country, on_delete=models.CASCADE)
    region = models.ForeignKey(Region, on_delete=models.CASCADE)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.MEMBER)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["country", "region"], name="unique_membership")
        ]
        verbose_name = _("regional-commission membership")
        verbose_name_plural = _("regional-commission memberships")

    def __str__(self):
        return f"{self.country} – {self.region}"


class Language(models.Model):
    code = models.CharField(_("ISO 639-1 code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=60)
    is_un_official = models.BooleanField(_("UN official language"), default=False)

    class Meta:
        ordering = ["-is_un_official", "name"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self):
        return self.name


class StakeholderGroup(models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("stakeholder group")
        verbose_name_plural = _("stakeholder groups")

    def __str__(self):
        return self.name


class AuditEntry(models.Model):
    """Who changed what, when: one row per change, written by the service that made it."""

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    action = models.CharField(_("action"), max_length=40)
    object_type = models.CharField(_("object type"), max_length=60)
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=255)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        # One index for an object's history; every index is written on every change.
        indexes = [models.Index(fields=["object_type", "object_id"])]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"
