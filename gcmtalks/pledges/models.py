"""Pledges from the GCM pledging dashboard, and each import that brought them in."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gcmtalks.core.models import Country, GuidingPrinciple, Objective, Region, StakeholderGroup


class Pledge(models.Model):
    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", _("Individual")
        COMMON = "common", _("Common")
        PARTNERSHIP = "partnership", _("In partnership")
        MATCHING = "matching", _("Matching")

    class Form(models.TextChoices):
        FINANCIAL = "financial", _("Financial")
        HUMAN_RESOURCES = "human_resources", _("Human resources")
        PROCESS = "process", _("Process")
        POLICY = "policy", _("Policy")

    external_id = models.CharField(_("dashboard ID"), max_length=64, unique=True)
    title = models.CharField(_("title"), max_length=500)
    text = models.TextField(_("text"), blank=True)
    entity = models.CharField(_("pledging entity"), max_length=255, blank=True)
    entity_type = models.CharField(_("entity type"), max_length=100, blank=True)
    member_state = models.ForeignKey(
        Country,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pledges_made",
        verbose_name=_("Member State"),
    )
    stakeholder_group = models.ForeignKey(
        StakeholderGroup,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pledges",
        verbose_name=_("stakeholder group"),
    )
    kind = models.CharField(
        _("pledge type"), max_length=12, choices=Kind.choices, default=Kind.INDIVIDUAL
    )
    matches = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="matched_by",
        verbose_name=_("matches"),
    )
    forms = models.JSONField(_("forms"), default=list, blank=True)  # Form values
    objectives = models.ManyToManyField(
        Objective, blank=True, related_name="pledges", verbose_name=_("GCM objectives")
    )
    principles = models.ManyToManyField(
        GuidingPrinciple, blank=True, related_name="pledges", verbose_name=_("guiding principles")
    )
    regions = models.ManyToManyField(
        Region, blank=True, related_name="pledges", verbose_name=_("regions")
    )
    countries = models.ManyToManyField(
        Country, blank=True, related_name="pledges", verbose_name=_("countries")
    )
    status = models.CharField(_("status"), max_length=100, blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    imported_at = models.DateTimeField(_("imported at"))
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")

    def __str__(self):
        return f"{self.external_id} {self.title}"[:255]

    def form_labels(self) -> list[str]:
        labels = dict(self.Form.choices)
        return [str(labels.get(value, value)) for value in self.forms]


class PledgeImport(models.Model):
    """One uploaded file: its column mapping, the dry run's report, then the import's."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Columns to map")
        CHECKED = "checked", _("Dry run done")
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", pgettext_lazy("import", "Failed")

    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    file_name = models.CharField(_("file name"), max_length=255)
    file_type = models.CharField(_("file type"), max_length=4)  # csv or xlsx
    content = models.BinaryField(_("content"))
    header = models.JSONField(_("header row"), default=list)
    mapping = models.JSONField(_("column mapping"), default=dict)  # column index -> field
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.UPLOADED
    )
    total = models.PositiveIntegerField(_("rows"), default=0)
    done = models.PositiveIntegerField(_("rows checked"), default=0)
    created = models.PositiveIntegerField(pgettext_lazy("rows", "created"), default=0)
    updated = models.PositiveIntegerField(pgettext_lazy("rows", "updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    errors = models.PositiveIntegerField(_("errors"), default=0)
    report = models.JSONField(_("report"), default=list, blank=True)
    message = models.TextField(_("message"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("pledge import")
        verbose_name_plural = _("pledge imports")

    def __str__(self):
        return self.file_name
