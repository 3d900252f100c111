"""The reads others use: the briefs for the calendar and workstream pages, the registrant's
documents for the briefing pack, the two template tags; and the admin."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from gcmtalks.core.models import Access, AuditEntry
from gcmtalks.documents.models import Document
from gcmtalks.documents.queries import (
    file_bytes,
    for_registrant,
    public_briefs,
    talks_with_concept_note,
    version_for,
)
from gcmtalks.talks.models import Talk
from tests.documents.conftest import PDF, add_document
from tests.factories import StaffFactory, TalkFactory, in_days

pytestmark = pytest.mark.django_db


def test_public_briefs_per_talk_in_order_with_fallback(talk):
    add_document(talk, kind="agenda", title="Programme", versions=[("en", "a.pdf")])
    add_document(talk, versions=[("en", "a.pdf"), ("fr", "b.pdf")])
    add_document(talk, kind="background", title="Paper")
    add_document(talk, title="Registrants' note", access=Access.REGISTRANTS)
    add_document(talk, title="Draft note", publish=False)
    briefs = public_briefs([talk.pk], "fr")
    assert [(b.kind, b.title, b.language, b.fallback) for b in briefs[talk.pk]] == [
        ("concept_note", "Concept note", "fr", False),
        ("agenda", "Programme", "en", True),
    ]
    assert briefs[talk.pk][0].url.endswith(f"/talks/{talk.slug}/documents/"
                                           f"{Document.objects.get(title='').pk}/fr/")  # fmt: skip


def test_public_briefs_leave_out_draft_talks(talk):
    add_document(talk)
    Talk.objects.filter(pk=talk.pk).update(status=Talk.Status.DRAFT)
    assert public_briefs([talk.pk], "en") == {}


def test_public_briefs_cost_two_queries_for_any_number_of_talks(talk):
    talks = [talk, *(TalkFactory() for _ in range(5))]
    for each in talks:
        add_document(each)
        add_document(each, kind="agenda")
    for ids in ([talk.pk], [t.pk for t in talks]):
        with CaptureQueriesContext(connection) as queries:
            briefs = public_briefs(ids, "en")
        assert len(queries) == 2
        assert all(len(items) == 2 for items in briefs.values()) and len(briefs) == len(ids)


@pytest.mark.parametrize(
    ("member_state", "titles"),
    [(False, ["Public note", "Registrants' agenda"]),
     (True, ["Public note", "Registrants' agenda", "Member States' agenda"])],
)  # fmt: skip
def test_for_registrant(talk, member_state, titles):
    add_document(talk, title="Public note")
    add_document(talk, kind="agenda", title="Registrants' agenda", access=Access.REGISTRANTS)
    add_document(talk, kind="agenda", title="Member States' agenda", access=Access.MEMBER_STATES)
    add_document(talk, title="Organisers' note", access=Access.ORGANISERS)
    add_document(talk, kind="background", title="Paper", access=Access.REGISTRANTS)
    add_document(talk, title="Draft", publish=False)
    documents = for_registrant(talk, member_state)
    assert [d.title for d in documents] == titles
    assert file_bytes(version_for(documents[0], "fr")) == PDF


def test_talks_with_concept_note(talk):
    other = TalkFactory()
    add_document(talk)
    add_document(other, publish=False)
    assert talks_with_concept_note([talk.pk, other.pk]) == {talk.pk}


# The public talk page's tag.


def render_talk_documents(talk, user=None):
    request = RequestFactory().get(talk.get_absolute_url())
    request.session = SessionStore()
    request.user = user or AnonymousUser()
    template = Template("{% load documents %}{% talk_documents talk %}")
    return template.render(Context({"talk": talk, "request": request}))


@pytest.mark.parametrize("user", ["anonymous", "staff"])
def test_talk_documents_query_count_is_the_same_for_1_and_many(talk, user):
    viewer = StaffFactory() if user == "staff" else None
    counts = []
    for total in (1, 8):
        Document.objects.all().delete()
        for n in range(total):
            add_document(talk, title=f"Paper {n}", kind="background",
                         versions=[("en", "a.pdf"), ("fr", "b.txt")])  # fmt: skip
            add_document(talk, title=f"Hidden {n}", access=Access.MEMBER_STATES)
        if viewer:
            viewer = type(viewer).objects.get(pk=viewer.pk)  # roles are read once per request
        with CaptureQueriesContext(connection) as queries:
            html = render_talk_documents(talk, viewer)
        assert html.count("Paper ") == total
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_talk_documents_in_arabic(talk):
    add_document(talk, title="المذكرة المفاهيمية", versions=[("ar", "a.pdf")])
    with translation.override("ar"):
        html = render_talk_documents(talk)
    assert 'hreflang="ar"' in html and "المذكرة المفاهيمية" in html


# The workspace talk page's tag.


def render_workspace_documents(talk):
    template = Template("{% load documents %}{% workspace_documents talk %}")
    return template.render(Context({"talk": talk}))


def test_workspace_section_warns_without_a_concept_note(talk):
    add_document(talk, kind="agenda")
    add_document(talk, publish=False)  # a draft concept note does not count
    html = render_workspace_documents(talk)
    assert "1 document published, 1 draft." in html
    assert "has no published concept note" in html
    assert f'href="/manage/talks/{talk.slug}/documents/"' in html


def test_workspace_section_without_warning(talk):
    add_document(talk)
    assert "has no published concept note" not in render_workspace_documents(talk)
    Document.objects.all().delete()
    Talk.objects.filter(pk=talk.pk).update(start=in_days(30), end=in_days(30, hour=16))
    talk.refresh_from_db()
    html = render_workspace_documents(talk)
    assert "0 documents published, 0 drafts." in html
    assert "has no published concept note" not in html


def test_workspace_talk_page_has_the_section(client, people, talk):
    client.force_login(people.organiser)
    html = client.get(f"/manage/talks/{talk.slug}/").content.decode()
    assert "has no published concept note" in html


# The admin.


def test_admin_shows_versions_and_audits_changes(client, talk):
    staff = StaffFactory()
    client.force_login(staff)
    document = add_document(talk, versions=[("en", "note.pdf")])
    url = f"/admin/documents/document/{document.pk}/change/"
    assert "note.pdf" in client.get(url).content.decode()
    response = client.post(
        url, {"kind": "agenda", "title": "Programme", "access": "public",
              "versions-TOTAL_FORMS": "1", "versions-INITIAL_FORMS": "1",
              "versions-MIN_NUM_FORMS": "0", "versions-MAX_NUM_FORMS": "0",
              "versions-0-id": str(document.versions.get().pk),
              "versions-0-document": str(document.pk)},
    )  # fmt: skip
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="document.change")
    assert entry.changes["title"] == ["", "Programme"] and entry.actor == staff
