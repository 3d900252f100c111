"""Every change to registrations. Anything that can take or free a seat runs under the talk's
settings row lock (SELECT … FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transactions
serialise writers), taken once, as late as possible, and counts seats again under it."""

from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gcmtalks.core import audit
from gcmtalks.talks.models import Talk

from . import mail
from .models import Registration, Settings

Status = Registration.Status


class RegistrationClosed(Exception):
    """Registration for this talk is not open now; the message says why."""


def settings_for(talk: Talk) -> Settings:
    """The talk's settings, from the talk when they were loaded with it."""
    try:
        return talk.registration_settings
    except Settings.DoesNotExist:
        return Settings.objects.get_or_create(talk=talk)[0]


def check_open(talk: Talk, settings: Settings, now) -> None:
    if talk.status != Talk.Status.PUBLISHED or talk.registration_mode != Talk.Registration.OPEN:
        raise RegistrationClosed(_("Registration for this talk is not open here."))
    if settings.opens_at and now < settings.opens_at:
        raise RegistrationClosed(_("Registration for this talk has not opened yet."))
    if (settings.closes_at and now >= settings.closes_at) or now >= talk.end:
        raise RegistrationClosed(_("Registration for this talk is closed."))


def locked_settings(talk: Talk) -> Settings:
    """The talk's settings row, locked until the transaction ends (taken once per change)."""
    try:
        return Settings.objects.select_for_update().get(talk=talk)
    except Settings.DoesNotExist:
        Settings.objects.get_or_create(talk=talk)
        return Settings.objects.select_for_update().get(talk=talk)


# Run for every registration while the talk's lock is held, so written out: compiling the
# same query with the ORM took three times as long as running it.
# The four %s after each "status IN" are Registration.SEAT_HOLDING.
SEAT_COUNT_SQL = """
    SELECT COUNT(CASE WHEN attendance_mode = %s AND status IN (%s, %s, %s, %s) THEN 1 END),
           COUNT(CASE WHEN attendance_mode = %s AND status = %s AND hold_expires_at < %s
                      THEN 1 END),
           MAX(CASE WHEN email = %s THEN id END)
    FROM registrations_registration
    WHERE talk_id = %s
      AND ((attendance_mode = %s AND status IN (%s, %s, %s, %s)) OR email = %s)
"""


def seat_count(talk: Talk, mode: str, now, email: str = "") -> dict:
    """In one query: the seats taken in `mode` ("taken"), how many of them are holds that ran
    out ("expired"), and the id of `email`'s registration for the talk, if any ("same_email")."""
    seats = list(Registration.SEAT_HOLDING)
    expiry = connection.ops.adapt_datetimefield_value(now)
    params = [mode, *seats, mode, Status.PENDING_EMAIL, expiry, email,
              talk.pk, mode, *seats, email]  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(SEAT_COUNT_SQL, params)
        taken, expired, same_email = cursor.fetchone()
    return {"taken": taken or 0, "expired": expired or 0, "same_email": same_email}


def seats_taken(talk: Talk, mode: str) -> int:
    return seat_count(talk, mode, timezone.now())["taken"]


def has_free_seat(settings: Settings, mode: str) -> bool:
    capacity = settings.capacity(mode)
    return capacity is None or seats_taken(settings.talk, mode) < capacity


def needs_approval(settings: Settings, registration: Registration) -> bool:
    return settings.requires_approval or registration.needs_approval


def seat_status(settings: Settings, registration: Registration) -> str:
    """The status of someone who has just been given a seat."""
    if registration.email_confirmed_at is None:
        return Status.PENDING_EMAIL
    return Status.PENDING_APPROVAL if needs_approval(settings, registration) else Status.CONFIRMED


def give_seat(settings: Settings, registration: Registration, now) -> None:
    registration.status = seat_status(settings, registration)
    registration.hold_expires_at = (
        now + timedelta(minutes=settings.hold_minutes)
        if registration.status == Status.PENDING_EMAIL
        else None
    )


def rebalance(settings: Settings, mode: str, now) -> list[Registration]:
    """Under the lock: free expired holds, then move people up from the waiting list into free
    seats, first come first served, until the cut-off before the talk. Returns those moved up."""
    talk = settings.talk
    expired = Registration.objects.filter(
        talk=talk, attendance_mode=mode, status=Status.PENDING_EMAIL, hold_expires_at__lt=now
    )
    for registration in expired:
        registration.status = Status.CANCELLED
        registration.save(update_fields=["status", "updated_at"])
        audit.record(
            obj=registration,
            action="registration.expire",
            changes={"status": ["pending_email", "cancelled"]},
        )
    promoted = []
    if now >= talk.start - timedelta(minutes=settings.promotion_cutoff_minutes):
        return promoted
    waiting = Registration.objects.filter(
        talk=talk, attendance_mode=mode, status=Status.WAITLISTED
    ).order_by("created_at", "id")
    capacity = settings.capacity(mode)
    if capacity is not None:
        waiting = waiting[: max(capacity - seats_taken(talk, mode), 0)]
    for registration in waiting:
        give_seat(settings, registration, now)
        registration.save(update_fields=["status", "hold_expires_at", "updated_at"])
        changes = {"status": ["waitlisted", registration.status]}
        audit.record(obj=registration, action="registration.promote", changes=changes)
        mail.later(registration, "promoted")
        promoted.append(registration)
    return promoted


def registration_create(*, talk: Talk, registration: Registration) -> tuple[Registration, bool]:
    """Place a new registrant (built and validated by RegistrationForm): a held seat while
    the email address is unconfirmed, or the waiting list when the mode is full.

    The same address again gets its personal link again: (existing registration, False)."""
    now = timezone.now()
    check_open(talk, settings_for(talk), now)
    mode = registration.attendance_mode
    with transaction.atomic():
        settings = locked_settings(talk)
        settings.talk = talk  # just read for this request: no need to read it again
        check_open(talk, settings, now)
        seats = seat_count(talk, mode, now, email=registration.email)
        if seats["same_email"] is not None:
            existing = Registration.objects.get(pk=seats["same_email"])
            if existing.status in Registration.ACTIVE:
                mail.later(existing, "personal_link")
                return existing, False
            # cancelled or declined before: this is a new registration
            registration.pk, registration.created_at = existing.pk, existing.created_at
        capacity = settings.capacity(mode)
        if capacity is not None and seats["taken"] >= capacity and seats["expired"]:
            # Full, but some holds ran out: those seats go to the people already waiting.
            rebalance(settings, mode, now)
            seats = seat_count(talk, mode, now)
        registration.talk = talk
        if capacity is None or seats["taken"] < capacity:
            give_seat(settings, registration, now)
        else:
            registration.status, registration.hold_expires_at = Status.WAITLISTED, None
        registration.save()
        audit.record(
            obj=registration,
            action="registration.create",
            changes={"status": [None, registration.status]},
        )
        mail.later(registration, "confirm_email")
    return registration, True


def registration_confirm_email(*, registration: Registration) -> Registration:
    now = timezone.now()
    with transaction.atomic():
        settings = locked_settings(registration.talk)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.email_confirmed_at is not None:
            return registration
        before = registration.status
        registration.email_confirmed_at = now
        if registration.status == Status.PENDING_EMAIL:
            give_seat(settings, registration, now)
        registration.save(
            update_fields=["email_confirmed_at", "status", "hold_expires_at", "updated_at"]
        )
        audit.record(
            obj=registration,
            action="registration.confirm_email",
            changes={"status": [before, registration.status]},
        )
        mail.later(registration, "status")
    return registration


def registration_cancel(*, registration: Registration, by=None) -> Registration:
    now = timezone.now()
    with transaction.atomic():
        settings = locked_settings(registration.talk)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.status not in Registration.ACTIVE:
            return registration
        before = registration.status
        registration.status, registration.hold_expires_at = Status.CANCELLED, None
        registration.save(update_fields=["status", "hold_expires_at", "updated_at"])
        audit.record(
            obj=registration,
            action="registration.cancel",
            by=by,
            changes={"status": [before, "cancelled"]},
        )
        mail.later(registration, "status")
        rebalance(settings, registration.attendance_mode, now)
    return registration


def registrations_release_expired(*, now=None) -> int:
    """Free seats whose holds ran out and move people up (run by a scheduled task)."""
    now = now or timezone.now()
    moved = 0
    held = Registration.objects.filter(status=Status.PENDING_EMAIL, hold_expires_at__lt=now)
    for talk_id, mode in held.values_list("talk_id", "attendance_mode").distinct():
        with transaction.atomic():
            settings = locked_settings(Talk.objects.get(pk=talk_id))
            moved += len(rebalance(settings, mode, now))
    return moved


class NotAllowed(Exception):
    """The change does not fit the registration's status; the message says why."""


def change_status(registration: Registration, to: str, *, by, action: str, **fields) -> None:
    before = registration.status
    registration.status = to
    for name, value in fields.items():
        setattr(registration, name, value)
    registration.save(update_fields=["status", "updated_at", *fields])
    audit.record(obj=registration, action=action, by=by, changes={"status": [before, to], **{
        name: [None, str(value)] for name, value in fields.items()}})  # fmt: skip


def registration_approve(*, registration: Registration, by) -> Registration:
    with transaction.atomic():
        locked_settings(registration.talk)
        registration = Registration.objects.select_related("talk").get(pk=registration.pk)
        if registration.status != Status.PENDING_APPROVAL:
            raise NotAllowed(_("Only registrations waiting for approval can be approved."))
        change_status(registration, Status.CONFIRMED, by=by, action="registration.approve")
        mail.later(registration, "status")
    return registration


def registration_decline(*, registration: Registration, by, reason: str) -> Registration:
    now = timezone.now()
    with transaction.atomic():
        settings = locked_settings(registration.talk)
        registration = Registration.objects.select_related("talk").get(pk=registration.pk)
        if registration.status not in (
            Status.PENDING_APPROVAL,
            Status.PENDING_EMAIL,
            Status.WAITLISTED,
            Status.CONFIRMED,
        ):
            raise NotAllowed(_("This registration can no longer be declined."))
        held = registration.holds_seat
        change_status(registration, Status.DECLINED, by=by, action="registration.decline",
                      decline_reason=reason[:500], hold_expires_at=None)  # fmt: skip
        mail.later(registration, "status")
        if held:
            rebalance(settings, registration.attendance_mode, now)
    return registration


def registration_promote(*, registration: Registration, by) -> Registration:
    """Give a waiting person a seat by hand, even beyond capacity (the secretariat decides)."""
    now = timezone.now()
    with transaction.atomic():
        settings = locked_settings(registration.talk)
        registration = Registration.objects.select_related("talk").get(pk=registration.pk)
        if registration.status != Status.WAITLISTED:
            raise NotAllowed(_("Only people on the waiting list can be moved up."))
        give_seat(settings, registration, now)
        to = registration.status
        registration.status = Status.WAITLISTED
        change_status(registration, to, by=by, action="registration.promote_by_hand",
                      hold_expires_at=registration.hold_expires_at)  # fmt: skip
        mail.later(registration, "promoted")
    return registration


def registration_check_in(*, registration: Registration, by) -> Registration:
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status not in (Status.CONFIRMED, Status.ATTENDED):
            raise NotAllowed(_("Only confirmed registrants can be checked in."))
        if registration.status == Status.CONFIRMED:
            change_status(registration, Status.ATTENDED, by=by, action="registration.check_in",
                          attended_at=timezone.now())  # fmt: skip
    return registration


def registration_revoke_join_link(*, registration: Registration, by) -> Registration:
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        registration.join_revoked_at = timezone.now()
        registration.save(update_fields=["join_revoked_at", "updated_at"])
        audit.record(obj=registration, action="registration.revoke_join_link", by=by)
    return registration


def join_opens_at(registration: Registration):
    settings = settings_for(registration.talk)
    return registration.talk.start - timedelta(minutes=settings.join_visible_minutes)


def join_url(registration: Registration, now=None) -> str | None:
    """The meeting link, for a confirmed online participant whose link is not revoked, from
    shortly before the start until the end; otherwise None."""
    now = now or timezone.now()
    talk, settings = registration.talk, settings_for(registration.talk)
    if (
        settings.join_url
        and talk.format in (Talk.Format.ONLINE, Talk.Format.HYBRID)
        and registration.attendance_mode == Registration.Mode.ONLINE
        and registration.status in (Status.CONFIRMED, Status.ATTENDED)
        and registration.join_revoked_at is None
        and join_opens_at(registration) <= now <= talk.end
    ):
        return settings.join_url
    return None


def settings_save(*, talk: Talk, form, by) -> Settings:
    """Save a validated SettingsForm for `talk`, audited; seats freed by a larger capacity go
    to the waiting list at once."""
    now = timezone.now()
    with transaction.atomic():
        current = locked_settings(talk)
        before = {name: getattr(current, name) for name in form.Meta.fields}
        settings = form.save(commit=False)
        settings.pk, settings.talk = current.pk, talk
        settings.save()
        changes = audit.diff(before, {name: getattr(settings, name) for name in form.Meta.fields})
        if changes:
            audit.record(
                obj=settings, action="registration_settings.change", by=by, changes=changes
            )
        for mode in Registration.Mode.values:
            rebalance(settings, mode, now)
    return settings


def registrants_notify_change(*, talk_id: int, sequence: int) -> int:
    """Tell everyone still registered that the talk's time or status changed (once per
    version of the talk). Returns how many were told."""
    talk = Talk.objects.get(pk=talk_id)
    if talk.sequence != sequence:
        return 0  # changed again since: the newer version's task tells them
    told = 0
    with transaction.atomic():
        for registration in Registration.objects.filter(talk=talk, status__in=Registration.ACTIVE):
            registration.talk = talk
            mail.talk_changed(registration)
            told += 1
    return told


def registrants_remind(*, now=None) -> int:
    """Queue the day-before reminder for confirmed registrants of talks starting within 24 hours.
    The reminder is keyed by the talk's start, so a talk whose time changed is reminded of again
    at its new time, and never twice for the same one."""
    now = now or timezone.now()
    due = Registration.objects.select_related("talk").filter(
        status=Status.CONFIRMED,
        talk__status=Talk.Status.PUBLISHED,
        talk__start__gt=now,
        talk__start__lte=now + timedelta(hours=24),
    )
    with transaction.atomic():
        for registration in due:
            mail.reminder(registration, join=join_url_visible_later(registration))
    return len(due)


def join_url_visible_later(registration: Registration) -> str:
    """The registrant's own join address, for the reminder, if they will be able to use it."""
    from django.conf import settings as django_settings
    from django.urls import reverse

    if (
        registration.attendance_mode != Registration.Mode.ONLINE
        or registration.join_revoked_at is not None
        or not settings_for(registration.talk).join_url
    ):
        return ""
    path = reverse("registrations:join", kwargs={"key": registration.join_key})
    return django_settings.SITE_URL + path


def registration_change(
    *, registration: Registration, language=None, mode: str | None = None
) -> Registration:
    """The registrant changes their listening language or attendance mode. A new mode needs a
    free seat there (a waiting person keeps their place in the line of the new mode)."""
    now = timezone.now()
    with transaction.atomic():
        settings = locked_settings(registration.talk)
        registration = Registration.objects.select_related("talk").get(pk=registration.pk)
        if registration.status not in Registration.ACTIVE:
            raise NotAllowed(_("This registration is no longer active."))
        changes = {}
        if language is not None and language != registration.language:
            changes["language"] = [str(registration.language or ""), str(language)]
            registration.language = language
        old_mode = registration.attendance_mode
        if mode and mode != old_mode:
            if registration.holds_seat and not has_free_seat(settings, mode):
                raise NotAllowed(_("There is no free seat for that way of attending."))
            changes["attendance_mode"] = [old_mode, mode]
            registration.attendance_mode = mode
        if not changes:
            return registration
        registration.save(update_fields=["language", "attendance_mode", "updated_at"])
        audit.record(obj=registration, action="registration.change", changes=changes)
        if "attendance_mode" in changes and registration.holds_seat:
            rebalance(settings, old_mode, now)
    return registration
