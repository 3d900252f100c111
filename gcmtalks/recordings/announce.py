"""Item 7 of the talk cycle: once a talk has been held, its registrants hear by mail when its
recording and its summary report are published, each announcement once per person."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gcmtalks.core.models import Access
from gcmtalks.notifications.models import OutgoingMail
from gcmtalks.notifications.services import mail_queue
from gcmtalks.registrations.mail import personal_url, when
from gcmtalks.registrations.models import Registration
from gcmtalks.registrations.viewers import PARTICIPATING, Viewer
from gcmtalks.talks.models import Talk

from .models import Recording

PUBLISHED = "published"
RECENT = timedelta(days=90)


@dataclass(frozen=True)
class Outcome:
    kind: str  # "recording" or "report"
    access: str
    link: str = ""  # the recording's own address; the report's page is reversed per language


def report_model():
    """The summary reports app is built beside this one: until its model exists (None here),
    only recordings are announced."""
    try:
        return Talk._meta.get_field("summary_report").related_model
    except FieldDoesNotExist:
        return None


def published_outcomes(talk: Talk) -> list[Outcome]:
    outcomes = []
    recording = Recording.objects.filter(talk=talk, status=Recording.Status.PUBLISHED).first()
    if recording:
        outcomes.append(Outcome("recording", recording.access, recording.url))
    reports = report_model()
    if reports is not None and reports.objects.filter(talk=talk, status=PUBLISHED).exists():
        outcomes.append(Outcome("report", Access.PUBLIC))
    return outcomes


def entitled(registration: Registration, outcome: Outcome) -> bool:
    viewer = Viewer(registrant=True, member_state=registration.member_state_id is not None)
    return viewer.may_see(outcome.access)


def announce_outcomes(*, talk_id: int, now=None) -> int:
    """Queue the announcements of the talk's published outcomes that its confirmed and
    attending registrants have not had yet; the number queued now."""
    now = now or timezone.now()
    talk = Talk.objects.filter(pk=talk_id, status=Talk.Status.PUBLISHED, end__lte=now).first()
    if talk is None:
        return 0
    outcomes = published_outcomes(talk)
    if not outcomes:
        return 0
    registrations = Registration.objects.filter(talk=talk, status__in=PARTICIPATING)
    wanted = {
        key_for(outcome, registration): (registration, outcome)
        for registration in registrations.select_related("talk").order_by("pk")
        for outcome in outcomes
        if entitled(registration, outcome)
    }
    done = set(OutgoingMail.objects.filter(key__in=wanted).values_list("key", flat=True))
    with transaction.atomic():
        for key, (registration, outcome) in wanted.items():
            if key not in done:
                announce(registration, outcome, key)
    return len(wanted) - len(done)


def key_for(outcome: Outcome, registration: Registration) -> str:
    return f"outcome:{outcome.kind}:{registration.pk}"


def page_url(talk: Talk, kind: str) -> str:
    if kind == "report":
        try:
            return settings.SITE_URL + reverse("reports:report", kwargs={"slug": talk.slug})
        except NoReverseMatch:
            pass
    return settings.SITE_URL + talk.get_absolute_url()


def announce(registration: Registration, outcome: Outcome, key: str) -> None:
    talk = registration.talk
    with translation.override(registration.locale):
        values = {"talk": talk, "when": when(registration)}
        if outcome.kind == "recording":
            subject = _("Recording available: %(talk)s") % values
            lines = [
                _("The recording of “%(talk)s” (%(when)s) is now available.") % values,
                _("Watch it: %(url)s") % {"url": outcome.link},
                _("The talk's page: %(url)s") % {"url": page_url(talk, "recording")},
            ]
            if outcome.access != Access.PUBLIC:
                lines.append(
                    _(
                        "It is not public: to see it on the talk's page, open your registration's link below first."
                    )
                )
        else:
            subject = _("Summary report published: %(talk)s") % values
            lines = [
                _("The summary report of “%(talk)s” (%(when)s) is published.") % values,
                _("Read it: %(url)s") % {"url": page_url(talk, "report")},
                _("The talk's page: %(url)s") % {"url": page_url(talk, "talk")},
            ]
        text = "\n\n".join([
            _("Hello %(name)s,") % {"name": registration.name},
            *lines,
            _("Your registration: %(url)s") % {"url": personal_url(registration)},
            _("GCM Talks – UN Network on Migration"),
        ])  # fmt: skip
        mail_queue(to=registration.email, subject=subject, text=text, key=key,
                   language=registration.locale)  # fmt: skip


def talks_to_announce(now=None):
    """Talks that ended in the last 90 days with a published recording or summary report."""
    now = now or timezone.now()
    published = Q(recording__status=Recording.Status.PUBLISHED)
    if report_model() is not None:
        published |= Q(summary_report__status=PUBLISHED)
    return (
        Talk.objects.filter(published, status=Talk.Status.PUBLISHED)
        .filter(end__lte=now, end__gte=now - RECENT)
        .values_list("pk", flat=True)
        .distinct()
        .order_by("pk")
    )
