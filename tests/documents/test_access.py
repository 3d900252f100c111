"""Who may open a document and see it on the talk page: every access level against every kind
of viewer. Anything a viewer may not see answers 404, so its address reveals nothing."""

import pytest

from gcmtalks.core.models import Access
from gcmtalks.documents import services
from gcmtalks.documents.queries import registrant_url
from gcmtalks.registrations.mail import token_for
from gcmtalks.registrations.models import Registration
from gcmtalks.talks.models import Talk
from tests.documents.conftest import PDF, VIEWERS, add_document, register
from tests.factories import TalkFactory

pytestmark = pytest.mark.django_db

SEES = {
    "anonymous": {Access.PUBLIC},
    "registrant": {Access.PUBLIC, Access.REGISTRANTS},
    "cancelled_registrant": {Access.PUBLIC},
    "member_state": {Access.PUBLIC, Access.REGISTRANTS, Access.MEMBER_STATES},
    "organiser": set(Access.values),
    "other_organiser": {Access.PUBLIC},
    "secretariat": set(Access.values),
}
MATRIX = [(viewer, level) for viewer in VIEWERS for level in Access.values]


def url(document, language="en"):
    return f"/talks/{document.talk.slug}/documents/{document.pk}/{language}/"


@pytest.mark.parametrize(("viewer", "level"), MATRIX)
def test_download_by_access_level(become, talk, viewer, level):
    document = add_document(talk, access=level, title="Note for the matrix")
    response = become(viewer).get(url(document))
    if level in SEES[viewer]:
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == 'attachment; filename="concept-note.pdf"'
        assert response["X-Content-Type-Options"] == "nosniff"
    else:
        assert response.status_code == 404
        assert b"Note for the matrix" not in response.content


@pytest.mark.parametrize(("viewer", "level"), MATRIX)
def test_talk_page_lists_by_access_level(become, talk, viewer, level):
    add_document(talk, access=level, title="Note for the matrix")
    page = become(viewer).get(talk.get_absolute_url()).content.decode()
    assert ("Note for the matrix" in page) == (level in SEES[viewer])


def status(response) -> int:
    if response.streaming:
        b"".join(response.streaming_content)  # reading a file answer to its end closes it
    return response.status_code


def test_cache_headers_public_and_restricted(become, client, talk):
    public = add_document(talk, access=Access.PUBLIC)
    restricted = add_document(talk, access=Access.REGISTRANTS)
    response = client.get(url(public))
    assert status(response) == 200
    assert response["Cache-Control"] == "public, max-age=300"
    response = become("registrant").get(url(restricted))
    assert status(response) == 200
    assert response["Cache-Control"] == "private, no-store"


def test_registrants_url_guessed_by_someone_else_is_404(become, client, talk):
    document = add_document(talk, access=Access.REGISTRANTS)
    become("registrant")
    assert status(client.get(url(document))) == 200
    client.logout()  # a new session: someone who was given or guessed the address
    assert client.get(url(document)).status_code == 404
    other_talk = TalkFactory(slug="another-talk")
    register(other_talk, "dan@example.org")
    wrong_slug = f"/talks/another-talk/documents/{document.pk}/en/"
    assert client.get(wrong_slug).status_code == 404


def test_draft_document_is_404_for_the_public_not_for_organisers(become, client, talk):
    document = add_document(talk, title="Unfinished note", publish=False)
    assert client.get(url(document)).status_code == 404
    assert "Unfinished note" not in client.get(talk.get_absolute_url()).content.decode()
    assert status(become("organiser").get(url(document))) == 200


def test_unpublished_again_is_404(client, talk):
    document = add_document(talk)
    assert status(client.get(url(document))) == 200
    services.document_unpublish(document=document, by=None)
    assert client.get(url(document)).status_code == 404


def test_draft_talk_hides_its_documents(become, client, talk):
    document = add_document(talk)
    Talk.objects.filter(pk=talk.pk).update(status=Talk.Status.DRAFT)
    assert client.get(url(document)).status_code == 404
    assert become("registrant").get(url(document)).status_code == 404
    assert status(become("secretariat").get(url(document))) == 200


@pytest.mark.parametrize("language", ["fr", "xx", "../en"])
def test_missing_or_unknown_language_is_404(client, talk, language):
    document = add_document(talk)
    assert client.get(url(document, language)).status_code == 404


def test_unknown_document_is_404(client, talk):
    assert client.get(f"/talks/{talk.slug}/documents/999/en/").status_code == 404
    assert client.get("/talks/no-such-talk/documents/1/en/").status_code == 404


def test_post_to_a_document_is_refused(client, talk):
    document = add_document(talk)
    assert client.post(url(document)).status_code == 405


def test_text_version_is_a_page(client, talk):
    document = add_document(talk, versions=[("ar", "نص المذكرة.txt")], title="Note")
    response = client.get(url(document, "ar"))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'lang="ar" dir="rtl"' in page
    assert "نص المذكرة.txt" in page


def test_hint_for_viewers_missing_restricted_documents(become, client, talk):
    add_document(talk, access=Access.MEMBER_STATES, title="Secret agenda")
    add_document(talk, access=Access.ORGANISERS, title="Internal notes")
    page = client.get(talk.get_absolute_url()).content.decode()
    assert "Member State participants find more documents here" in page
    assert "Secret agenda" not in page and "Internal notes" not in page
    page = become("member_state").get(talk.get_absolute_url()).content.decode()
    assert "find more documents" not in page
    assert "Secret agenda" in page and "Internal notes" not in page


def test_hint_for_registrants(client, talk):
    add_document(talk, access=Access.REGISTRANTS, title="Reading list")
    page = client.get(talk.get_absolute_url()).content.decode()
    assert "Registrants find more documents here" in page
    assert "Reading list" not in page


def test_no_hint_for_organisers_only_documents(client, talk):
    add_document(talk, access=Access.ORGANISERS, title="Internal notes")
    page = client.get(talk.get_absolute_url()).content.decode()
    assert "find more documents" not in page
    assert 'id="documents-heading"' not in page


def test_link_from_a_registrants_mail_works_in_a_fresh_browser(client, talk):
    document = add_document(talk, access=Access.REGISTRANTS)
    version = document.versions.get()
    mine = register(talk, "ana@example.org")
    assert status(client.get(registrant_url(mine, version))) == 200
    assert status(client.get(url(document))) == 200  # remembered, as the personal link is


@pytest.mark.parametrize("who", ["cancelled", "other_talk", "forged"])
def test_link_with_someone_elses_token_is_404(client, talk, who):
    document = add_document(talk, access=Access.REGISTRANTS)
    version = document.versions.get()
    if who == "cancelled":
        link = registrant_url(
            register(talk, "ben@example.org", status=Registration.Status.CANCELLED), version
        )
    elif who == "other_talk":
        other = register(TalkFactory(), "ben@example.org")
        link = url(document) + "?r=" + token_for(other)
    else:
        link = url(document) + "?r=" + token_for(register(talk, "ana@example.org")) + "x"
    assert client.get(link).status_code == 404
