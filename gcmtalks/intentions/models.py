"""Pledge intentions voiced during a talk, and their follow-up by a workstream member.

As in Decidim's accountability, each state brings a default progress, which the owner may
change; a series' or a workstream's progress is the average of its open and pledged
intentions (those not pursued are left out: they no longer progress towards anything)."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gcmtalks.core.models import Country, Objective


class Intention(models.Model):
    class State(models.TextChoices):
        VOICED = "voiced", _("Voiced")
        CONTACTED = "contacted", _("Contacted")
        IN_PREPARATION = "in_preparation", _("In preparation")
        PLEDGED = "pledged", _("Pledged")
        NOT_PURSUED = "not_pursued", _("Not pursued")

    OPEN = (State.VOICED, State.CONTACTED, State.IN_PREPARATION)
    PROGRESS = {
        State.VOICED: 0,
        State.CONTACTED: 25,
        State.IN_PREPARATION: 60,
        State.PLEDGED: 100,
        State.NOT_PURSUED: 0,
    }

    talk = models.ForeignKey(
        "talks.Talk", on_delete=models.PROTECT, related_name="intentions", verbose_name=_("talk")
    )
    speaker_name = models.CharField(
        _("voiced by"), max_length=200, blank=True, help_text=_("The person who voiced it.")
    )
    member_state = models.ForeignKey(
        Country,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Member State"),
    )
    organisation = models.CharField(
        _("organisation"),
        max_length=255,
        blank=True,
        help_text=_("For a stakeholder; leave empty when they spoke for a Member State."),
    )
    text = models.TextField(_("what they intend"))
    objectives = models.ManyToManyField(
        Objective, blank=True, related_name="intentions", verbose_name=_("GCM objectives")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="intentions_owned",
        verbose_name=_("owner"),
    )
    state = models.CharField(
        _("state"), max_length=15, choices=State.choices, default=State.VOICED, db_index=True
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    due_on = models.DateField(_("next step due on"), null=True, blank=True)
    reason = models.TextField(_("why it is not pursued"), blank=True)
    pledge = models.ForeignKey(
        "pledges.Pledge",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="intentions",
        verbose_name=_("resulting pledge"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_by_speaker = models.ForeignKey(
        "panels.Speaker",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="intentions_recorded",
        verbose_name=_("recorded by the rapporteur"),
    )
    shown_publicly = models.BooleanField(
        _("shown on the talk's page"),
        default=False,
        help_text=_(
            "Only if the one who voiced it agrees; shown with their Member State or "
            "organisation, never their name. Never for a talk under the Chatham House Rule."
        ),
    )
    reminded_on = models.DateField(_("owner last reminded on"), null=True, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("pledge intention")
        verbose_name_plural = _("pledge intentions")

    def __str__(self):
        return self.text[:80]

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN

    @property
    def voiced_for(self) -> str:
        """The Member State or organisation the intention was voiced for."""
        return str(self.member_state) if self.member_state_id else self.organisation


class Note(models.Model):
    """A line in an intention's history: a note, a change of state, or both."""

    intention = models.ForeignKey(
        Intention, on_delete=models.CASCADE, related_name="notes", verbose_name=_("intention")
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    text = models.TextField(_("note"), blank=True)
    state_from = models.CharField(
        pgettext_lazy("state", "from"), max_length=15, choices=Intention.State.choices, blank=True
    )
    state_to = models.CharField(
        pgettext_lazy("state", "to"), max_length=15, choices=Intention.State.choices, blank=True
    )

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("follow-up note")
        verbose_name_plural = _("follow-up notes")

    def __str__(self):
        return self.text[:80] or f"{self.state_from} → {self.state_to}"
