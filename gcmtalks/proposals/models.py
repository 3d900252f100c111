from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gcmtalks.accounts.models import Organisation
from gcmtalks.core.models import Gender, GuidingPrinciple, Language, Objective, Region
from gcmtalks.talks.models import Organiser, Talk

TEXT_LIMIT = 4000  # characters in a long answer: about two pages


class Proposal(models.Model):
    """A partner's idea for a talk, from its draft to the decision (and the talk it became)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        UNDER_REVIEW = "under_review", _("Under review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    EDITABLE = (Status.DRAFT, Status.CHANGES_REQUESTED)
    IN_REVIEW = (Status.SUBMITTED, Status.UNDER_REVIEW, Status.CHANGES_REQUESTED)
    DECIDED = (Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN)

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("proposing organisation"),
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
        verbose_name=_("proposer"),
    )
    title = models.CharField(_("title"), max_length=200)
    rationale = models.TextField(
        _("rationale"),
        max_length=TEXT_LIMIT,
        blank=True,
        help_text=_("Why this talk, why now, and how it serves the Network's priorities."),
    )
    workstream = models.ForeignKey(
        Organiser,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("workstream"),
        help_text=_(
            "The Network priority or workstream it serves; the secretariat may assign "
            "it to another."
        ),  # fmt: skip
    )
    objectives = models.ManyToManyField(
        Objective, blank=True, related_name="proposals", verbose_name=_("GCM objectives")
    )
    principles = models.ManyToManyField(
        GuidingPrinciple,
        blank=True,
        related_name="proposals",
        verbose_name=_("guiding principles"),
    )
    level = models.CharField(_("level"), max_length=10, choices=Talk.Level.choices, blank=True)
    regions = models.ManyToManyField(
        Region, blank=True, related_name="proposals", verbose_name=_("regions")
    )
    preferred_from = models.DateField(_("preferred period, from"), null=True, blank=True)
    preferred_until = models.DateField(_("preferred period, until"), null=True, blank=True)
    format = models.CharField(_("format"), max_length=10, choices=Talk.Format.choices, blank=True)
    audience = models.CharField(
        _("audience"), max_length=20, choices=Talk.Audience.choices, blank=True
    )
    languages = models.ManyToManyField(
        Language,
        blank=True,
        related_name="proposals",
        verbose_name=_("interpretation languages needed"),
    )
    co_organisers = models.TextField(
        _("co-organising organisations"),
        max_length=1000,
        blank=True,
        help_text=_("One per line."),
    )
    expected_outcomes = models.TextField(_("expected outcomes"), max_length=TEXT_LIMIT, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    decision_reason = models.TextField(_("reason for the decision"), max_length=2000, blank=True)
    talk = models.OneToOneField(
        Talk,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposal",
        verbose_name=_("talk"),
    )
    locale = models.CharField(_("language of messages"), max_length=10, default="en")
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["status", "workstream"])]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")

    def __str__(self):
        return self.title


class Speaker(models.Model):
    """A speaker the proposer suggests (the talk's panel is built later, by the organisers)."""

    class Role(models.TextChoices):
        MODERATOR = "moderator", _("Moderator")
        PANELLIST = "panellist", _("Panellist")
        KEYNOTE = "keynote", _("Keynote speaker")
        RAPPORTEUR = "rapporteur", _("Rapporteur")
        DISCUSSANT = "discussant", _("Discussant")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("name"), max_length=150)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    migrant = models.BooleanField(_("speaks as a migrant"), default=False)
    diaspora = models.BooleanField(
        _("speaks for a diaspora or migrant-led organisation"), default=False
    )
    youth = models.BooleanField(_("youth representative"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("proposed speaker")
        verbose_name_plural = _("proposed speakers")

    def __str__(self):
        return self.name


class Message(models.Model):
    """A note on a proposal: internal to its reviewers, or exchanged with the proposer."""

    class Kind(models.TextChoices):
        NOTE = "note", _("Internal note")
        TO_PROPOSER = "to_proposer", _("Message to the proposer")
        FROM_PROPOSER = "from_proposer", _("Message from the proposer")

    FOR_PROPOSER = (Kind.TO_PROPOSER, Kind.FROM_PROPOSER)

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    text = models.TextField(_("text"), max_length=TEXT_LIMIT)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self):
        return f"{self.get_kind_display()} – {self.proposal}"


MARKS = [MinValueValidator(1), MaxValueValidator(5)]


class Score(models.Model):
    """One reviewer's marks for a proposal, 1 (weak) to 5 (strong), on the stated criteria."""

    CRITERIA = ("relevance", "regional_balance", "inclusion", "feasibility")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="scores")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    relevance = models.PositiveSmallIntegerField(
        _("relevance to Network priorities"), validators=MARKS
    )
    regional_balance = models.PositiveSmallIntegerField(_("regional balance"), validators=MARKS)
    inclusion = models.PositiveSmallIntegerField(
        _("inclusion of migrants and youth"), validators=MARKS
    )
    feasibility = models.PositiveSmallIntegerField(_("feasibility"), validators=MARKS)
    note = models.CharField(_("note"), max_length=500, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "reviewer"], name="one_score_per_reviewer")
        ]
        verbose_name = _("score")
        verbose_name_plural = _("scores")

    def __str__(self):
        return f"{self.reviewer} – {self.proposal}"

    @property
    def total(self) -> int:
        return sum(getattr(self, name) for name in self.CRITERIA)
