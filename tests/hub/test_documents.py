"""Documents on practices: the submitter adds and removes them while the practice can change;
reviewers and the secretariat download them; everyone, once the practice is accepted. A bad
upload says why and stores nothing."""

import csv
import io
import json
import re

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from gcmtalks.core.models import AuditEntry
from gcmtalks.hub import services
from gcmtalks.hub.forms import DocumentForm
from gcmtalks.hub.models import PracticeDocument, PracticeLink, Review
from tests.factories import StaffFactory
from tests.hub.conftest import (
    PDF,
    assign,
    attach,
    docx,
    downloaded,
    make_practice,
    stored_files,
)

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def documents_url(practice):
    return f"/hub/mine/{practice.pk}/documents/"


def add(client, practice, title="Evaluation report", name="evaluation.pdf", content=PDF):
    return client.post(
        documents_url(practice), {"title": title, "file": SimpleUploadedFile(name, content)}
    )


def document_actions(practice):
    return list(
        AuditEntry.objects.filter(object_type="hub.practice", object_id=str(practice.pk))
        .filter(action__startswith="practice.document")
        .order_by("id")
        .values_list("action", "actor__username", "changes")
    )


# Adding and removing.


@pytest.mark.parametrize("status", ["draft", "changes_requested"])
def test_submitter_adds_a_document_while_the_practice_can_change(
    client, people, media_root, status
):
    practice = make_practice(people.submitter, status=status)
    client.force_login(people.submitter)
    assert "No documents yet." in client.get(documents_url(practice)).content.decode()
    response = add(client, practice, name="Evaluation (final).pdf")
    assert response.status_code == 302 and response["Location"] == documents_url(practice)
    document = PracticeDocument.objects.get()
    assert (document.practice, document.title, document.uploaded_by) == (
        practice, "Evaluation report", people.submitter)  # fmt: skip
    assert (document.file_name, document.content_type, document.size) == (
        "Evaluation-final.pdf", "application/pdf", len(PDF))  # fmt: skip
    [path] = stored_files(media_root)
    assert re.fullmatch(rf"practices/{practice.pk}/[0-9a-f]{{32}}/Evaluation-final\.pdf", path)
    page = client.get(documents_url(practice)).content.decode()
    assert "The document is added." in page and "Evaluation-final.pdf" in page
    assert document_actions(practice) == [("practice.document_add", people.submitter.username,
        {"document": [None, f"Evaluation report (Evaluation-final.pdf, {len(PDF)} bytes)"]})]  # fmt: skip


def test_a_word_file_is_recognised_by_its_content(client, people):
    practice = make_practice(people.submitter)
    client.force_login(people.submitter)
    add(client, practice, title="Toolkit", name="toolkit.docx", content=docx())
    document = PracticeDocument.objects.get()
    assert (document.file_name, document.content_type) == ("toolkit.docx", DOCX)


def test_submitter_sees_and_downloads_their_documents(client, people):
    practice = make_practice(people.submitter)
    document = attach(practice)
    client.force_login(people.submitter)
    page = client.get(f"/hub/mine/{practice.pk}/").content.decode()
    url = f"/hub/mine/{practice.pk}/documents/{document.pk}/"
    assert f'href="{url}"' in page and "Evaluation report" in page
    assert f'href="{documents_url(practice)}"' in page  # "Add or remove documents"
    response = client.get(url)
    assert response["Content-Disposition"] == 'attachment; filename="evaluation.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert downloaded(response) == PDF


def test_edit_page_points_to_the_documents_page(client, people):
    practice = make_practice(people.submitter)
    attach(practice)
    client.force_login(people.submitter)
    page = client.get(f"/hub/mine/{practice.pk}/edit/").content.decode()
    assert "The practice has 1 document." in page and documents_url(practice) in page
    page = client.get("/hub/submit/").content.decode()
    assert "Once the draft is saved, you can attach documents" in page


def test_submitter_removes_a_document(
    client, people, media_root, django_capture_on_commit_callbacks
):
    practice = make_practice(people.submitter)
    kept, removed = attach(practice, title="Kept"), attach(practice, title="Removed")
    client.force_login(people.submitter)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/hub/mine/{practice.pk}/documents/{removed.pk}/remove/",
                               follow=True)  # fmt: skip
    assert "The document is removed." in response.content.decode()
    assert list(PracticeDocument.objects.all()) == [kept]
    assert stored_files(media_root) == [kept.file.name]
    assert document_actions(practice)[-1] == ("practice.document_remove",
        people.submitter.username, {"document": [services.document_label(removed), None]})  # fmt: skip


# Bad uploads: a message, a 400, nothing stored, nothing audited.

BAD = {
    "text renamed .pdf": ({"name": "note.pdf", "content": b"Just some text, not a PDF."},
                          "This is not a PDF, Word, PowerPoint or Excel file"),
    "zip renamed .docx": ({"name": "note.docx", "content": b"PK\x03\x04broken zip"},
                          "This is not a PDF, Word, PowerPoint or Excel file"),
    "empty file": ({"name": "note.pdf", "content": b""}, "The file is empty."),
    "no title": ({"title": "   "}, "Give the document a title."),
    "title too long": ({"title": "x" * 201}, "Ensure this value has at most 200 characters"),
}  # fmt: skip


@pytest.mark.parametrize("case", BAD)
def test_bad_upload_says_why_and_stores_nothing(client, people, media_root, case):
    fields, message = BAD[case]
    practice = make_practice(people.submitter)
    client.force_login(people.submitter)
    response = add(client, practice, **fields)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "Nothing was stored. Browsers do not keep a chosen file after an error" in page
    assert not PracticeDocument.objects.exists() and stored_files(media_root) == []
    assert document_actions(practice) == []


def test_missing_file_says_so(client, people, media_root):
    practice = make_practice(people.submitter)
    client.force_login(people.submitter)
    response = client.post(documents_url(practice), {"title": "Evaluation"})
    assert response.status_code == 400 and "Choose a file." in response.content.decode()
    assert not PracticeDocument.objects.exists()


def test_oversized_upload_says_why_and_stores_nothing(client, people, media_root, settings):
    settings.UPLOAD_MAX_BYTES = 20
    practice = make_practice(people.submitter)
    client.force_login(people.submitter)
    response = add(client, practice)
    assert response.status_code == 400
    expected = f"The file is too large ({filesizeformat(len(PDF))}); the limit is 20\xa0bytes."
    assert expected in response.content.decode()
    assert not PracticeDocument.objects.exists() and stored_files(media_root) == []


@pytest.mark.parametrize("name", ["../../evil.pdf", "..\\..\\evil.pdf", "a/b.pdf"])
def test_document_form_refuses_names_with_folders(name):
    form = DocumentForm({"title": "Evaluation"}, {"file": ContentFile(PDF, name=name)})
    assert not form.is_valid()
    assert form.errors["file"] == ["The file name must not contain a folder."]


def raw_multipart(filename: str, content: bytes) -> tuple[bytes, str]:
    """A multipart body with the file name exactly as given (the test client would shorten it)."""
    boundary = "BoUnDaRy"
    body = (
        f"--{boundary}\r\n"
        'Content-Disposition: form-data; name="title"\r\n\r\nEvaluation\r\n'
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        "Content-Type: application/pdf\r\n\r\n"
    ).encode() + content + f"\r\n--{boundary}--\r\n".encode()  # fmt: skip
    return body, f"multipart/form-data; boundary={boundary}"


@pytest.mark.parametrize(
    "filename", ["../../evil.pdf", "..\\..\\evil.pdf", "/etc/evil.pdf", "C:\\evil.pdf", ".."]
)
def test_path_characters_never_store_outside_the_practice_folder(
    client, people, media_root, filename
):
    practice = make_practice(people.submitter)
    client.force_login(people.submitter)
    body, content_type = raw_multipart(filename, PDF)
    response = client.post(documents_url(practice), body, content_type=content_type)
    assert response.status_code in (302, 400)
    for path in stored_files(media_root):
        parts = path.split("/")
        assert parts[:2] == ["practices", str(practice.pk)] and len(parts) == 4
        assert ".." not in parts
    for document in PracticeDocument.objects.all():
        assert "/" not in document.file_name and "\\" not in document.file_name


def test_the_service_checks_files_too(people, media_root):
    practice = make_practice(people.submitter)
    with pytest.raises(ValidationError, match="not a PDF"):
        services.document_add(practice=practice, by=people.submitter, title="Evaluation",
                              upload=SimpleUploadedFile("a.pdf", b"text"))  # fmt: skip
    assert not PracticeDocument.objects.exists() and stored_files(media_root) == []


def test_only_the_submitter_adds_documents(people, media_root):
    practice = make_practice(people.submitter)
    with pytest.raises(services.NotAllowed, match="Only the practice's submitter"):
        services.document_add(practice=practice, by=people.secretariat, title="Evaluation",
                              upload=SimpleUploadedFile("a.pdf", PDF))  # fmt: skip
    assert not PracticeDocument.objects.exists() and stored_files(media_root) == []


def test_a_practice_has_at_most_ten_documents(client, people, media_root):
    practice = make_practice(people.submitter)
    for n in range(services.MAX_DOCUMENTS):
        attach(practice, title=f"Document {n}")
    client.force_login(people.submitter)
    response = add(client, practice, title="One too many")
    assert response.status_code == 400
    assert "A practice can have at most 10 documents: remove one first." in (
        response.content.decode()
    )
    assert PracticeDocument.objects.count() == 10 and len(stored_files(media_root)) == 10


@pytest.mark.parametrize("status", ["submitted", "under_review", "accepted", "declined"])
def test_documents_cannot_change_once_submitted(client, people, media_root, status):
    practice = make_practice(people.submitter)
    document = attach(practice)
    practice.status = status
    practice.save()
    files = stored_files(media_root)
    client.force_login(people.submitter)
    page = client.get(documents_url(practice), follow=True).content.decode()
    assert "This practice is in review: it can no longer be changed." in page
    add(client, practice, title="Late addition")
    page = client.post(f"/hub/mine/{practice.pk}/documents/{document.pk}/remove/", follow=True)
    assert "it can no longer be changed" in page.content.decode()
    assert list(PracticeDocument.objects.all()) == [document]
    assert stored_files(media_root) == files
    assert [a for a, *_ in document_actions(practice)] == ["practice.document_add"]


def test_nobody_else_adds_or_removes_documents(client, people, media_root):
    practice = make_practice(people.submitter)
    document = attach(practice)
    assign(practice, people.first)
    for user in (people.outsider, people.first, people.secretariat):
        client.force_login(user)
        assert client.get(documents_url(practice)).status_code == 404
        assert add(client, practice).status_code == 404
        remove = f"/hub/mine/{practice.pk}/documents/{document.pk}/remove/"
        assert client.post(remove).status_code == 404
    assert list(PracticeDocument.objects.all()) == [document]


# Who downloads what.


@pytest.fixture
def in_review(people):
    """A practice under review with one document, one assigned reviewer; and the URLs."""
    practice = make_practice(people.submitter, title="Fair recruitment corridors")
    document = attach(practice)
    practice.status = "under_review"
    practice.save()
    assign(practice, people.first)
    base = f"{practice.pk}/documents/{document.pk}/"
    urls = {"public": f"/hub/{base}", "mine": f"/hub/mine/{base}",
            "workspace": f"/manage/practices/{base}"}  # fmt: skip
    return practice, document, urls


def fetch(client, user, url):
    if user is None:
        client.logout()
    else:
        client.force_login(user)
    response = client.get(url)
    body = downloaded(response) if response.streaming else b""
    return response.status_code, body


def test_reviewers_and_the_secretariat_download_documents_in_review(client, people, in_review):
    practice, _document, urls = in_review
    for user in (people.first, people.secretariat):
        assert fetch(client, user, urls["workspace"]) == (200, PDF)
        page = client.get(f"/manage/practices/{practice.pk}/").content.decode()
        assert f'href="{urls["workspace"]}"' in page


def test_nobody_else_downloads_documents_in_review(client, people, in_review):
    _practice, _document, urls = in_review
    assert fetch(client, people.submitter, urls["mine"]) == (200, PDF)
    for user in (None, people.outsider, people.member, people.first, people.secretariat,
                 people.submitter):  # fmt: skip
        assert fetch(client, user, urls["public"])[0] == 404
    for user in (people.outsider, people.member, people.first, people.secretariat):
        assert fetch(client, user, urls["mine"])[0] == 404
    assert fetch(client, people.member, urls["workspace"])[0] == 404  # not assigned
    # Outside the workspace altogether: refused before any practice is looked at.
    assert fetch(client, people.outsider, urls["workspace"])[0] == 403
    status, _ = fetch(client, None, urls["mine"])
    assert status == 302  # asked to sign in


def test_public_downloads_documents_of_accepted_practices(client, people, in_review):
    practice, document, urls = in_review
    practice.status, practice.decided_at = "accepted", timezone.now()
    practice.save()
    client.logout()
    page = client.get(f"/hub/{practice.pk}/").content.decode()
    assert f'href="{urls["public"]}"' in page and "Evaluation report" in page
    response = client.get(urls["public"])
    assert response.status_code == 200 and "public" in response["Cache-Control"]
    assert response["Content-Disposition"] == 'attachment; filename="evaluation.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert downloaded(response) == PDF
    other = make_practice(people.submitter, status="accepted", decided_at=timezone.now())
    assert client.get(f"/hub/{other.pk}/documents/{document.pk}/").status_code == 404
    assert client.get(f"/hub/{practice.pk}/documents/999999/").status_code == 404


def test_a_declined_practices_documents_stay_private(client, people, in_review):
    practice, _document, urls = in_review
    practice.status = "declined"
    practice.save()
    assert fetch(client, None, urls["public"])[0] == 404
    assert fetch(client, people.first, urls["workspace"]) == (200, PDF)


def test_a_missing_file_answers_404(client, people, in_review, media_root):
    _practice, document, urls = in_review
    document.file.storage.delete(document.file.name)
    assert fetch(client, people.secretariat, urls["workspace"])[0] == 404


# The export for the Network's Hub.


def test_export_gives_each_documents_address(client, people, in_review):
    practice, document, urls = in_review
    practice.status, practice.decided_at = "accepted", timezone.now()
    practice.save()
    make_practice(people.submitter, status="accepted", title="Without documents",
                  decided_at=timezone.now())  # fmt: skip
    data = json.loads(client.get("/hub/export.json").content)
    with_documents, without = data["practices"]
    url = settings.SITE_URL + urls["public"]
    assert with_documents["documents"] == [{
        "title": "Evaluation report", "url": url, "file_name": "evaluation.pdf",
        "content_type": "application/pdf", "size": len(PDF),
    }]  # fmt: skip
    assert without["documents"] == []
    rows = list(
        csv.DictReader(io.StringIO(client.get("/hub/export.csv").content.decode("utf-8-sig")))
    )
    assert rows[0]["documents"] == f"Evaluation report <{url}>" and rows[1]["documents"] == ""
    assert list(rows[0])[-3:] == ["documents", "written_in", "translations"]  # new ones last
    assert downloaded(client.get(url.removeprefix(settings.SITE_URL))) == PDF


def test_export_leaves_out_documents_of_practices_not_accepted(client, in_review):
    assert json.loads(client.get("/hub/export.json").content)["practices"] == []


# The secretariat's admin.


def test_admin_shows_a_practice_with_its_links_documents_and_reviews(client, people, in_review):
    practice, document, urls = in_review
    PracticeLink.objects.create(practice=practice, label="Evaluation site",
                                url="https://example.org/e")  # fmt: skip
    Review.objects.filter(practice=practice).update(comments="Convincing figures.")
    client.force_login(StaffFactory())
    listing = client.get("/admin/hub/practice/").content.decode()
    assert "Fair recruitment corridors" in listing
    page = client.get(f"/admin/hub/practice/{practice.pk}/change/").content.decode()
    assert "Evaluation site" in page and "Convincing figures." in page
    assert f'href="{urls["workspace"]}"' in page and "evaluation.pdf" in page
    assert client.get("/admin/hub/practice/add/").status_code == 403
    response = client.post(f"/admin/hub/practice/{practice.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert PracticeDocument.objects.filter(pk=document.pk).exists()
