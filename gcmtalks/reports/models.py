"""A talk's summary report: one per talk, written in sections, with a text per language, and
the justifications that let names stay in the report of a talk under the Chatham House Rule."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gcmtalks.talks.models import Talk

# The sections of a report, in the order they are written and shown.
SECTIONS = (
    "context",
    "key_messages",
    "challenges",
    "practices",
    "pledge_intentions",
    "recommendations",
    "next_steps",
)


class SummaryReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    talk = models.OneToOneField(Talk, on_delete=models.CASCADE, related_name="summary_report")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("published by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("summary report")
        verbose_name_plural = _("summary reports")

    def __str__(self):
        return str(self.talk)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class ReportText(models.Model):
    """The report in one language."""

    report = models.ForeignKey(SummaryReport, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    context = models.TextField(
        _("Context"), blank=True, help_text=_("Why the talk was held and the questions it asked.")
    )
    key_messages = models.TextField(
        _("Key messages"), blank=True, help_text=_("The main points made during the talk.")
    )
    challenges = models.TextField(
        _("Challenges identified"),
        blank=True,
        help_text=_("What stands in the way of implementing the GCM, as participants saw it."),
    )
    practices = models.TextField(
        _("Practices presented"),
        blank=True,
        help_text=_("Practices shared during the talk; name those already on the Hub."),
    )
    pledge_intentions = models.TextField(
        _("Pledge intentions voiced"),
        blank=True,
        help_text=_("Commitments participants said they intend to make."),
    )
    recommendations = models.TextField(_("Recommendations"), blank=True)
    next_steps = models.TextField(
        _("Next steps"), blank=True, help_text=_("What the Network and participants do next.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        ordering = ["report", "language"]
        constraints = [
            models.UniqueConstraint(fields=["report", "language"], name="one_text_per_language")
        ]
        verbose_name = _("report text")
        verbose_name_plural = _("report texts")

    def __str__(self):
        return f"{self.report} ({self.language})"

    def sections(self) -> list[tuple[str, str, str]]:
        """(field name, label, text) of the sections written, in order."""
        return [
            (name, self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in SECTIONS
            if getattr(self, name).strip()
        ]


class Justification(models.Model):
    """Why a name found by the Chatham House check may stay in the report."""

    report = models.ForeignKey(
        SummaryReport, on_delete=models.CASCADE, related_name="justifications"
    )
    finding = models.CharField(_("name as matched"), max_length=300)  # normalised, see chatham
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=60)
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["report", "at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "finding"], name="one_justification_per_name")
        ]
        verbose_name = _("justification")
        verbose_name_plural = _("justifications")

    def __str__(self):
        return self.name
