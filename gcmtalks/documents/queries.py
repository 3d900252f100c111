"""Reusable reads of documents: which language version a reader gets, what the talk page, the
workspace, the calendar and the briefing pack show, each in a fixed number of queries."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, Prefetch, Q, prefetch_related_objects
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import get_language, get_supported_language_variant
from django.utils.translation import gettext as _

from gcmtalks.core.language_names import language_label, language_name
from gcmtalks.core.models import Access
from gcmtalks.core.timezones import zone, zone_label
from gcmtalks.registrations.mail import token_for
from gcmtalks.talks.models import Talk

from .models import Document, Version

Kind = Document.Kind
Status = Document.Status
KIND_ORDER = [Kind.CONCEPT_NOTE, Kind.AGENDA, Kind.BACKGROUND, Kind.PRESENTATION]
BRIEF_KINDS = [Kind.CONCEPT_NOTE, Kind.AGENDA]
LANGUAGE_ORDER = [code for code, _name in settings.LANGUAGES]
SOON = timedelta(days=14)  # a talk this close needs its published concept note
TYPE_LABELS = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel",
}


def page_language() -> str:
    """The active language as one of settings.LANGUAGES' codes."""
    try:
        return get_supported_language_variant(get_language() or settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE


def bidi(code: str) -> bool:
    return code.split("-")[0] in settings.LANGUAGES_BIDI


def in_order(documents: Iterable[Document]) -> list[Document]:
    """Concept note, agenda, background papers, presentations; then as the organisers added them."""
    return sorted(documents, key=lambda d: (KIND_ORDER.index(d.kind), d.position, d.pk))


def lean_versions(field: str = "versions") -> Prefetch:
    """A document's versions without their text, which can be long and no list shows."""
    return Prefetch(field, queryset=Version.objects.defer("text").order_by("language"))


def version_for(document: Document, language: str) -> Version | None:
    """The version a reader of `language` gets: theirs, else English, else the first there is.
    Reads the prefetched versions when there are."""
    by_language = {version.language: version for version in document.versions.all()}
    for code in (language, settings.LANGUAGE_CODE, *LANGUAGE_ORDER):
        if code in by_language:
            return by_language[code]
    return None


def download_url(talk_slug: str, version: Version) -> str:
    return reverse(
        "documents:download",
        kwargs={"slug": talk_slug, "pk": version.document_id, "language": version.language},
    )


def registrant_url(registration, version: Version) -> str:
    """The download link for a registrant's mail: it lets them in without their session
    (absolute: prefix settings.SITE_URL). Build it inside translation.override(locale)."""
    path = download_url(registration.talk.slug, version)
    return f"{path}?{urlencode({'r': token_for(registration)})}"


def type_label(version: Version) -> str:
    if not version.file_name:
        return _("Text")
    return TYPE_LABELS.get(version.content_type, version.content_type)


@dataclass(frozen=True, slots=True)
class Shown:
    """A document as one reader sees it: the version in their language or the fallback."""

    document: Document
    version: Version
    wanted: str  # the page's language
    url: str

    @property
    def title(self) -> str:
        return str(self.document)

    @property
    def kind(self) -> str:
        return self.document.kind

    @property
    def language(self) -> str:
        return self.version.language

    @property
    def language_name(self) -> str:
        return language_label(self.version.language)

    @property
    def fallback(self) -> bool:
        return self.version.language != self.wanted

    @property
    def wanted_name(self) -> str:
        return language_name(self.wanted)

    @property
    def rtl(self) -> bool:
        return bidi(self.version.language)

    @property
    def type_label(self) -> str:
        return type_label(self.version)

    @property
    def is_file(self) -> bool:
        return bool(self.version.file_name)


def shown(documents: Iterable[Document], language: str, talk_slug: str) -> list[Shown]:
    """The documents in reading order, each in the version for `language` (those without any
    version are left out)."""
    items = []
    for document in in_order(documents):
        version = version_for(document, language)
        if version is not None:
            items.append(Shown(document, version, language, download_url(talk_slug, version)))
    return items


# The public talk page.


@dataclass(frozen=True, slots=True)
class TalkDocuments:
    items: list[Shown]
    hidden: frozenset[str]  # access levels of published documents the viewer may not see


def for_talk_page(talk: Talk, viewer, language: str) -> TalkDocuments:
    """The published documents the viewer may see, and which restricted levels they miss
    (organisers' documents are never hinted at). Two queries at most."""
    published = list(
        Document.objects.filter(talk=talk, status=Status.PUBLISHED).order_by("position", "pk")
    )
    visible = [d for d in published if viewer.may_see(d.access)]
    if visible:
        prefetch_related_objects(visible, lean_versions())
    hidden = {d.access for d in published if not viewer.may_see(d.access)}
    hidden &= {Access.REGISTRANTS, Access.MEMBER_STATES}
    return TalkDocuments(shown(visible, language, talk.slug), frozenset(hidden))


# The calendar, the workstream pages and the briefing pack.


@dataclass(frozen=True, slots=True)
class Brief:
    kind: str
    kind_label: str
    title: str
    url: str
    language: str
    language_name: str
    fallback: bool


def public_briefs(talk_ids: Iterable[int], language: str) -> dict[int, list[Brief]]:
    """Per talk, its published public concept note and agenda (in that order), each with the
    link to its version in `language` or the fallback. Two queries for any number of talks;
    talks without any are left out."""
    documents = (
        Document.objects.filter(
            talk_id__in=list(talk_ids),
            status=Status.PUBLISHED,
            access=Access.PUBLIC,
            kind__in=BRIEF_KINDS,
        )
        .exclude(talk__status=Talk.Status.DRAFT)
        .select_related("talk")
        .only("id", "kind", "title", "position", "talk_id", "talk__slug")
        .prefetch_related(lean_versions())
    )
    briefs: dict[int, list[Brief]] = {}
    for document in in_order(documents):
        version = version_for(document, language)
        if version is None:
            continue
        briefs.setdefault(document.talk_id, []).append(
            Brief(
                kind=document.kind,
                kind_label=str(document.get_kind_display()),
                title=str(document),
                url=download_url(document.talk.slug, version),
                language=version.language,
                language_name=language_label(version.language),
                fallback=version.language != language,
            )
        )
    return briefs


def for_registrant(talk: Talk, member_state: bool) -> list[Document]:
    """The published concept notes and agendas a confirmed registrant may see, in order, each
    with its versions prefetched (texts included): pick one with `version_for(document,
    registration.locale)`, link it with `download_url(talk.slug, version)`, attach its bytes
    with `file_bytes(version)`."""
    levels = [Access.PUBLIC, Access.REGISTRANTS]
    if member_state:
        levels.append(Access.MEMBER_STATES)
    documents = Document.objects.filter(
        talk=talk, status=Status.PUBLISHED, kind__in=BRIEF_KINDS, access__in=levels
    ).prefetch_related("versions")
    return in_order(documents)


def file_bytes(version: Version) -> bytes:
    with version.file.open("rb") as file:
        return file.read()


# The workspace.


def moment(when: datetime | None) -> str:
    """A stored UTC moment in Geneva time, with its zone: '2026-11-28 14:05 (CET, UTC+1)'."""
    if when is None:
        return ""
    local = when.astimezone(zone(settings.CALENDAR_TIME_ZONE))
    return f"{date_format(local, 'Y-m-d H:i')} ({zone_label(local)})"


def workspace_documents(talk: Talk) -> list[Document]:
    """All the talk's documents, in reading order, with their versions (two queries)."""
    return in_order(Document.objects.filter(talk=talk).prefetch_related(lean_versions()))


@dataclass(frozen=True, slots=True)
class Summary:
    drafts: int
    published: int
    needs_concept_note: bool


def workspace_summary(talk: Talk, now: datetime) -> Summary:
    counts = Document.objects.filter(talk=talk).aggregate(
        drafts=Count("pk", filter=Q(status=Status.DRAFT)),
        published=Count("pk", filter=Q(status=Status.PUBLISHED)),
        concept_notes=Count("pk", filter=Q(status=Status.PUBLISHED, kind=Kind.CONCEPT_NOTE)),
    )
    soon = (
        talk.status in (Talk.Status.DRAFT, Talk.Status.PUBLISHED)
        and talk.end >= now
        and talk.start <= now + SOON
    )
    return Summary(
        drafts=counts["drafts"],
        published=counts["published"],
        needs_concept_note=soon and not counts["concept_notes"],
    )


def talks_with_concept_note(talk_ids: Iterable[int]) -> set[int]:
    """Which of these talks have a published concept note (any access), in one query: for the
    dashboard's "no concept note yet" reminder."""
    return set(
        Document.objects.filter(
            talk_id__in=list(talk_ids), status=Status.PUBLISHED, kind=Kind.CONCEPT_NOTE
        ).values_list("talk_id", flat=True)
    )
