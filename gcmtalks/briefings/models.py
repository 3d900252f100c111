"""A talk's briefing pack (the mail confirmed registrants get some days before it), who got it,
and the talk's publication checklist."""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gcmtalks.registrations.models import Registration
from gcmtalks.talks.models import Talk

from .links import validate_links

DEFAULT_DAYS_BEFORE = 3
MAX_DAYS_BEFORE = 60
LINKS_HELP = _(
    "One per line: a title, a vertical bar, then its link, e.g. “Fair recruitment "
    "toolkit | https://example.org/toolkit”."
)


class BriefingPack(models.Model):
    talk = models.OneToOneField(Talk, on_delete=models.CASCADE, related_name="briefing_pack")
    days_before = models.PositiveSmallIntegerField(
        _("days before the talk"),
        default=DEFAULT_DAYS_BEFORE,
        validators=[MaxValueValidator(MAX_DAYS_BEFORE)],
        help_text=_("Confirmed registrants get the pack this many days before the start (0–60)."),
    )
    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("A few words to the registrants, at the top.")
    )
    # Typed by organisers for now; the Hub and pledges issue will fill these by matching the
    # talk's GCM objectives, region and workstream (organisers then edit the proposal).
    practices = models.TextField(
        _("Hub practices and resources"),
        blank=True,
        validators=[validate_links],
        help_text=LINKS_HELP,
    )
    pledges = models.TextField(
        _("pledges"), blank=True, validators=[validate_links], help_text=LINKS_HELP
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("briefing pack")
        verbose_name_plural = _("briefing packs")

    def __str__(self):
        return str(self.talk)

    @property
    def goes_at(self):
        return self.talk.start - timedelta(days=self.days_before)


class BriefingDelivery(models.Model):
    """The pack sent to one registrant: by the schedule (once) or by hand (any number)."""

    pack = models.ForeignKey(BriefingPack, on_delete=models.CASCADE, related_name="deliveries")
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="briefing_deliveries"
    )
    at = models.DateTimeField(_("sent"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
        help_text=_("Empty when the schedule sent it."),
    )
    manual = models.BooleanField(_("sent by hand"), default=False)
    mail = models.ForeignKey(
        "notifications.OutgoingMail",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("mail"),
    )

    class Meta:
        ordering = ["-at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration"],
                condition=models.Q(manual=False),
                name="one_scheduled_briefing_per_registration",
            )
        ]
        verbose_name = _("briefing pack delivery")
        verbose_name_plural = _("briefing pack deliveries")

    def __str__(self):
        return f"{self.pack} → {self.registration.email}"


class ChecklistItem(models.Model):
    """Something to publish around a talk. Its due date is kept relative to the talk's start
    or end, so it moves with the talk."""

    class Kind(models.TextChoices):
        CONCEPT_NOTE = "concept_note", _("Concept note")
        BRIEFING_PACK = "briefing_pack", _("Briefing pack")
        RECORDING = "recording", _("Recording")
        SUMMARY_REPORT = "summary_report", _("Summary report")
        OTHER = "other", _("Other")

    class Anchor(models.TextChoices):
        START = "start", _("the start")
        END = "end", _("the end")

    talk = models.ForeignKey(Talk, on_delete=models.CASCADE, related_name="checklist_items")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="checklist_items",
        verbose_name=_("owner"),
    )
    anchor = models.CharField(
        _("counted from"), max_length=5, choices=Anchor.choices, default=Anchor.START
    )
    offset_days = models.SmallIntegerField(_("days after (negative: before)"), default=0)
    done_at = models.DateTimeField(_("marked done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("marked done by"),
    )
    last_reminded_at = models.DateTimeField(_("last reminder"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["talk", "id"]  # shown by due date, computed
        constraints = [
            models.UniqueConstraint(
                fields=["talk", "kind"],
                condition=~models.Q(kind="other"),
                name="one_checklist_item_per_kind",
            )
        ]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")

    def __str__(self):
        return self.title if self.kind == self.Kind.OTHER else str(self.get_kind_display())
