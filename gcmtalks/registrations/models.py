import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from gcmtalks.core.fields import URLField
from gcmtalks.core.models import Country, Gender, Language, StakeholderGroup
from gcmtalks.talks.models import Talk


def new_join_key() -> str:
    return secrets.token_urlsafe(32)


class Settings(models.Model):
    """How people register for one talk. Its row is also the lock taken before any change
    that can take or free a seat, so capacity is counted and changed under one lock."""

    talk = models.OneToOneField(
        Talk, on_delete=models.CASCADE, related_name="registration_settings"
    )
    opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    capacity_online = models.PositiveIntegerField(
        _("online seats"), null=True, blank=True, help_text=_("Empty for no limit.")
    )
    capacity_in_person = models.PositiveIntegerField(
        _("seats in the room"), null=True, blank=True, help_text=_("Empty for no limit.")
    )
    requires_approval = models.BooleanField(
        _("the secretariat approves each registration"), default=False
    )
    hold_minutes = models.PositiveIntegerField(
        _("minutes a seat is held until the email address is confirmed"), default=60
    )
    join_url = URLField(
        _("join link"),
        blank=True,
        help_text=_(
            "The meeting link for online and hybrid talks. Shown only to confirmed registrants."
        ),
    )
    join_visible_minutes = models.PositiveIntegerField(
        _("minutes before the start when confirmed registrants see the join link"), default=60
    )
    promotion_cutoff_minutes = models.PositiveIntegerField(
        _("nobody is moved up from the waiting list later than this many minutes before the start"),
        default=60,
    )

    class Meta:
        verbose_name = _("registration settings")
        verbose_name_plural = _("registration settings")

    def __str__(self):
        return str(self.talk)

    def capacity(self, mode: str) -> int | None:
        return self.capacity_online if mode == Registration.Mode.ONLINE else self.capacity_in_person


class Registration(models.Model):
    class Status(models.TextChoices):
        PENDING_EMAIL = "pending_email", _("Waiting for email confirmation")
        PENDING_APPROVAL = "pending_approval", _("Waiting for approval")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")
        ATTENDED = "attended", _("Attended")

    SEAT_HOLDING = (
        Status.PENDING_EMAIL,
        Status.PENDING_APPROVAL,
        Status.CONFIRMED,
        Status.ATTENDED,
    )
    ACTIVE = (*SEAT_HOLDING, Status.WAITLISTED)

    class Mode(models.TextChoices):
        ONLINE = "online", _("Online")
        IN_PERSON = "in_person", _("In person")

    Gender = Gender

    # Few indexes, all in Meta: each is written on every registration. Lookups by talk use
    # the indexes that start with it; reference rows (groups, countries, languages) are
    # never deleted while registrations name them, so their keys need none.
    talk = models.ForeignKey(
        Talk, on_delete=models.CASCADE, related_name="registrations", db_index=False
    )
    email = models.EmailField(_("email address"))
    name = models.CharField(_("name"), max_length=150)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    stakeholder_group = models.ForeignKey(
        StakeholderGroup,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        db_index=False,
        verbose_name=_("stakeholder group"),
    )
    country = models.ForeignKey(
        Country,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        verbose_name=_("country"),
    )
    attendance_mode = models.CharField(_("attendance"), max_length=10, choices=Mode.choices)
    language = models.ForeignKey(
        Language,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        db_index=False,
        verbose_name=_("listening language"),
    )
    accessibility_needs = models.CharField(_("accessibility needs"), max_length=300, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    migrant_or_diaspora = models.BooleanField(
        _("migrant or from a diaspora organisation"), null=True, blank=True
    )
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    member_state = models.ForeignKey(
        Country,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        verbose_name=_("Member State"),
    )
    ministry = models.CharField(_("ministry or permanent mission"), max_length=200, blank=True)
    accepted_chatham_house = models.BooleanField(
        _("accepted the Chatham House Rule"), default=False
    )
    needs_approval = models.BooleanField(
        _("needs the secretariat's approval"),
        default=False,
        help_text=_("A Member State registrant whose email domain is not on that State's list."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    email_confirmed_at = models.DateTimeField(_("email confirmed"), null=True, blank=True)
    hold_expires_at = models.DateTimeField(_("seat held until"), null=True, blank=True)
    decline_reason = models.CharField(_("reason"), max_length=500, blank=True)
    locale = models.CharField(_("language of messages"), max_length=10, default="en")
    join_key = models.CharField(max_length=43, default=new_join_key, editable=False)
    join_revoked_at = models.DateTimeField(_("join link revoked"), null=True, blank=True)
    attended_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["talk", "email"], name="one_registration_per_email"),
            models.UniqueConstraint(fields=["join_key"], name="one_registration_per_join_key"),
        ]
        indexes = [
            models.Index(fields=["talk", "attendance_mode", "status"]),
            # The holds that run out (registrations_release_expired).
            models.Index(
                fields=["hold_expires_at"],
                condition=models.Q(status="pending_email"),
                name="registration_holds",
            ),
        ]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")

    def __str__(self):
        return f"{self.name} – {self.talk}"

    @property
    def holds_seat(self):
        return self.status in self.SEAT_HOLDING


class GovernmentDomain(models.Model):
    """An email domain the secretariat knows to belong to a Member State's government:
    registrations from it for "Member States only" talks are approved at once."""

    country = models.ForeignKey(
        Country,
        on_delete=models.CASCADE,
        related_name="government_domains",
        verbose_name=_("Member State"),
    )
    domain = models.CharField(
        _("email domain"), max_length=200, unique=True, help_text=_("e.g. eda.admin.ch")
    )

    class Meta:
        ordering = ["domain"]
        verbose_name = _("government email domain")
        verbose_name_plural = _("government email domains")

    def __str__(self):
        return f"{self.domain} ({self.country})"
