"""A talk's documents in the organisers' workspace: creating, editing, language versions,
publishing and deleting, each audited; bad input changes nothing; who may use each view."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gcmtalks.core import public_cache
from gcmtalks.core.models import Access, AuditEntry
from gcmtalks.documents import services
from gcmtalks.documents.models import Document, Version
from gcmtalks.talks.models import Talk
from tests.documents.conftest import SLUG, add_document, read, stored_files, upload
from tests.factories import OrganiserMemberFactory, TalkFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST = f"/manage/talks/{SLUG}/documents/"


def page(document):
    return f"{LIST}{document.pk}/"


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def actions(document):
    return list(
        AuditEntry.objects.filter(object_type="documents.document", object_id=str(document.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


@pytest.fixture
def organiser_client(client, people):
    client.force_login(people.organiser)
    return client


def test_create_a_document(organiser_client, talk):
    response = organiser_client.post(
        LIST + "new/", {"kind": "concept_note", "title": "  Concept note ", "access": "public"}
    )
    document = Document.objects.get()
    assert response.url == page(document)
    assert (document.kind, document.title, document.status) == ("concept_note", "Concept note",
                                                                 "draft")  # fmt: skip
    assert actions(document) == ["document.create"]
    assert "The document is created" in messages_of(organiser_client.get(response.url))[0]


@pytest.mark.parametrize(
    ("audience", "access"), [("member_states", "member_states"), ("open_to_all", "public")]
)
def test_new_document_access_follows_the_audience(organiser_client, talk, audience, access):
    Talk.objects.filter(pk=talk.pk).update(audience=audience)
    form = organiser_client.get(LIST + "new/").context["form"]
    assert form["access"].value() == access


@pytest.mark.parametrize(
    "data", [{"kind": "minutes", "access": "public"}, {"kind": "agenda", "access": "everyone"},
             {"kind": "agenda", "access": "public", "title": "x" * 201}]
)  # fmt: skip
def test_create_with_bad_input_saves_nothing(organiser_client, talk, data):
    response = organiser_client.post(LIST + "new/", data)
    assert response.status_code == 200
    assert "Please correct the fields marked below." in response.content.decode()
    assert not Document.objects.exists()


def test_edit_a_document(organiser_client, talk):
    document = add_document(talk, publish=False)
    response = organiser_client.post(
        page(document), {"kind": "agenda", "title": "Programme", "access": "registrants"}
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.kind, document.title, document.access) == ("agenda", "Programme",
                                                                 "registrants")  # fmt: skip
    change = AuditEntry.objects.get(action="document.change")
    assert change.changes["access"] == ["public", "registrants"]
    assert str(change.actor.pk) == organiser_client.session["_auth_user_id"]


def test_edit_with_bad_input_changes_nothing(organiser_client, talk):
    document = add_document(talk, title="Concept note", publish=False)
    response = organiser_client.post(page(document), {"kind": "", "title": "New", "access": ""})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    document.refresh_from_db()
    assert document.title == "Concept note"
    assert "document.change" not in actions(document)


def test_add_a_text_version_then_replace_it_with_a_file(
    organiser_client, talk, media_root, django_capture_on_commit_callbacks
):
    document = add_document(talk, versions=[], publish=False)
    versions = page(document) + "versions/"
    response = organiser_client.post(versions, {"language": "fr", "text": "Note conceptuelle"})
    assert response.status_code == 302
    assert Version.objects.get().text == "Note conceptuelle"
    organiser_client.post(versions, {"language": "fr", "file": upload("note.pdf")})
    version = Version.objects.get()
    assert (version.text, version.file_name, version.uploaded_by.pk) == (
        "",
        "note.pdf",
        int(organiser_client.session["_auth_user_id"]),
    )
    assert actions(document)[-2:] == ["document.version_save", "document.version_save"]
    assert AuditEntry.objects.latest("id").changes == {
        "version_fr": ["text (17 characters)", f"note.pdf ({version.size} bytes)"]
    }


def test_replacing_a_file_deletes_the_old_one_after_commit(
    organiser_client, talk, media_root, django_capture_on_commit_callbacks
):
    document = add_document(talk, versions=[("en", "old.pdf")], publish=False)
    old = stored_files(media_root)
    with django_capture_on_commit_callbacks(execute=True):
        organiser_client.post(
            page(document) + "versions/", {"language": "en", "file": upload("new.pdf")}
        )
    files = stored_files(media_root)
    assert len(files) == 1 and files != old and files[0].endswith("/new.pdf")
    assert Version.objects.get().file.name == files[0]


def test_the_list_shows_languages_files_and_sizes(organiser_client, talk):
    add_document(talk, title="Concept note", versions=[("en", "note.pdf"), ("fr", "Bonjour.txt")])
    html = organiser_client.get(LIST).content.decode()
    assert "English: <bdi>note.pdf</bdi>" in html
    assert "French: text" in html
    assert "Published" in html


def test_remove_a_version_deletes_its_file_after_commit(
    organiser_client, talk, media_root, django_capture_on_commit_callbacks
):
    document = add_document(talk, versions=[("en", "a.pdf"), ("fr", "b.pdf")])
    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(page(document) + "versions/fr/remove/")
    assert "The French version is removed." in messages_of(organiser_client.get(response.url))
    assert list(Version.objects.values_list("language", flat=True)) == ["en"]
    assert [path.rsplit("/", 1)[1] for path in stored_files(media_root)] == ["a.pdf"]
    assert actions(document)[-1] == "document.version_remove"


def test_the_last_version_of_a_published_document_stays(organiser_client, talk, media_root):
    document = add_document(talk)
    response = organiser_client.post(page(document) + "versions/en/remove/", follow=True)
    assert "take it back to draft first" in messages_of(response)[0]
    assert Version.objects.count() == 1
    assert len(stored_files(media_root)) == 1


def test_removing_a_missing_version_is_refused(organiser_client, talk):
    document = add_document(talk)
    response = organiser_client.post(page(document) + "versions/ru/remove/", follow=True)
    assert "Nothing was changed. The document has no version in this language." in (
        messages_of(response)
    )


def test_publish_needs_a_version(organiser_client, talk):
    document = add_document(talk, versions=[], publish=False)
    response = organiser_client.post(page(document) + "publish/", follow=True)
    assert (
        "Add the document in at least one language before publishing it."
        in (messages_of(response)[0])
    )
    document.refresh_from_db()
    assert document.status == "draft" and document.published_at is None


def test_publish_and_unpublish_refresh_the_public_pages(
    organiser_client, talk, django_capture_on_commit_callbacks
):
    document = add_document(talk, publish=False)
    version = public_cache.version.current()
    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(page(document) + "publish/", follow=True)
    assert "The document is published" in messages_of(response)[0]
    assert public_cache.version.current() != version
    document.refresh_from_db()
    assert document.status == "published" and document.published_at is not None
    assert "(CET, UTC+1)" in response.content.decode() or "(CEST, UTC+2)" in (
        response.content.decode()
    )
    version = public_cache.version.current()
    with django_capture_on_commit_callbacks(execute=True):
        organiser_client.post(page(document) + "unpublish/")
    assert public_cache.version.current() != version
    document.refresh_from_db()
    assert document.status == "draft" and document.published_at is None
    assert actions(document)[-2:] == ["document.publish", "document.unpublish"]


def test_publishing_twice_is_refused(organiser_client, talk):
    document = add_document(talk)
    response = organiser_client.post(page(document) + "publish/", follow=True)
    assert "The document is already published." in messages_of(response)[0]


def test_delete_a_document_and_its_files(
    organiser_client, talk, media_root, django_capture_on_commit_callbacks
):
    document = add_document(talk, versions=[("en", "a.pdf"), ("fr", "b.pdf")])
    confirm = organiser_client.get(page(document) + "delete/")
    assert "its 2 language versions are deleted for good" in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(page(document) + "delete/")
    assert response.url == LIST
    assert not Document.objects.exists() and not Version.objects.exists()
    assert stored_files(media_root) == []
    entry = AuditEntry.objects.get(action="document.delete")
    assert entry.changes["status"] == ["published", None]
    assert entry.changes["version_fr"] == ["b.pdf (48 bytes)", None]


def test_a_document_of_another_talk_is_404(organiser_client, talk, workstream):
    other = TalkFactory(slug="other-talk")
    other.organisers.set([workstream])
    document = add_document(other)
    assert organiser_client.get(page(document)).status_code == 404
    assert organiser_client.post(page(document) + "publish/").status_code == 404


def test_the_download_link_works_for_the_organiser(organiser_client, talk):
    document = add_document(talk, versions=[("en", "a.pdf")], publish=False)
    html = organiser_client.get(page(document)).content.decode()
    link = f"/talks/{SLUG}/documents/{document.pk}/en/"
    assert f'href="{link}"' in html
    response = organiser_client.get(link)
    assert b"".join(response.streaming_content) == read(Version.objects.get())


def test_list_page_query_count_is_the_same_for_1_and_many(organiser_client, talk):
    counts = []
    for total in (1, 8):
        Document.objects.all().delete()
        for n in range(total):
            add_document(talk, title=f"Paper {n}", kind="background",
                         versions=[("en", "a.pdf"), ("fr", "b.txt")])  # fmt: skip
        with CaptureQueriesContext(connection) as queries:
            response = organiser_client.get(LIST)
        assert response.content.decode().count("Paper ") == total
        counts.append(len(queries))
    assert counts[0] == counts[1]


# Who may use each view.

ENDPOINTS = {
    # name: (method, path after the documents' folder, data, the document's status before)
    "list": ("get", "", None, "draft"),
    "new": ("get", "new/", None, "draft"),
    "create": ("post", "new/", {"kind": "agenda", "title": "", "access": "public"}, "draft"),
    "detail": ("get", "{pk}/", None, "draft"),
    "edit": ("post", "{pk}/", {"kind": "agenda", "title": "New", "access": "public"}, "draft"),
    "version": ("post", "{pk}/versions/", {"language": "fr", "text": "Bonjour"}, "draft"),
    "remove": ("post", "{pk}/versions/en/remove/", {}, "draft"),
    "publish": ("post", "{pk}/publish/", {}, "draft"),
    "unpublish": ("post", "{pk}/unpublish/", {}, "published"),
    "delete_page": ("get", "{pk}/delete/", None, "draft"),
    "delete": ("post", "{pk}/delete/", {}, "draft"),
}
ALLOWED = ("organiser", "secretariat")
ROLES = ("anonymous", "registered_user", "other_organiser", "without_two_factors", *ALLOWED)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_workspace_permissions(client, people, talk, workstream, endpoint, role):
    method, path, data, status = ENDPOINTS[endpoint]
    document = add_document(talk, publish=status == "published")
    entries = AuditEntry.objects.count()
    if role == "registered_user":
        client.force_login(UserFactory())
    elif role == "without_two_factors":
        client.force_login(OrganiserMemberFactory(organiser=workstream, user__mfa=False).user)
    elif role != "anonymous":
        client.force_login(getattr(people, role))
    response = getattr(client, method)(LIST + path.format(pk=document.pk), data)
    if role in ALLOWED:
        assert response.status_code == (200 if method == "get" else 302)
        assert (AuditEntry.objects.count() > entries) == (method == "post")
        return
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response.url
    elif role == "without_two_factors":
        assert response.status_code == 302 and "/2fa/totp/activate/" in response.url
    else:
        assert response.status_code == 403
    assert AuditEntry.objects.count() == entries
    assert Document.objects.get().status == status


def test_registrants_only_draft_access_choices(organiser_client, talk):
    """Every access level is offered, from the widest to the narrowest."""
    form = organiser_client.get(LIST + "new/").context["form"]
    assert [value for value, _label in form.fields["access"].choices if value] == Access.values


def test_a_document_deleted_meanwhile(organiser_client, talk):
    document = add_document(talk, publish=False)
    Document.objects.filter(pk=document.pk).delete()
    with pytest.raises(services.DocumentNotAllowed, match="deleted this document meanwhile"):
        services.document_update(document=document, by=None, kind="agenda", title="",
                                 access="public")  # fmt: skip
