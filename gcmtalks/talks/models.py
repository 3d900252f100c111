from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gcmtalks.core.fields import URLField
from gcmtalks.core.models import Country, GuidingPrinciple, Language, Objective, Region
from gcmtalks.core.timezones import validate_timezone

DEFAULT_DURATION_MINUTES = 90


class Series(models.Model):
    slug = models.SlugField(_("slug"), unique=True, max_length=120)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("series")
        verbose_name_plural = _("series")

    def __str__(self):
        return self.title


class Organiser(models.Model):
    """Who organises talks: a Network workstream (global talks) or a regional UN network on
    migration, alone or with its regional commission (regional talks)."""

    class Kind(models.TextChoices):
        WORKSTREAM = "workstream", _("Network workstream")
        REGIONAL_NETWORK = "regional_network", _("Regional UN network on migration")
        REGIONAL_COMMISSION = "regional_commission", _("UN regional commission")
        SECRETARIAT = "secretariat", _("Network secretariat")
        PARTNER = "partner", _("Partner")

    slug = models.SlugField(_("slug"), unique=True, max_length=120)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    region = models.ForeignKey(
        Region,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisers",
        verbose_name=_("region"),
        help_text=_("For regional networks and commissions."),
    )
    description = models.TextField(_("description"), blank=True)
    co_leads = models.CharField(
        _("lead agencies"), max_length=255, blank=True, help_text=_("e.g. IOM, UNICEF")
    )
    objectives = models.ManyToManyField(
        Objective, blank=True, related_name="organisers", verbose_name=_("GCM objectives")
    )
    active_from = models.PositiveSmallIntegerField(_("active from (year)"), null=True, blank=True)
    active_until = models.PositiveSmallIntegerField(_("active until (year)"), null=True, blank=True)
    url = URLField(_("web page"), blank=True)
    organisation = models.OneToOneField(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organiser",
        verbose_name=_("partner organisation"),
        help_text=_("For partners that co-organise talks."),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="OrganiserMember",
        related_name="organiser_roles",
        verbose_name=_("members"),
    )

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("organiser")
        verbose_name_plural = _("organisers")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("talks:workstream", kwargs={"slug": self.slug})


class OrganiserMember(models.Model):
    """A person who organises talks for a workstream, regional network or commission (member
    or lead), or who works in the Network secretariat (a member of its organiser)."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        LEAD = "lead", _("Lead")

    organiser = models.ForeignKey(Organiser, on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organiser", "user"], name="one_organiser_role")
        ]
        verbose_name = _("organiser member")
        verbose_name_plural = _("organiser members")

    def __str__(self):
        return f"{self.user} – {self.organiser} ({self.get_role_display()})"


class Talk(models.Model):
    class Level(models.TextChoices):
        GLOBAL = "global", _("Global")
        REGIONAL = "regional", _("Regional")
        NATIONAL = "national", _("National")

    class Format(models.TextChoices):
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")
        IN_PERSON = "in_person", _("In person")

    class Audience(models.TextChoices):
        OPEN_TO_ALL = "open_to_all", _("Open to all")
        MEMBER_STATES = "member_states", _("Member States only")
        YOUTH = "youth", _("Youth (under 30)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")

    class Registration(models.TextChoices):
        NOT_YET_OPEN = "not_yet_open", _("Not yet open")
        OPEN = "open", _("Open here")
        CLOSED = "closed", _("Closed")
        EXTERNAL = "external", _("External link")

    slug = models.SlugField(_("slug"), unique=True, max_length=120)
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    regions = models.ManyToManyField(
        Region, blank=True, related_name="talks", verbose_name=_("regions")
    )
    country = models.ForeignKey(
        Country,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="talks",
        verbose_name=_("country"),
    )
    series = models.ForeignKey(
        Series,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="talks",
        verbose_name=_("series"),
    )
    organisers = models.ManyToManyField(
        Organiser, blank=True, related_name="talks", verbose_name=_("organisers")
    )
    format = models.CharField(_("format"), max_length=10, choices=Format.choices, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    start = models.DateTimeField(_("start"), db_index=True)
    end = models.DateTimeField(_("end"))
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Europe/Zurich",
        validators=[validate_timezone],
        help_text=_("IANA name of the zone where the talk is held, e.g. Europe/Zurich."),
    )
    interpretation_languages = models.ManyToManyField(
        Language, blank=True, related_name="talks", verbose_name=_("interpretation")
    )
    audience = models.CharField(
        _("audience"),
        max_length=20,
        choices=Audience.choices,
        default=Audience.OPEN_TO_ALL,
        blank=True,
    )
    chatham_house = models.BooleanField(_("held under the Chatham House Rule"), default=False)
    objectives = models.ManyToManyField(
        Objective, blank=True, related_name="talks", verbose_name=_("GCM objectives")
    )
    principles = models.ManyToManyField(
        GuidingPrinciple, blank=True, related_name="talks", verbose_name=_("guiding principles")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    registration_mode = models.CharField(
        _("registration"),
        max_length=15,
        choices=Registration.choices,
        default=Registration.NOT_YET_OPEN,
    )
    registration_url = URLField(_("registration link"), blank=True)
    info_url = URLField(_("more information / recording"), blank=True)
    report_url = URLField(_("summary report"), blank=True)
    practices_url = URLField(_("Hub practices and resources"), blank=True)
    sequence = models.PositiveIntegerField(
        _("calendar sequence"),
        default=0,
        editable=False,
        help_text=_("Raised on every change of time."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    class Meta:
        ordering = ["start", "id"]
        verbose_name = _("talk")
        verbose_name_plural = _("talks")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("talks:detail", kwargs={"slug": self.slug})

    @property
    def is_public(self):
        return self.status != self.Status.DRAFT
