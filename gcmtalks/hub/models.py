"""Good practices for the Network's Hub, from a submitter's draft to the reviewers' decision."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gcmtalks.core.models import (
    Country,
    GuidingPrinciple,
    Language,
    Objective,
    Region,
    StakeholderGroup,
)
from gcmtalks.talks.models import Talk

TEXT_LIMIT = 6000


class Practice(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        UNDER_REVIEW = "under_review", _("Under review")
        CHANGES_REQUESTED = "changes_requested", _("Returned for changes")
        ACCEPTED = "accepted", _("Accepted for the Hub")
        DECLINED = "declined", _("Declined")

    EDITABLE = (Status.DRAFT, Status.CHANGES_REQUESTED)
    IN_REVIEW = (Status.SUBMITTED, Status.UNDER_REVIEW)

    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=1000, blank=True)
    description = models.TextField(_("description"), max_length=TEXT_LIMIT, blank=True)
    key_takeaway = models.TextField(_("key takeaway"), max_length=1000, blank=True)
    period_start = models.PositiveSmallIntegerField(_("period, from (year)"), null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(_("period, until (year)"), null=True, blank=True)
    implementing_organisations = models.TextField(
        _("implementing organisations"), max_length=1000, blank=True, help_text=_("One per line.")
    )
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="practices",
        verbose_name=_("submitted by"),
    )
    on_behalf_of_name = models.CharField(
        _("presented by (name)"), max_length=150, blank=True,
        help_text=_("When you record a practice presented during a talk by someone else."),
    )  # fmt: skip
    on_behalf_of_organisation = models.CharField(
        _("presented by (organisation)"), max_length=200, blank=True
    )
    objectives = models.ManyToManyField(
        Objective, blank=True, related_name="practices", verbose_name=_("GCM objectives")
    )
    principles = models.ManyToManyField(
        GuidingPrinciple, blank=True, related_name="practices",
        verbose_name=_("guiding principles"),
    )  # fmt: skip
    countries = models.ManyToManyField(
        Country, blank=True, related_name="practices", verbose_name=_("countries")
    )
    regions = models.ManyToManyField(
        Region, blank=True, related_name="practices", verbose_name=_("regions")
    )
    stakeholder_groups = models.ManyToManyField(
        StakeholderGroup, blank=True, related_name="practices",
        verbose_name=_("stakeholder groups involved"),
    )  # fmt: skip
    languages = models.ManyToManyField(
        Language, blank=True, related_name="practices", verbose_name=_("languages")
    )
    talks = models.ManyToManyField(
        Talk, blank=True, related_name="practices", verbose_name=_("presented at")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    decision_reason = models.TextField(_("reason for the decision"), max_length=2000, blank=True)
    locale = models.CharField(_("language of messages"), max_length=10, default="en")
    language = models.CharField(
        _("written in"), max_length=10, choices=settings.LANGUAGES, default="en",
        help_text=_("The language of the title, summary and description above."),
    )  # fmt: skip
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["status", "-decided_at"])]
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")

    def __str__(self):
        return self.title


class PracticeText(models.Model):
    """The practice's title and summary in another UN language, written by the submitter or the
    secretariat; where there is none, readers get the English one (else the original) with a
    note saying so."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=1000, blank=True)

    class Meta:
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "language"], name="one_practice_text_per_language"
            )
        ]
        verbose_name = _("practice in another language")
        verbose_name_plural = _("practice in other languages")

    def __str__(self):
        return f"{self.title} ({self.language})"


class PracticeLink(models.Model):
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(_("label"), max_length=150)
    url = models.URLField(_("address"), max_length=500)

    class Meta:
        ordering = ["id"]
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def __str__(self):
        return self.label


def document_upload_to(document, filename: str) -> str:
    # A random folder per file: stored names say nothing and cannot be guessed or collide.
    return f"practices/{document.practice_id}/{secrets.token_hex(16)}/{filename}"


class PracticeDocument(models.Model):
    """A file that goes with a practice (an evaluation, a toolkit): PDF, DOCX, PPTX or XLSX,
    checked by content on upload; seen by those who may see the practice."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=document_upload_to, max_length=255)
    file_name = models.CharField(_("file name"), max_length=150)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("uploaded by"),
    )  # fmt: skip
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title


class Review(models.Model):
    """One assigned reviewer's review. Created when the secretariat assigns the reviewer;
    filled in (conflict declaration, then the Hub's criteria) by the reviewer."""

    class Answer(models.TextChoices):
        YES = "yes", _("Yes")
        PARTLY = "partly", _("Partly")
        NO = "no", _("No")

    class Recommendation(models.TextChoices):
        ACCEPT = "accept", _("Accept for the Hub")
        CHANGES = "changes", _("Return for changes")
        DECLINE = "decline", _("Decline")

    CRITERIA = ("relates_to_objective", "respects_principles", "mostly_complete",
                "innovative_or_replicable", "after_december_2018")  # fmt: skip

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_reviews",
        verbose_name=_("reviewer"),
    )  # fmt: skip
    is_un = models.BooleanField(_("reviews as the UN"), default=False)
    conflict_declared = models.BooleanField(_("conflict of interest declared"), null=True)
    conflict = models.TextField(_("the conflict of interest"), max_length=1000, blank=True)
    relates_to_objective = models.CharField(
        _("Relates to at least one GCM objective"), max_length=6, choices=Answer.choices, blank=True
    )
    respects_principles = models.CharField(
        _("Respects the guiding principles"), max_length=6, choices=Answer.choices, blank=True
    )
    mostly_complete = models.CharField(
        _("Mostly complete"), max_length=6, choices=Answer.choices, blank=True
    )
    innovative_or_replicable = models.CharField(
        _("Innovative or replicable"), max_length=6, choices=Answer.choices, blank=True
    )
    after_december_2018 = models.CharField(
        _("Implemented after December 2018"), max_length=6, choices=Answer.choices, blank=True
    )
    recommendation = models.CharField(
        _("recommendation"), max_length=8, choices=Recommendation.choices, blank=True
    )
    comments = models.TextField(_("comments"), max_length=4000, blank=True)
    assigned_at = models.DateTimeField(_("assigned"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("review submitted"), null=True, blank=True)

    class Meta:
        ordering = ["assigned_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "reviewer"], name="one_review_per_reviewer")
        ]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self):
        return f"{self.reviewer} – {self.practice}"

    @property
    def counts(self) -> bool:
        """A finished review without a conflict: it counts towards the reviewer rule."""
        return self.submitted_at is not None and self.conflict_declared is False
