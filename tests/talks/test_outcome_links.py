"""The calendar's and the workstream pages' outcome columns: published public concept notes
and agendas, the recording and the summary report, else the typed links, else "Coming soon"."""

import re
from datetime import timedelta

import pytest

from gcmtalks.core.models import Access
from gcmtalks.documents.models import Document, Version
from gcmtalks.recordings.models import Recording
from gcmtalks.reports.models import SummaryReport
from tests.factories import OrganiserFactory, TalkFactory, in_days

pytestmark = pytest.mark.django_db


def document(talk, kind, access=Access.PUBLIC, status=Document.Status.PUBLISHED, languages=("en",)):
    note = Document.objects.create(talk=talk, kind=kind, access=access, status=status)
    for language in languages:
        Version.objects.create(document=note, language=language, text=f"{kind} {language}")
    return note


def row_of(page: str, title: str) -> str:
    """The calendar row (its <tr>) that names the talk."""
    return next(row for row in re.findall(r"<tr.*?</tr>", page, re.S) if title in row)


@pytest.mark.parametrize("path", ["/", "/workstreams/ws-labour/"])
def test_outcome_links_on_the_calendar_and_workstream_pages(client, path):
    workstream = OrganiserFactory(slug="ws-labour")
    held = TalkFactory(title="Held talk", start=in_days(-3), end=in_days(-3) + timedelta(hours=1))
    coming = TalkFactory(title="Coming talk", start=in_days(9), end=in_days(9) + timedelta(hours=1))
    bare = TalkFactory(title="Bare talk", start=in_days(-5), end=in_days(-5) + timedelta(hours=1))
    for talk in (held, coming, bare):
        talk.organisers.add(workstream)
    note = document(coming, Document.Kind.CONCEPT_NOTE, languages=("en", "fr"))
    agenda = document(coming, Document.Kind.AGENDA)
    document(coming, Document.Kind.BACKGROUND)  # not a concept note or agenda
    document(held, Document.Kind.CONCEPT_NOTE, access=Access.REGISTRANTS)  # not public
    document(held, Document.Kind.AGENDA, status=Document.Status.DRAFT)  # not published
    SummaryReport.objects.create(talk=held, status=SummaryReport.Status.PUBLISHED)
    Recording.objects.create(
        talk=held, url="https://vimeo.com/1", status="published", access=Access.PUBLIC
    )

    page = client.get(path).content.decode()
    row = row_of(page, "Coming talk")
    assert f'href="/talks/{coming.slug}/documents/{note.pk}/en/">Concept note' in row
    assert f'href="/talks/{coming.slug}/documents/{agenda.pk}/en/">Agenda' in row
    assert "Background paper" not in row and "Coming soon" not in row
    row = row_of(page, "Held talk")
    assert f'href="/talks/{held.slug}/#recording">Recording' in row
    assert f'href="/talks/{held.slug}/report/">Read the report' in row
    assert "Concept note" not in row and "Agenda" not in row
    assert row_of(page, "Bare talk").count("Coming soon") == 3

    french = client.get("/fr" + path).content.decode()
    assert f"/fr/talks/{coming.slug}/documents/{note.pk}/fr/" in row_of(french, "Coming talk")


def test_the_hub_column_counts_accepted_practices(client):
    from gcmtalks.hub.models import Practice

    talk = TalkFactory(title="Held talk", start=in_days(-3), end=in_days(-3) + timedelta(hours=1))
    for status in ("accepted", "accepted", "submitted"):
        practice = Practice.objects.create(title="A practice", status=status)
        practice.talks.add(talk)
    row = row_of(client.get("/").content.decode(), "Held talk")
    assert f'href="/hub/?talk={talk.slug}">2 practices' in row
