from datetime import UTC, datetime

from django.conf import settings
from django.urls import reverse
from ninja import Field, Schema

from gcmtalks.talks.display import outcomes
from gcmtalks.talks.models import Talk


def utc_z(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class RegistrationOut(Schema):
    mode: str = Field(description="not_yet_open, open (here), closed or external")
    opens_at: str | None
    closes_at: str | None
    capacity_online: int | None = Field(description="null: no limit")
    capacity_in_person: int | None = Field(description="null: no limit")
    requires_approval: bool


class RegistrationIn(Schema):
    mode: str | None = None
    opens_at: str | None = None
    closes_at: str | None = None
    capacity_online: int | None = None
    capacity_in_person: int | None = None
    requires_approval: bool | None = None


class TalkOut(Schema):
    slug: str
    title: str
    summary: str
    level: str = Field(description="global, regional or national")
    regions: list[str] = Field(description="Region slugs")
    country: str | None = Field(description="ISO 3166-1 code, for national talks")
    series: str | None = Field(description="Series slug")
    series_title: str | None
    organisers: list[str] = Field(description="Organiser (workstream, regional network) slugs")
    format: str | None = Field(description="online, hybrid, in_person or null")
    venue: str
    city: str
    start: str = Field(description="ISO 8601 in UTC, ending in Z")
    end: str = Field(description="ISO 8601 in UTC, ending in Z")
    timezone: str = Field(description="IANA zone where the talk is held")
    interpretation_languages: list[str] = Field(description="ISO 639-1 codes")
    audience: str | None = Field(description="open_to_all, member_states, youth or null")
    chatham_house: bool
    objectives: list[int] = Field(description="GCM objective numbers (1–23)")
    principles: list[str] = Field(description="Guiding principle letters (a–j, GCM para. 15)")
    status: str = Field(description="published, postponed, cancelled (draft for staff)")
    registration_mode: str
    registration: RegistrationOut
    registration_url: str
    info_url: str
    report_url: str = Field(description="The published summary report, here or elsewhere")
    recording_url: str = Field(description="The published public recording on the talk page")
    practices_url: str
    url: str
    ics_url: str
    updated_at: str


def talk_out(talk: Talk) -> dict:
    return {
        "slug": talk.slug,
        "title": talk.title,
        "summary": talk.summary,
        "level": talk.level,
        "regions": [r.slug for r in talk.regions.all()],
        "country": talk.country.code if talk.country else None,
        "series": talk.series.slug if talk.series else None,
        "series_title": talk.series.title if talk.series else None,
        "organisers": [o.slug for o in talk.organisers.all()],
        "format": talk.format or None,
        "venue": talk.venue,
        "city": talk.city,
        "start": utc_z(talk.start),
        "end": utc_z(talk.end),
        "timezone": talk.timezone,
        "interpretation_languages": [lang.code for lang in talk.interpretation_languages.all()],
        "audience": talk.audience or None,
        "chatham_house": talk.chatham_house,
        "objectives": [o.number for o in talk.objectives.all()],
        "principles": [p.letter for p in talk.principles.all()],
        "status": talk.status,
        "registration_mode": talk.registration_mode,
        "registration": registration_out(talk),
        "registration_url": talk.registration_url,
        "info_url": talk.info_url,
        "report_url": absolute(outcomes(talk)[1]),
        "recording_url": absolute(talk.get_absolute_url() + "#recording")
        if getattr(talk, "has_recording", False)
        else "",
        "practices_url": talk.practices_url,
        "url": settings.SITE_URL + talk.get_absolute_url(),
        "ics_url": settings.SITE_URL + reverse("talks:talk_ics", kwargs={"slug": talk.slug}),
        "updated_at": utc_z(talk.updated_at),
    }


def absolute(link: str) -> str:
    return settings.SITE_URL + link if link.startswith("/") else link


def registration_out(talk: Talk) -> dict:
    settings = getattr(talk, "registration_settings", None)
    at = lambda moment: utc_z(moment) if moment else None  # noqa: E731
    return {
        "mode": talk.registration_mode,
        "opens_at": at(settings.opens_at) if settings else None,
        "closes_at": at(settings.closes_at) if settings else None,
        "capacity_online": settings.capacity_online if settings else None,
        "capacity_in_person": settings.capacity_in_person if settings else None,
        "requires_approval": settings.requires_approval if settings else False,
    }


class TalkList(Schema):
    count: int
    items: list[TalkOut]


class TalkIn(Schema):
    """A talk to create or change. Times: ISO 8601 with an offset (…Z for UTC), or a local
    time without offset, read in the talk's `timezone`. End defaults to start + 90 minutes."""

    title: str | None = None
    slug: str | None = None
    summary: str | None = None
    status: str | None = None
    level: str | None = None
    regions: list[str] | None = None
    country: str | None = None
    series: str | None = None
    organisers: list[str] | None = None
    format: str | None = None
    venue: str | None = None
    city: str | None = None
    start: str | None = None
    end: str | None = None
    timezone: str | None = None
    interpretation_languages: list[str] | None = None
    audience: str | None = None
    chatham_house: bool | None = None
    objectives: list[int] | None = None
    principles: list[str] | None = None
    registration_mode: str | None = None
    registration: RegistrationIn | None = None
    registration_url: str | None = None
    info_url: str | None = None
    report_url: str | None = None
    practices_url: str | None = None


class Problem(Schema):
    detail: str
    errors: dict[str, list[str]] = {}
