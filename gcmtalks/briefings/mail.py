"""The briefing pack as one registrant receives it, in their own language: plain text and HTML
from the same context (the workspace's preview shows the HTML body)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from gcmtalks.core.models import Access
from gcmtalks.core.timezones import format_range
from gcmtalks.documents.models import Document
from gcmtalks.documents.queries import registrant_url, version_for
from gcmtalks.registrations.mail import personal_url, when
from gcmtalks.registrations.models import Registration, Settings
from gcmtalks.talks.models import Talk

from .links import parse_links
from .models import BriefingPack

KINDS = (Document.Kind.CONCEPT_NOTE, Document.Kind.AGENDA)  # in this order in the mail


def documents_for(talk_ids) -> dict[int, list[Document]]:
    """The published concept notes and agendas a registrant could see, by talk."""
    found = {talk_id: [] for talk_id in talk_ids}
    documents = (
        Document.objects.filter(
            talk_id__in=talk_ids,
            kind__in=KINDS,
            status=Document.Status.PUBLISHED,
            access__in=(Access.PUBLIC, Access.REGISTRANTS, Access.MEMBER_STATES),
        )
        .prefetch_related("versions")
        .order_by("position", "id")
    )
    for document in sorted(documents, key=lambda d: KINDS.index(d.kind)):
        found[document.talk_id].append(document)
    return found


def document_links(registration: Registration, documents) -> list[dict]:
    levels = {Access.PUBLIC, Access.REGISTRANTS}
    if registration.member_state_id:
        levels.add(Access.MEMBER_STATES)
    names = dict(settings.LANGUAGES)
    links = []
    for document in documents:
        version = version_for(document, registration.locale)
        if document.access not in levels or version is None:
            continue
        links.append(
            {
                "title": document.title or document.get_kind_display(),
                "url": settings.SITE_URL + registrant_url(registration, version),
                "language": ""
                if version.language == registration.locale
                else str(names.get(version.language, version.language)),
            }
        )
    return links


def join_minutes(talk: Talk) -> int:
    try:
        return talk.registration_settings.join_visible_minutes
    except Settings.DoesNotExist:
        return Settings._meta.get_field("join_visible_minutes").default


def join_rules(registration: Registration) -> dict:
    """How the registrant gets in: the join link (online) or the venue (in person)."""
    talk = registration.talk
    online = talk.format == Talk.Format.ONLINE or (
        talk.format == Talk.Format.HYBRID
        and registration.attendance_mode == Registration.Mode.ONLINE
    )
    if online or not talk.format:
        return {"online": True, "minutes": join_minutes(talk)}
    return {"online": False, "venue": talk.venue, "city": talk.city}


def context(pack: BriefingPack, registration: Registration, documents, personal: str) -> dict:
    """To be called in the registrant's language."""
    talk = registration.talk
    local = ""
    if talk.timezone != settings.CALENDAR_TIME_ZONE:
        local = format_range(talk.start, talk.end, talk.timezone)
    return {
        "subject": _("Briefing pack: %(talk)s") % {"talk": " ".join(talk.title.split())},
        "registration": registration,
        "talk": talk,
        "when": when(registration),
        "when_local": local,
        "talk_url": settings.SITE_URL + talk.get_absolute_url(),
        "introduction": pack.introduction.strip(),
        "documents": document_links(registration, documents),
        "join": join_rules(registration),
        "personal_url": personal,
        "practices": parse_links(pack.practices),
        "pledges": parse_links(pack.pledges),
        "language": translation.get_language(),
        "rtl": translation.get_language_bidi(),
    }


def render(pack, registration, documents, personal=None) -> tuple[str, str, str]:
    """(subject, text, html) in the registrant's language."""
    with translation.override(registration.locale):
        values = context(pack, registration, documents, personal or personal_url(registration))
        text = render_to_string("briefings/mail/briefing.txt", values)
        html = render_to_string("briefings/mail/briefing.html", values)
    return values["subject"], text, html


def queue(pack, registration, documents, key: str):
    """Put the pack for one registrant in the outbox (sent once per key)."""
    from gcmtalks.notifications.services import mail_queue

    subject, text, html = render(pack, registration, documents)
    return mail_queue(
        to=registration.email,
        subject=subject,
        text=text,
        html=html,
        key=key,
        language=registration.locale,
    )
