"""A reporting pack: the PDF handed to a Regional Review (one region, one period) or to the
Secretary-General's report (global), made by a task and downloaded when ready."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gcmtalks.core.models import Region


class Pack(models.Model):
    class Kind(models.TextChoices):
        REGIONAL = "regional", _("Regional Review pack (one region)")
        GLOBAL = "global", _("Global pack (Secretary-General's report)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Being made")
        DONE = "done", _("Ready")
        FAILED = "failed", pgettext_lazy("pack", "Failed")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    region = models.ForeignKey(
        Region,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("region"),
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("until"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    done = models.PositiveIntegerField(_("steps done"), default=0)
    total = models.PositiveIntegerField(_("steps"), default=0)
    file = models.FileField(_("file"), upload_to="reporting/packs/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("asked for by"),
    )
    created_at = models.DateTimeField(_("asked for at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    message = models.TextField(_("error message"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("reporting pack")
        verbose_name_plural = _("reporting packs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="pack_period_in_order"
            ),
        ]

    def __str__(self):
        where = self.region.name if self.region_id else _("all regions")
        return f"{self.get_kind_display()}: {where}, {self.start:%Y-%m-%d}–{self.end:%Y-%m-%d}"

    @property
    def working(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0
