"""The recording's page in the organisers' workspace: link and access (with the Chatham
House Rule), captions and transcripts, publishing, the consent warning."""

import html

import pytest
from django.core.files.storage import default_storage

from gcmtalks.core.models import Access, AuditEntry
from gcmtalks.panels.models import Speaker
from gcmtalks.recordings.models import Captions, Recording, Transcript
from gcmtalks.recordings.services import RecordingRefused, recording_save
from tests.factories import in_days
from tests.recordings.conftest import PDF, SRT, VTT, docx, held, recording_of, upload

pytestmark = pytest.mark.django_db

CHATHAM = (
    "This talk is held under the Chatham House Rule: its recording and transcript cannot be public."
)


def page_of(talk):
    return f"/manage/talks/{talk.slug}/recording/"


def text(response) -> str:
    return html.unescape(response.content.decode()).replace("\xa0", " ")


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def link(url="https://www.youtube.com/watch?v=dQw4w9WgXcQ", access="public", transcripts="public"):
    return {"url": url, "access": access, "transcript_access": transcripts}


def stored_files():
    found = []
    folders = ["recordings"]
    while folders:
        folder = folders.pop()
        if not default_storage.exists(folder):
            continue
        subfolders, files = default_storage.listdir(folder)
        folders += [f"{folder}/{name}" for name in subfolders]
        found += [f"{folder}/{name}" for name in files]
    return found


# Link and access.


def test_recording_link_added_with_its_host_and_audited(member_client, talk, member):
    response = member_client.post(page_of(talk), link(), follow=True)
    assert "The recording's link and access are saved." in messages_of(response)
    recording = Recording.objects.get(talk=talk)
    assert (recording.host, recording.status) == ("youtube", "draft")
    entry = AuditEntry.objects.get(action="recording.create")
    assert entry.actor == member
    assert entry.changes["url"] == [None, "https://www.youtube.com/watch?v=dQw4w9WgXcQ"]


def test_recording_link_without_scheme_is_read_as_https(member_client, talk):
    member_client.post(page_of(talk), link(url="webtv.un.org/en/asset/k1x/k1xyz123"))
    recording = Recording.objects.get(talk=talk)
    assert (recording.url, recording.host) == (
        "https://webtv.un.org/en/asset/k1x/k1xyz123",
        "un_web_tv",
    )


def test_recording_link_changed_keeps_one_recording(member_client, talk):
    recording_of(talk)
    member_client.post(page_of(talk), link(url="https://vimeo.com/76979871", access="registrants"))
    recording = Recording.objects.get(talk=talk)
    assert (recording.host, recording.access) == ("vimeo", "registrants")
    assert AuditEntry.objects.get(action="recording.change").changes["host"] == ["youtube", "vimeo"]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("javascript:alert(1)", "The link must be a web address starting with https:// or http://."),
        ("ftp://files.example.org/talk.mp4", "The link must be a web address starting with https:// or http://."),
        ("data:text/html,hello", "The link must be a web address starting with https:// or http://."),
        ("https://exa mple.org/video", "This is not a web address: copy it from the browser's address bar."),
        ("", "This field is required."),
    ],
)  # fmt: skip
def test_recording_link_not_a_web_address_is_refused(member_client, talk, url, message):
    response = member_client.post(page_of(talk), link(url=url))
    assert response.status_code == 200
    assert message in text(response)
    assert "Nothing was saved" in text(response)
    assert not Recording.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="recording").exists()


def test_recording_access_not_a_choice_is_refused(member_client, talk):
    response = member_client.post(page_of(talk), link(access="everyone"))
    assert "Select a valid choice" in text(response)
    assert not Recording.objects.exists()


def test_chatham_house_talk_refuses_a_public_recording_with_the_reason(member_client, workstream):
    talk = held(workstream, chatham_house=True)
    response = member_client.post(page_of(talk), link(access="public", transcripts="registrants"))
    assert CHATHAM in text(response)
    assert not Recording.objects.exists()


def test_chatham_house_talk_refuses_a_public_transcript_with_the_reason(member_client, workstream):
    talk = held(workstream, chatham_house=True)
    response = member_client.post(page_of(talk), link(access="registrants", transcripts="public"))
    assert CHATHAM in text(response)
    assert not Recording.objects.exists()


def test_chatham_house_talk_refuses_a_change_to_public_and_keeps_the_recording(
    member_client, workstream
):
    talk = held(workstream, chatham_house=True)
    recording_of(talk, access="registrants", transcript_access="registrants")
    response = member_client.post(page_of(talk), link(access="public", transcripts="registrants"))
    assert CHATHAM in text(response)
    assert Recording.objects.get(talk=talk).access == "registrants"


def test_chatham_house_talk_allows_registrants_only(member_client, workstream, member):
    talk = held(workstream, chatham_house=True)
    page = member_client.get(page_of(talk)).content.decode()
    assert 'value="registrants" required id="id_access_1" checked' in page  # the default here
    member_client.post(page_of(talk), link(access="registrants", transcripts="member_states"))
    recording = Recording.objects.get(talk=talk)
    assert (recording.access, recording.transcript_access) == ("registrants", "member_states")


def test_chatham_house_service_refuses_a_public_recording(workstream, member):
    talk = held(workstream, chatham_house=True)
    with pytest.raises(RecordingRefused) as refused:
        recording_save(talk=talk, by=member, url="https://youtu.be/dQw4w9WgXcQ",
                       access=Access.PUBLIC, transcript_access=Access.ORGANISERS)  # fmt: skip
    assert refused.value.errors == {"access": CHATHAM}


def test_chatham_house_set_later_blocks_publishing_a_public_recording(member_client, talk):
    recording_of(talk)
    talk.chatham_house = True
    talk.save()
    page = member_client.get(page_of(talk)).content.decode()
    assert CHATHAM in page and "Publish the recording" not in page
    response = member_client.post(page_of(talk) + "publish/", follow=True)
    assert f"Nothing was changed. {CHATHAM}" in messages_of(response)
    assert Recording.objects.get(talk=talk).status == "draft"


# Publishing.


def test_recording_published_and_back_to_draft_audited(member_client, talk):
    recording_of(talk)
    response = member_client.post(page_of(talk) + "publish/", follow=True)
    assert (
        "The recording is published. Registrants are told by mail once the talk is over."
        in messages_of(response)
    )
    recording = Recording.objects.get(talk=talk)
    assert recording.status == "published" and recording.published_at
    assert "Geneva time" in text(response)
    response = member_client.post(page_of(talk) + "unpublish/", follow=True)
    assert "The recording is a draft again: it is no longer shown." in messages_of(response)
    assert Recording.objects.get(talk=talk).status == "draft"
    actions = list(
        AuditEntry.objects.filter(action__startswith="recording.").values_list("action", flat=True)
    )
    assert actions == ["recording.unpublish", "recording.publish"]


def test_recording_before_the_talk_starts_cannot_be_published(member_client, workstream):
    talk = held(workstream, start=in_days(3))
    recording_of(talk)
    page = member_client.get(page_of(talk)).content.decode()
    assert "The recording can be published once the talk has started." in page
    response = member_client.post(page_of(talk) + "publish/", follow=True)
    assert (
        "Nothing was changed. The recording can be published once the talk has started."
        in messages_of(response)
    )
    assert Recording.objects.get(talk=talk).status == "draft"


def test_recording_of_a_cancelled_talk_cannot_be_published(member_client, workstream):
    talk = held(workstream, status="cancelled")
    recording_of(talk)
    response = member_client.post(page_of(talk) + "publish/", follow=True)
    assert (
        "Nothing was changed. Only the recording of a published talk can be published."
        in messages_of(response)
    )


def test_recording_publish_without_a_recording_is_not_found(member_client, talk):
    assert member_client.post(page_of(talk) + "publish/").status_code == 404


def test_publishing_empties_the_public_cache(
    member_client, talk, settings, django_capture_on_commit_callbacks
):
    from gcmtalks.core import public_cache

    recording_of(talk)
    before = public_cache.version.current()
    with django_capture_on_commit_callbacks(execute=True):
        member_client.post(page_of(talk) + "publish/")
    assert public_cache.version.current() != before


# Consent of the speakers.


def test_consent_warning_names_speakers_who_refused_or_did_not_answer(member_client, talk):
    recording_of(talk)
    Speaker.objects.create(talk=talk, name="Amina Yusuf", recording_consent=True)
    Speaker.objects.create(talk=talk, name="Rosa Díaz", recording_consent=False)
    Speaker.objects.create(talk=talk, name="Li Wei", recording_consent=None)
    Speaker.objects.create(talk=talk, name="Not Coming", confirmed=False)
    page = member_client.get(page_of(talk)).content.decode()
    warning = page.split('id="consent-warning"')[1].split("</div>")[0]
    refused, unanswered = warning.split("have not answered")
    assert "Rosa Díaz" in refused and "Li Wei" in unanswered
    assert "Amina Yusuf" not in warning and "Not Coming" not in warning
    assert "Publish the recording" in page  # a warning, not a block


def test_consent_warning_absent_when_everyone_agreed(member_client, talk):
    Speaker.objects.create(talk=talk, name="Amina Yusuf", recording_consent=True)
    assert "consent-warning" not in member_client.get(page_of(talk)).content.decode()


# Captions and transcripts.


def test_captions_uploaded_in_two_languages_and_replaced(
    member_client, talk, member, django_capture_on_commit_callbacks
):
    recording_of(talk)
    url = page_of(talk) + "captions/"
    response = member_client.post(
        url, {"captions-language": "en", "captions-file": upload("talk.vtt", VTT)}, follow=True
    )
    assert "The file is saved." in messages_of(response)
    member_client.post(
        url, {"captions-language": "fr", "captions-file": upload("Sous-titres été.srt", SRT)}
    )
    captions = {c.language: c for c in Captions.objects.all()}
    assert (captions["en"].content_type, captions["en"].file_name) == ("text/vtt", "talk.vtt")
    assert (captions["fr"].content_type, captions["fr"].file_name) == (
        "application/x-subrip",
        "Sous-titres-ete.srt",
    )
    assert captions["en"].uploaded_by == member
    first = captions["en"].file.name
    with django_capture_on_commit_callbacks(execute=True):
        member_client.post(
            url, {"captions-language": "en", "captions-file": upload("new.vtt", VTT + "\n")}
        )
    assert Captions.objects.get(language="en").file_name == "new.vtt"
    assert not default_storage.exists(first)
    assert len(stored_files()) == 2
    changes = AuditEntry.objects.filter(action="recording.captions_add").first().changes
    assert changes == {"captions_en": ["talk.vtt", "new.vtt"]}


def test_captions_with_a_byte_order_mark_and_windows_lines_accepted(member_client, talk):
    recording_of(talk)
    data = ("\ufeff" + VTT).replace("\n", "\r\n").encode()
    member_client.post(
        page_of(talk) + "captions/",
        {"captions-language": "ar", "captions-file": upload("ar.vtt", data)},
    )
    assert Captions.objects.get().language == "ar"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("binary.vtt", bytes(range(256)) * 4, "This is not a captions file"),
        ("latin1.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nÉté\n".encode("latin-1"), "The captions file must be saved as UTF-8 text."),
        ("empty.vtt", b"", "The submitted file is empty."),
        ("report.vtt", PDF, "This is not a captions file"),
        ("notes.srt", "Just some notes about the talk.\n", "This is not a captions file"),
    ],
)  # fmt: skip
def test_captions_bad_file_refused_and_nothing_stored(member_client, talk, name, content, message):
    recording_of(talk)
    response = member_client.post(
        page_of(talk) + "captions/",
        {"captions-language": "en", "captions-file": upload(name, content)},
    )
    assert response.status_code == 200
    assert message in text(response)
    assert not Captions.objects.exists() and stored_files() == []
    assert not AuditEntry.objects.filter(action__startswith="recording.captions").exists()


def test_captions_too_large_refused(member_client, talk, settings):
    settings.UPLOAD_MAX_BYTES = 100
    recording_of(talk)
    response = member_client.post(
        page_of(talk) + "captions/",
        {"captions-language": "en", "captions-file": upload("big.vtt", VTT * 5)},
    )
    assert "The file is too large (320 bytes); the limit is 100 bytes." in text(response)
    assert not Captions.objects.exists() and stored_files() == []


def test_captions_in_an_unknown_language_refused(member_client, talk):
    recording_of(talk)
    response = member_client.post(
        page_of(talk) + "captions/",
        {"captions-language": "xx", "captions-file": upload("x.vtt", VTT)},
    )
    assert "Select a valid choice" in text(response)
    assert not Captions.objects.exists()


def test_captions_without_a_recording_are_not_found(member_client, talk):
    response = member_client.post(
        page_of(talk) + "captions/",
        {"captions-language": "en", "captions-file": upload("x.vtt", VTT)},
    )
    assert response.status_code == 404 and stored_files() == []


def test_captions_removed_with_their_file(member_client, talk, django_capture_on_commit_callbacks):
    recording_of(talk)
    member_client.post(
        page_of(talk) + "captions/",
        {"captions-language": "en", "captions-file": upload("talk.vtt", VTT)},
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(page_of(talk) + "captions/en/remove/", follow=True)
    assert "The file is removed." in messages_of(response)
    assert not Captions.objects.exists() and stored_files() == []
    response = member_client.post(page_of(talk) + "captions/en/remove/", follow=True)
    assert "Nothing was changed. There is no such file to remove." in messages_of(response)


def test_transcripts_pdf_and_word_accepted(member_client, talk):
    recording_of(talk)
    url = page_of(talk) + "transcripts/"
    member_client.post(
        url, {"transcript-language": "en", "transcript-file": upload("Transcript.pdf", PDF)}
    )
    member_client.post(
        url, {"transcript-language": "es", "transcript-file": upload("transcripcion.docx", docx())}
    )
    types = dict(Transcript.objects.values_list("language", "content_type"))
    assert types == {
        "en": "application/pdf",
        "es": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }
    assert len(stored_files()) == 2


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("transcript.pdf", "This is only text, renamed.", "This is not a PDF, Word, PowerPoint or Excel file"),
        ("transcript.pdf", b"", "The submitted file is empty."),
        ("captions.docx", VTT, "This is not a PDF, Word, PowerPoint or Excel file"),
    ],
)  # fmt: skip
def test_transcript_bad_file_refused_and_nothing_stored(
    member_client, talk, name, content, message
):
    recording_of(talk)
    response = member_client.post(
        page_of(talk) + "transcripts/",
        {"transcript-language": "en", "transcript-file": upload(name, content)},
    )
    assert message in text(response)
    assert not Transcript.objects.exists() and stored_files() == []


def test_transcript_spreadsheet_refused(member_client, talk):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    recording_of(talk)
    response = member_client.post(
        page_of(talk) + "transcripts/",
        {"transcript-language": "en", "transcript-file": upload("t.xlsx", buffer.getvalue())},
    )
    assert "A transcript must be a PDF or Word (.docx) file." in text(response)
    assert not Transcript.objects.exists() and stored_files() == []


# The section on the talk's workspace page.


def test_workspace_talk_page_invites_to_add_a_recording(member_client, talk):
    page = member_client.get(f"/manage/talks/{talk.slug}/").content.decode()
    assert "No recording yet." in page and f'href="{page_of(talk)}"' in page


def test_workspace_talk_page_shows_the_recording(member_client, talk):
    recording = recording_of(talk, access="registrants", status="published")
    member_client.post(
        page_of(talk) + "captions/",
        {"captions-language": "fr", "captions-file": upload("fr.vtt", VTT)},
    )
    page = member_client.get(f"/manage/talks/{talk.slug}/").content.decode()
    section = page.split('id="recording-heading"')[1].split("</section>")[0]
    assert "Published" in section and recording.url in section and "YouTube" in section
    assert "Registrants" in section and "French" in section and "Manage the recording" in section
