"""A talk's panel (its speakers) and its agenda (the time slots, with who speaks in each)."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gcmtalks.core.models import Country, Gender, StakeholderGroup
from gcmtalks.talks.models import Talk


def new_speaker_key() -> str:
    return secrets.token_urlsafe(32)


class Speaker(models.Model):
    class Role(models.TextChoices):
        MODERATOR = "moderator", _("Moderator")
        KEYNOTE = "keynote", _("Keynote speaker")
        PANELLIST = "panellist", _("Panellist")
        DISCUSSANT = "discussant", _("Discussant")
        RAPPORTEUR = "rapporteur", _("Rapporteur")

    Gender = Gender

    talk = models.ForeignKey(Talk, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(
        _("email address"),
        blank=True,
        help_text=_("Where the speaker's personal link is sent. Never shown publicly."),
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    country = models.ForeignKey(
        Country,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("country"),
    )
    stakeholder_group = models.ForeignKey(
        StakeholderGroup,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("stakeholder group"),
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.PANELLIST)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    gender_description = models.CharField(
        _("gender, in the speaker's own words"), max_length=60, blank=True
    )
    speaks_as_migrant = models.BooleanField(_("speaks as a migrant"), default=False)
    for_migrant_organisation = models.BooleanField(
        _("speaks for a diaspora or migrant-led organisation"), default=False
    )
    youth_representative = models.BooleanField(_("youth representative"), default=False)
    locale = models.CharField(
        _("language of messages"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The personal link and its page are in this language."),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    key = models.CharField(max_length=43, default=new_speaker_key, editable=False, unique=True)
    invited_at = models.DateTimeField(_("personal link sent"), null=True, blank=True)
    invitations = models.PositiveSmallIntegerField(_("personal links sent"), default=0)
    confirmed = models.BooleanField(_("confirmed participation"), null=True, blank=True)
    recording_consent = models.BooleanField(_("agrees to be recorded"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["talk", "position", "id"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self):
        return self.name

    @property
    def migrant_voice(self) -> bool:
        return self.speaks_as_migrant or self.for_migrant_organisation


class AgendaItem(models.Model):
    class Kind(models.TextChoices):
        OPENING = "opening", _("Opening")
        PANEL = "panel", _("Panel")
        FLOOR = "floor", _("Interventions from the floor")
        QA = "qa", _("Questions and answers")
        CLOSING = "closing", _("Closing")

    talk = models.ForeignKey(Talk, on_delete=models.CASCADE, related_name="agenda_items")
    kind = models.CharField(_("part"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200, blank=True)
    starts_after = models.PositiveSmallIntegerField(
        _("starts (minutes after the talk's start)"), default=0
    )
    minutes = models.PositiveSmallIntegerField(_("length in minutes"))
    speakers = models.ManyToManyField(
        Speaker, blank=True, related_name="agenda_items", verbose_name=_("speakers")
    )

    class Meta:
        ordering = ["talk", "starts_after", "id"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self):
        return self.title or self.get_kind_display()
