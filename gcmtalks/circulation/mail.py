"""The circulation's mails. Those to subscribers are written in the language they chose,
carry their personal link and the List-Unsubscribe headers (RFC 2369 and RFC 8058), and are
kept under keys starting "circulation:<id>:", so unsubscribing erases them."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from email.utils import formataddr

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gcmtalks.core.timezones import format_range, zone
from gcmtalks.notifications.services import mail_queue
from gcmtalks.talks.display import registration, time_html
from gcmtalks.talks.models import Talk

from .links import list_headers, personal_url, unsubscribe_url
from .models import Subscriber

SUMMARY_CHARACTERS = 600


def signature() -> str:
    return _("GCM Talks – UN Network on Migration")


def key_prefix(subscriber_id: int) -> str:
    return f"circulation:{subscriber_id}:"


@dataclass(frozen=True)
class TalkLine:
    """One talk as a mail shows it, in the language active when it was made."""

    change: str
    title: str
    url: str
    when: str  # the day and time in Geneva, with the zone
    when_html: SafeString
    local: str  # the time in the talk's own zone, when it is not Geneva's
    local_html: SafeString | str
    meta: str
    languages: str  # "Interpretation: Arabic, French", or ""
    summary: str
    register: str  # where to register, or ""


def absolute(link: str) -> str:
    return settings.SITE_URL + link if link.startswith("/") else link


def interpretation(talk: Talk) -> str:
    names = [str(language) for language in talk.interpretation_languages.all()]
    return _("Interpretation: %(languages)s") % {"languages": ", ".join(names)} if names else ""


def talk_line(talk: Talk, change: str = "") -> TalkLine:
    home = settings.CALENDAR_TIME_ZONE
    day = date_format(talk.start.astimezone(zone(home)), "DATE_FORMAT")
    meta = [talk.get_format_display()] if talk.format else []
    meta.append(talk.get_level_display())
    meta += [str(region) for region in talk.regions.all()]
    if talk.series_id:
        meta.append(str(talk.series))
    own = talk.timezone != home
    _label, register = registration(talk, is_past=False)
    summary = talk.summary.strip()
    if len(summary) > SUMMARY_CHARACTERS:
        summary = summary[:SUMMARY_CHARACTERS].rsplit(" ", 1)[0] + " …"
    return TalkLine(
        change=change,
        title=talk.title,
        url=settings.SITE_URL + talk.get_absolute_url(),
        when=f"{day}, {format_range(talk.start, talk.end, home)}",
        when_html=format_html("{}, {}", day, time_html(talk, home)),
        local=format_range(talk.start, talk.end, talk.timezone) if own else "",
        local_html=time_html(talk, talk.timezone) if own else "",
        meta=" · ".join(meta),
        languages=interpretation(talk),
        summary=summary,
        register=absolute(register) if register else "",
    )


def to_subscriber(subscriber: Subscriber, *, key: str, subject: str, text: str, html="") -> None:
    mail_queue(
        to=subscriber.email,
        subject=subject,
        text=text,
        html=html,
        key=key_prefix(subscriber.pk) + key,
        language=subscriber.language,
        headers=list_headers(subscriber),
    )


def footer(subscriber: Subscriber) -> str:
    return "\n".join(
        [
            _("You receive this because this address subscribed to the GCM Talks calendar."),
            _("Change what you receive: %(url)s") % {"url": personal_url(subscriber)},
            _("Unsubscribe: %(url)s") % {"url": unsubscribe_url(subscriber)},
        ]
    )


def send_confirmation(subscriber: Subscriber, now: datetime) -> None:
    """The one mail a pending address gets: the link to confirm."""
    with translation.override(subscriber.language):
        text = "\n\n".join(
            [
                _("Hello,"),
                _(
                    "Someone, probably you, asked to receive the GCM Talks calendar by mail at "
                    "this address. To confirm, open this link and press “Confirm”:"
                ),
                personal_url(subscriber),
                _(
                    "If it was not you, ignore this mail: nothing else will be sent to you, and "
                    "the request is forgotten after seven days."
                ),
                signature(),
            ]
        )
        to_subscriber(
            subscriber,
            key=f"confirm:{now:%Y%m%d%H%M%S}",
            subject=_("Confirm your subscription to GCM Talks"),
            text=text,
        )


def send_link(subscriber: Subscriber, now: datetime) -> None:
    """To a confirmed address asked for again: its personal link, nothing changed."""
    with translation.override(subscriber.language):
        text = "\n\n".join(
            [
                _("Hello,"),
                _(
                    "Someone, probably you, asked again to receive the GCM Talks calendar at this "
                    "address. You are already subscribed: nothing has changed."
                ),
                footer(subscriber),
                signature(),
            ]
        )
        to_subscriber(
            subscriber,
            key=f"link:{now:%Y%m%d%H%M%S}",
            subject=_("Your subscription to GCM Talks"),
            text=text,
        )


def render(name: str, subscriber: Subscriber, values: dict) -> tuple[str, str]:
    values = {
        **values,
        "language": subscriber.language,
        "rtl": translation.get_language_bidi(),
        "personal_url": personal_url(subscriber),
        "unsubscribe_url": unsubscribe_url(subscriber),
        "signature": signature(),
        "site_url": settings.SITE_URL + reverse("talks:calendar"),
    }
    text = render_to_string(f"circulation/mail/{name}.txt", values)
    html = render_to_string(f"circulation/mail/{name}.html", values)
    return text, html


def send_digest(subscriber: Subscriber, talks: list[tuple[Talk, str]], week: str) -> None:
    """The week's new and changed talks, each with what changed (New, Changed…)."""
    with translation.override(subscriber.language):
        lines = [talk_line(talk, change) for talk, change in talks]
        subject = ngettext(
            "GCM Talks this week: %(count)s new or changed talk",
            "GCM Talks this week: %(count)s new or changed talks",
            len(lines),
        ) % {"count": len(lines)}
        text, html = render("digest", subscriber, {"subject": subject, "talks": lines})
        to_subscriber(subscriber, key=f"digest:{week}", subject=subject, text=text, html=html)


def send_announcement(subscriber: Subscriber, talk: Talk) -> None:
    with translation.override(subscriber.language):
        line = talk_line(talk)
        subject = _("New GCM Talk: %(title)s") % {"title": line.title}
        text, html = render("announcement", subscriber, {"subject": subject, "talk": line})
        to_subscriber(subscriber, key=f"announce:{talk.pk}", subject=subject, text=text, html=html)


def one_line(text: str) -> str:
    return " ".join(text.split())


def send_contact(*, name: str, email: str, subject: str, message: str, language: str) -> None:
    """The message to the secretariat (in English, Reply-To the sender) and its copy to the
    sender (in the language they wrote from)."""
    key = f"contact:{uuid.uuid4().hex}"
    with translation.override(settings.LANGUAGE_CODE):
        text = "\n\n".join(
            [
                _("A message sent through the GCM Talks contact form."),
                _("From: %(name)s <%(email)s>") % {"name": name, "email": email},
                _("Language of the page: %(language)s") % {"language": language},
                _("Subject: %(subject)s") % {"subject": subject},
                message,
                _("Answer this mail to write back to them."),
            ]
        )
        mail_queue(
            to=settings.CONTACT_EMAIL,
            subject=one_line(_("[GCM Talks contact] %(subject)s") % {"subject": subject}),
            text=text,
            key=f"{key}:secretariat",
            language=settings.LANGUAGE_CODE,
            headers={"Reply-To": formataddr((name, email))},
        )
    with translation.override(language):
        text = "\n\n".join(
            [
                _("Hello %(name)s,") % {"name": name},
                _(
                    "This is a copy of the message you sent to the secretariat of the UN Network "
                    "on Migration through the GCM Talks contact form. It will answer you at this "
                    "address. If you did not write it, you can ignore this mail."
                ),
                _("Subject: %(subject)s") % {"subject": subject},
                message,
                signature(),
            ]
        )
        mail_queue(
            to=email,
            subject=one_line(_("Your message to GCM Talks: %(subject)s") % {"subject": subject}),
            text=text,
            key=f"{key}:copy",
            language=language,
            headers={"Reply-To": settings.CONTACT_EMAIL},
        )
