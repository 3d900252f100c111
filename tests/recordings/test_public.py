"""The recording on the public talk page and its captions and transcripts, for each access
level against each kind of visitor; anything a visitor may not see is 404."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gcmtalks.core.models import Access, Country
from gcmtalks.recordings.models import Captions, Recording, Transcript
from gcmtalks.talks.models import Organiser
from tests.factories import OrganiserFactory, OrganiserMemberFactory, StaffFactory, TalkFactory
from tests.recordings.conftest import (
    PDF,
    VTT,
    as_registrant,
    held,
    member_state,
    recording_of,
    registration,
    upload,
)

pytestmark = pytest.mark.django_db

IFRAME = '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"'


def with_files(recording, languages=("en",)):
    for language in languages:
        Captions.objects.create(recording=recording, language=language, file_name=f"{language}.vtt",
                                content_type="text/vtt", size=len(VTT),
                                file=upload(f"{language}.vtt", VTT))  # fmt: skip
        Transcript.objects.create(recording=recording, language=language, file_name=f"{language}.pdf",
                                  content_type="application/pdf", size=len(PDF),
                                  file=upload(f"{language}.pdf", PDF))  # fmt: skip
    return recording


def status_of(client, url) -> int:
    response = client.get(url)
    if response.streaming:  # read to the end, the file answer closes its file
        b"".join(response.streaming_content)
    return response.status_code


def page(client, talk):
    response = client.get(f"/talks/{talk.slug}/")
    assert response.status_code == 200
    return response.content.decode()


def test_youtube_recording_embedded_with_a_title_and_a_plain_link(client, talk):
    recording_of(talk, status="published")
    html = page(client, talk)
    assert IFRAME in html
    assert 'title="Recording of Fair recruitment in practice"' in html
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in html
    assert "Watch the recording on YouTube" in html


def test_vimeo_recording_embedded(client, talk):
    recording_of(talk, url="https://vimeo.com/76979871", host="vimeo", status="published")
    assert '<iframe src="https://player.vimeo.com/video/76979871?dnt=1"' in page(client, talk)


@pytest.mark.parametrize(
    ("url", "host", "label"),
    [
        ("https://webtv.un.org/en/asset/k1x/k1xyz123", "un_web_tv", "Watch the recording on UN Web TV"),
        ("https://example.org/gcm-talk.mp4", "other", "Watch the recording"),
    ],
)  # fmt: skip
def test_other_hosts_shown_as_a_link_only(client, talk, url, host, label):
    recording_of(talk, url=url, host=host, status="published")
    html = page(client, talk)
    assert "<iframe" not in html
    assert f'<a href="{url}" rel="noopener">{label}</a>' in html


def test_draft_recording_not_shown(client, talk):
    with_files(recording_of(talk))
    client.force_login(StaffFactory())
    assert 'id="recording"' not in page(client, talk)
    assert status_of(client, f"/talks/{talk.slug}/recording/captions/en/") == 200  # checking
    client.logout()
    assert status_of(client, f"/talks/{talk.slug}/recording/captions/en/") == 404


def test_captions_and_transcript_links_in_their_own_language(client, talk):
    with_files(recording_of(talk, status="published"), ("en", "ar"))
    html = page(client, talk)
    assert (
        f'href="/talks/{talk.slug}/recording/captions/ar/" hreflang="ar" download><span lang="ar">العربيّة</span>'
        in html
    )
    assert f'href="/talks/{talk.slug}/recording/transcript/en/"' in html


def test_captions_download_is_the_file(client, talk):
    with_files(recording_of(talk, status="published"))
    response = client.get(f"/talks/{talk.slug}/recording/captions/en/")
    assert response["Content-Type"] == "text/vtt"
    assert response["Content-Disposition"] == 'attachment; filename="en.vtt"'
    assert b"".join(response.streaming_content).decode() == VTT
    response = client.get(f"/talks/{talk.slug}/recording/transcript/en/")
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF


def test_file_missing_from_the_storage_is_not_found(client, talk):
    """A file deleted from the disk (or the bucket) behind the database's back: 404, not 500."""
    recording = with_files(recording_of(talk, status="published"))
    for item in (recording.captions.get(), recording.transcripts.get()):
        item.file.storage.delete(item.file.name)
    assert status_of(client, f"/talks/{talk.slug}/recording/captions/en/") == 404
    assert status_of(client, f"/talks/{talk.slug}/recording/transcript/en/") == 404


def test_cache_headers_public_and_restricted(client, talk):
    """Public files are kept five minutes by shared caches, restricted ones by none; neither is
    sniffed into another type."""
    with_files(recording_of(talk, status="published", transcript_access=Access.REGISTRANTS))
    as_registrant(client, registration(talk))
    public = client.get(f"/talks/{talk.slug}/recording/captions/en/")
    restricted = client.get(f"/talks/{talk.slug}/recording/transcript/en/")
    for response in (public, restricted):
        b"".join(response.streaming_content)
        assert response["X-Content-Type-Options"] == "nosniff"
    assert public["Cache-Control"] == "public, max-age=300"
    assert restricted["Cache-Control"] == "private, no-store"


def test_file_urls_of_unknown_talks_and_languages_are_not_found(client, talk):
    with_files(recording_of(talk, status="published"))
    for url in ("/talks/nope/recording/captions/en/", f"/talks/{talk.slug}/recording/captions/fr/",
                f"/talks/{talk.slug}/recording/transcript/xx/"):  # fmt: skip
        assert status_of(client, url) == 404


# The access matrix.

VISITORS = ("anonymous", "registrant", "member_state", "organiser", "secretariat", "other_talk")
SEES = {
    Access.PUBLIC: set(VISITORS),
    Access.REGISTRANTS: {"registrant", "member_state", "organiser", "secretariat"},
    Access.MEMBER_STATES: {"member_state", "organiser", "secretariat"},
    Access.ORGANISERS: {"organiser", "secretariat"},
}


def visit_as(client, visitor, talk):
    if visitor == "registrant":
        as_registrant(client, registration(talk))
    elif visitor == "member_state":
        as_registrant(client, registration(talk, member_state=member_state()))
    elif visitor == "other_talk":  # a registrant of another talk
        as_registrant(client, registration(TalkFactory(), member_state=member_state()))
    elif visitor == "organiser":
        client.force_login(OrganiserMemberFactory(organiser=talk.organisers.get()).user)
    elif visitor == "secretariat":
        secretariat = OrganiserFactory(kind=Organiser.Kind.SECRETARIAT)
        client.force_login(OrganiserMemberFactory(organiser=secretariat).user)
    return client


@pytest.mark.parametrize("access", Access.values)
@pytest.mark.parametrize("visitor", VISITORS)
def test_recording_access(client, talk, access, visitor):
    with_files(recording_of(talk, access=access, transcript_access=access, status="published"))
    visit_as(client, visitor, talk)
    sees = visitor in SEES[access]
    html = page(client, talk)
    assert (IFRAME in html) is sees
    assert (f"/talks/{talk.slug}/recording/transcript/en/" in html) is sees
    captions = status_of(client, f"/talks/{talk.slug}/recording/captions/en/")
    transcript = status_of(client, f"/talks/{talk.slug}/recording/transcript/en/")
    assert (captions, transcript) == ((200, 200) if sees else (404, 404))
    if access == Access.REGISTRANTS and not sees:
        assert "The recording is for the registrants of this talk" in html
    if access == Access.ORGANISERS:
        assert ('id="recording"' in html) is sees  # nothing said of it to others


def test_transcript_access_apart_from_the_recording(client, talk):
    with_files(recording_of(talk, access=Access.PUBLIC, transcript_access=Access.REGISTRANTS,
                            status="published"))  # fmt: skip
    html = page(client, talk)
    assert IFRAME in html and "/recording/transcript/en/" not in html
    assert status_of(client, f"/talks/{talk.slug}/recording/captions/en/") == 200
    assert status_of(client, f"/talks/{talk.slug}/recording/transcript/en/") == 404
    as_registrant(client, registration(talk))
    assert "/recording/transcript/en/" in page(client, talk)
    assert status_of(client, f"/talks/{talk.slug}/recording/transcript/en/") == 200


def test_cancelled_registrant_sees_nothing_restricted(client, talk):
    with_files(recording_of(talk, access=Access.REGISTRANTS, transcript_access=Access.REGISTRANTS,
                            status="published"))  # fmt: skip
    as_registrant(client, registration(talk, status="cancelled"))
    assert IFRAME not in page(client, talk)
    assert status_of(client, f"/talks/{talk.slug}/recording/captions/en/") == 404


# Query counts.


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("access", [Access.PUBLIC, Access.REGISTRANTS])
def test_query_count_talk_page_same_for_one_and_many_files(client, workstream, access):
    one, many = held(workstream, slug="one"), held(workstream, slug="many")
    with_files(recording_of(one, access=access, status="published"), ["en"])
    with_files(
        recording_of(many, access=access, status="published"),
        ["en", "fr", "es", "ar", "ru", "zh-hans"],
    )
    as_registrant(client, registration(one, 1))
    as_registrant(client, registration(many, 2))
    assert queries_of(client, "/talks/one/") == queries_of(client, "/talks/many/")


def test_query_count_workspace_recording_page_same_for_one_and_many_files(
    client, workstream, member
):
    from gcmtalks.panels.models import Speaker

    client.force_login(member)
    one, many = held(workstream, slug="one"), held(workstream, slug="many")
    with_files(recording_of(one), ["en"])
    with_files(recording_of(many), ["en", "fr", "es", "ar", "ru", "zh-hans"])
    Speaker.objects.create(talk=one, name="Speaker 1")
    Speaker.objects.bulk_create(Speaker(talk=many, name=f"Speaker {n}") for n in range(8))
    assert queries_of(client, "/manage/talks/one/recording/") == queries_of(
        client, "/manage/talks/many/recording/"
    )


def test_member_state_fixture_is_one_country():
    assert Country.objects.filter(code="ZZ").count() == 0
    member_state(), member_state()
    assert Country.objects.filter(code="ZZ").count() == 1


def test_recording_model_reads_as_its_talk(talk):
    assert str(recording_of(talk)) == "Recording of Fair recruitment in practice"
    assert Recording.objects.get().embed_url.startswith("https://www.youtube-nocookie.com/")
