"""The messages registrants receive, in their own language.

A change to a registration asks for its message with `later()`, in the change's transaction:
that adds a task row, so the message cannot be lost between the change and the mail, and the
request does not spend its time writing mail. The task (`compose`) writes the message into
the outbox of notifications, whose own task sends it, retried until the mail server takes it.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar, vCalAddress

from gcmtalks.core.timezones import format_range, zone
from gcmtalks.privacy.people import is_erased
from gcmtalks.talks.ics import talk_event

SALT = "gcmtalks.registration"


def token_for(registration) -> str:
    return signing.dumps(registration.pk, salt=SALT)


def registration_for_token(token: str):
    """The registration a personal link names, or None for a forged or broken link."""
    from .models import Registration

    try:
        pk = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    return Registration.objects.select_related("talk").filter(pk=pk).first()


def personal_url(registration) -> str:
    path = reverse("registrations:personal", kwargs={"token": token_for(registration)})
    return settings.SITE_URL + path


def invitation(registration) -> bytes:
    """An ICS invitation (METHOD:REQUEST) for the registrant's calendar."""
    cal = Calendar()
    cal.add("prodid", "-//UN Network on Migration//GCM Talks//EN")
    cal.add("version", "2.0")
    cal.add("method", "REQUEST")
    event = talk_event(registration.talk)
    organizer = vCalAddress("mailto:" + settings.DEFAULT_FROM_EMAIL.split("<")[-1].rstrip(">"))
    organizer.params["cn"] = "GCM Talks"
    event.add("organizer", organizer)
    attendee = vCalAddress(f"mailto:{registration.email}")
    attendee.params["cn"] = registration.name
    attendee.params["partstat"] = "ACCEPTED"
    event.add("attendee", attendee)
    cal.add_component(event)
    return cal.to_ical()


def when(registration) -> str:
    talk, home = registration.talk, settings.CALENDAR_TIME_ZONE
    return f"{talk.start.astimezone(zone(home)):%Y-%m-%d}, " + format_range(
        talk.start, talk.end, home
    )


def later(registration, kind: str) -> None:
    """Ask for the `kind` message (one of KINDS) about the registration as it is now; the task
    writes it as of this status, whatever happens to the registration meanwhile."""
    from .tasks import send_registration_mail  # tasks.py imports this module

    key = f"registration:{registration.pk}:{kind}:{registration.updated_at.timestamp()}"
    send_registration_mail.enqueue(
        registration_id=registration.pk, kind=kind, status=registration.status, key=key
    )


def compose(*, registration_id: int, kind: str, status: str, key: str) -> bool:
    """Queue the `kind` message written for `status` (run by the task `later` adds); False if
    the registration no longer exists."""
    from .models import Registration

    registration = Registration.objects.select_related("talk").filter(pk=registration_id).first()
    if registration is None or is_erased(registration.email):
        return False
    registration.status = status
    KINDS[kind](registration, key=key)
    return True


def send(registration, kind: str, subject: str, lines: list[str], attachments=(), key=None):
    from gcmtalks.notifications.services import mail_queue

    key = key or f"registration:{registration.pk}:{kind}:{registration.updated_at.timestamp()}"
    text = "\n\n".join([_("Hello %(name)s,") % {"name": registration.name}, *lines,
                        _("Your registration: %(url)s") % {"url": personal_url(registration)},
                        _("GCM Talks – UN Network on Migration")])  # fmt: skip
    mail_queue(to=registration.email, subject=subject, text=text, key=key[:200],
               attachments=list(attachments), language=registration.locale)  # fmt: skip


def confirm_email(registration, key=None):
    with translation.override(registration.locale):
        talk = registration.talk
        if registration.status == registration.Status.WAITLISTED:
            lines = [_("“%(talk)s” (%(when)s) is full: you are on the waiting list.") % {"talk": talk, "when": when(registration)},
                     _("Please confirm your email address with the link below; we will write as soon as a seat is free.")]  # fmt: skip
        else:
            lines = [_("A seat is held for you at “%(talk)s” (%(when)s).") % {"talk": talk, "when": when(registration)},
                     _("Please confirm your email address with the link below to keep it.")]  # fmt: skip
        send(
            registration,
            "confirm",
            _("Please confirm your registration: %(talk)s") % {"talk": talk},
            lines,
            key=key,
        )


def personal_link(registration, key=None):
    with translation.override(registration.locale):
        subject = _("Your registration: %(talk)s") % {"talk": registration.talk}
        lines = [_("Here is the link to your registration again.")]
        send(registration, "link", subject, lines, key=key)


def promoted(registration, key=None):
    with translation.override(registration.locale):
        talk = registration.talk
        lines = [
            _("A seat is now free for you at “%(talk)s” (%(when)s).")
            % {"talk": talk, "when": when(registration)}
        ]
        if registration.status == registration.Status.PENDING_EMAIL:
            lines.append(_("Please confirm your email address with the link below to keep it."))
        subject = _("A seat is free for you: %(talk)s") % {"talk": talk}
        send(registration, "promoted", subject, lines, key=key)


def status(registration, key=None):
    """The registrant's new status, with the calendar invitation once confirmed."""
    with translation.override(registration.locale):
        talk, Status = registration.talk, registration.Status
        attachments = []
        if registration.status == Status.CONFIRMED:
            lines = [
                _("Your place at “%(talk)s” (%(when)s) is confirmed. The invitation is attached.")
                % {"talk": talk, "when": when(registration)}
            ]
            attachments = [
                ("invitation.ics", invitation(registration), "text/calendar; method=REQUEST")
            ]
        elif registration.status == Status.PENDING_APPROVAL:
            lines = [
                _("Thank you. The secretariat will review your registration and write to you.")
            ]
        elif registration.status == Status.DECLINED:
            lines = [
                _("We are sorry: your registration for “%(talk)s” was declined.") % {"talk": talk}
            ]
            if registration.decline_reason:
                lines.append(_("The reason: %(reason)s") % {"reason": registration.decline_reason})
        elif registration.status == Status.CANCELLED:
            lines = [_("Your registration for “%(talk)s” is cancelled.") % {"talk": talk}]
        else:
            lines = [
                _("Your registration is now: %(status)s.")
                % {"status": registration.get_status_display()}
            ]
        send(registration, f"status-{registration.status}", str(talk), lines, attachments, key)


def talk_changed(registration):
    with translation.override(registration.locale):
        talk = registration.talk
        if talk.status == talk.Status.CANCELLED:
            subject = _("Cancelled: %(talk)s") % {"talk": talk}
            lines = [_("We are sorry: “%(talk)s” will not take place.") % {"talk": talk}]
        elif talk.status == talk.Status.POSTPONED:
            subject = _("Postponed: %(talk)s") % {"talk": talk}
            lines = [
                _("“%(talk)s” is postponed. We will write when it has a new date.") % {"talk": talk}
            ]
        else:
            subject = _("New time: %(talk)s") % {"talk": talk}
            lines = [
                _("“%(talk)s” now takes place on %(when)s.")
                % {"talk": talk, "when": when(registration)}
            ]
        attachments = []
        if registration.status == registration.Status.CONFIRMED:
            attachments = [
                ("invitation.ics", invitation(registration), "text/calendar; method=REQUEST")
            ]
        send(registration, "change", subject, lines, attachments,
             key=f"registration:{registration.pk}:talk-change:{talk.sequence}")  # fmt: skip


def reminder(registration, join: str):
    with translation.override(registration.locale):
        talk = registration.talk
        lines = [
            _("A reminder: “%(talk)s” takes place on %(when)s.")
            % {"talk": talk, "when": when(registration)}
        ]
        if join:
            lines.append(
                _("Your own link to join, which opens shortly before the start: %(url)s")
                % {"url": join}
            )
        send(registration, "reminder", _("Tomorrow: %(talk)s") % {"talk": talk}, lines,
             key=f"registration:{registration.pk}:reminder:{talk.start.timestamp()}")  # fmt: skip


# The messages `later` can ask for.
KINDS = {
    "confirm_email": confirm_email,
    "personal_link": personal_link,
    "promoted": promoted,
    "status": status,
}
