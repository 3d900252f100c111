"""Only PDF, DOCX, PPTX and XLSX files, recognised by their content, not empty, not too large,
under a plain name: a refused upload shows why, and nothing is stored."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat

from gcmtalks.documents import services
from gcmtalks.documents.forms import VersionForm
from gcmtalks.documents.models import Version
from gcmtalks.documents.uploads import check_document_file
from tests.documents.conftest import PDF, add_document, office, read, stored_files, upload, xlsx

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "Not an Office file")
    return buffer.getvalue()


BAD = {
    "text renamed .pdf": ("note.pdf", b"Just some text, not a PDF at all.", "not a PDF"),
    "zip renamed .docx": ("note.docx", plain_zip(), "not a PDF"),
    "office parts without content types": ("note.xlsx", b"PK\x03\x04broken zip", "not a PDF"),
    "macro-enabled word file": (
        "note.docx",
        office("word/document.xml", "word/vbaProject.bin"),
        "not a PDF",
    ),
    "empty file": ("note.pdf", b"", "The file is empty."),
    "name with folders": ("..\\..\\evil.pdf", PDF, "must not contain a folder"),
    "name with a slash": ("../../evil.pdf", PDF, "must not contain a folder"),
}


def as_file(name, content):
    # ContentFile keeps the name as given; SimpleUploadedFile would cut "a/b/" off.
    return ContentFile(content, name=name)


@pytest.mark.parametrize("case", BAD)
def test_check_document_file_refuses(case):
    name, content, message = BAD[case]
    with pytest.raises(ValidationError, match=message):
        check_document_file(as_file(name, content))


def test_check_document_file_refuses_oversized(settings):
    settings.UPLOAD_MAX_BYTES = 20
    with pytest.raises(ValidationError, match="too large"):
        check_document_file(upload(content=PDF))


@pytest.mark.parametrize("case", BAD)
def test_version_form_refuses_with_a_message(case):
    name, content, message = BAD[case]
    form = VersionForm({"language": "en"}, {"file": as_file(name, content)})
    assert not form.is_valid()
    assert message in form.errors["file"][0]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("Concept note (final).pdf", PDF, ("Concept-note-final.pdf", "application/pdf")),
        ("agenda.docx", office("word/document.xml"), ("agenda.docx", DOCX)),
        ("slides.pptx", office("ppt/presentation.xml"), ("slides.pptx", PPTX)),
        ("figures.xlsx", xlsx(), ("figures.xlsx", XLSX)),
        ("mislabelled.docx", PDF, ("mislabelled.pdf", "application/pdf")),
        ("Note éé.pdf", PDF, ("Note-ee.pdf", "application/pdf")),
    ],
)
def test_valid_files_are_accepted(name, content, expected):
    assert check_document_file(SimpleUploadedFile(name, content)) == expected


# Over HTTP, in the workspace.


def version_url(document):
    return f"/manage/talks/{document.talk.slug}/documents/{document.pk}/versions/"


@pytest.fixture
def organiser_client(client, people):
    client.force_login(people.organiser)
    return client


@pytest.mark.parametrize("case", [c for c in BAD if "name" not in c])
def test_bad_upload_over_http_stores_nothing(organiser_client, talk, media_root, case):
    name, content, message = BAD[case]
    document = add_document(talk, versions=[], publish=False)
    response = organiser_client.post(
        version_url(document), {"language": "en", "file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "Nothing was stored" in response.content.decode()
    assert not Version.objects.exists()
    assert stored_files(media_root) == []


def test_oversized_upload_over_http_stores_nothing(organiser_client, talk, media_root, settings):
    settings.UPLOAD_MAX_BYTES = 20
    document = add_document(talk, versions=[], publish=False)
    response = organiser_client.post(version_url(document), {"language": "en", "file": upload()})
    expected = f"The file is too large ({filesizeformat(len(PDF))}); the limit is 20\xa0bytes."
    assert expected in response.content.decode()
    assert not Version.objects.exists()
    assert stored_files(media_root) == []


def test_refused_replacement_keeps_the_existing_version(organiser_client, talk, media_root):
    document = add_document(talk, versions=[("fr", "note-fr.pdf")])
    before = Version.objects.get()
    files = stored_files(media_root)
    response = organiser_client.post(
        version_url(document),
        {"language": "fr", "file": SimpleUploadedFile("note.pdf", b"plain text")},
    )
    assert "not a PDF" in response.content.decode()
    after = Version.objects.get()
    assert (after.file.name, after.file_name, after.size) == (
        before.file.name,
        before.file_name,
        before.size,
    )
    assert stored_files(media_root) == files
    assert read(after) == PDF


def raw_multipart(filename: str, content: bytes) -> tuple[bytes, str]:
    """A multipart body with the file name exactly as given (the test client would shorten it)."""
    boundary = "BoUnDaRy"
    body = (
        (
            f"--{boundary}\r\n"
            'Content-Disposition: form-data; name="language"\r\n\r\nen\r\n'
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="file"; filename="{filename}"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


@pytest.mark.parametrize(
    "filename", ["../../evil.pdf", "..\\..\\evil.pdf", "/etc/evil.pdf", "C:\\evil.pdf", ".."]
)
def test_path_characters_never_store_outside_the_documents_folder(
    organiser_client, talk, media_root, filename
):
    document = add_document(talk, versions=[], publish=False)
    body, content_type = raw_multipart(filename, PDF)
    response = organiser_client.post(version_url(document), body, content_type=content_type)
    assert response.status_code in (200, 302)
    for path in stored_files(media_root):
        parts = path.split("/")
        assert parts[:2] == ["documents", str(talk.pk)] and len(parts) == 4
        assert ".." not in parts
    for version in Version.objects.all():
        assert "/" not in version.file_name and "\\" not in version.file_name


def test_file_and_text_together_are_refused(organiser_client, talk, media_root):
    document = add_document(talk, versions=[], publish=False)
    response = organiser_client.post(
        version_url(document), {"language": "en", "file": upload(), "text": "Also a text"}
    )
    page = response.content.decode()
    assert "Give either a file or a text, not both." in page
    assert "Also a text" in page  # what was typed is kept
    assert not Version.objects.exists()
    assert stored_files(media_root) == []


def test_neither_file_nor_text_is_refused(organiser_client, talk):
    document = add_document(talk, versions=[], publish=False)
    response = organiser_client.post(version_url(document), {"language": "en", "text": "  "})
    assert "Give a file or a text." in response.content.decode()
    assert not Version.objects.exists()


def test_unknown_language_is_refused(organiser_client, talk):
    document = add_document(talk, versions=[], publish=False)
    response = organiser_client.post(version_url(document), {"language": "xx", "file": upload()})
    assert "Select a valid choice" in response.content.decode()
    assert not Version.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [("a.pdf", PDF), ("b.docx", office("word/document.xml")),
     ("c.pptx", office("ppt/presentation.xml")), ("d.xlsx", xlsx())],
)  # fmt: skip
def test_valid_upload_over_http_is_stored(organiser_client, talk, media_root, name, content):
    document = add_document(talk, versions=[], publish=False)
    response = organiser_client.post(
        version_url(document), {"language": "en", "file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 302
    version = Version.objects.get()
    assert version.file_name == name and version.size == len(content)
    assert read(version) == content
    assert len(stored_files(media_root)) == 1


def test_the_service_checks_files_too(talk, media_root):
    document = add_document(talk, versions=[], publish=False)
    with pytest.raises(ValidationError, match="not a PDF"):
        services.version_save(document=document, by=None, language="en",
                              upload=SimpleUploadedFile("a.pdf", b"text"))  # fmt: skip
    assert not Version.objects.exists()
    assert stored_files(media_root) == []
