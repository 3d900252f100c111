"""Who may use each view of the recording's workspace page."""

import pytest
from django.urls import reverse

from gcmtalks.accounts.models import Organisation, OrganisationMember
from gcmtalks.core.models import AuditEntry
from gcmtalks.recordings.models import Captions, Recording
from gcmtalks.talks.models import Organiser
from tests.factories import (
    OrganiserFactory,
    OrganiserMemberFactory,
    StaffFactory,
    TwoFactorFactory,
    UserFactory,
)
from tests.recordings.conftest import VTT, recording_of, upload

pytestmark = pytest.mark.django_db

PAGE = "/manage/talks/held-talk/recording/"
ENDPOINTS = {
    "page": ("get", PAGE, None),
    "save": ("post", PAGE, {"url": "https://vimeo.com/1", "access": "public", "transcript_access": "public"}),
    "publish": ("post", PAGE + "publish/", {}),
    "unpublish": ("post", PAGE + "unpublish/", {}),
    "captions": ("post", PAGE + "captions/", {"captions-language": "fr"}),
    "captions_remove": ("post", PAGE + "captions/en/remove/", {}),
    "transcript_remove": ("post", PAGE + "transcripts/en/remove/", {}),
}  # fmt: skip
OUTSIDERS = ("partner", "other_member", "no_two_factors")
ORGANISERS = ("member", "lead", "secretariat", "staff")


def person(role, workstream):
    if role == "partner":
        user = TwoFactorFactory()
        organisation = Organisation.objects.create(name="Migrant Forum", type="civil_society")
        OrganisationMember.objects.create(organisation=organisation, user=user)
        return user
    if role == "other_member":
        return OrganiserMemberFactory(organiser=OrganiserFactory(slug="ws-climate")).user
    if role == "no_two_factors":
        return OrganiserMemberFactory(organiser=workstream, user=UserFactory()).user
    if role in ("member", "lead"):
        return OrganiserMemberFactory(organiser=workstream, role=role).user
    if role == "secretariat":
        secretariat = OrganiserFactory(slug="secretariat", kind=Organiser.Kind.SECRETARIAT)
        return OrganiserMemberFactory(organiser=secretariat).user
    return StaffFactory()


def call(client, endpoint):
    method, url, data = ENDPOINTS[endpoint]
    if endpoint == "captions":
        data = {**data, "captions-file": upload("fr.vtt", VTT)}
    return getattr(client, method)(url, data) if data is not None else client.get(url)


def recording_with_captions(talk):
    recording = recording_of(talk, status="published")
    Captions.objects.create(recording=recording, language="en", file_name="en.vtt",
                            content_type="text/vtt", size=1, file=upload("en.vtt", VTT))  # fmt: skip
    return recording


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_permission_anonymous_is_sent_to_sign_in(client, talk, endpoint):
    recording_with_captions(talk)
    response = call(client, endpoint)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("role", OUTSIDERS)
def test_permission_outsiders_change_nothing(client, talk, workstream, endpoint, role):
    recording = recording_with_captions(talk)
    client.force_login(person(role, workstream))
    response = call(client, endpoint)
    if role == "no_two_factors":  # a member of the workstream: sent to set them up
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("mfa_activate_totp"))
    else:
        assert response.status_code == 403
    assert Recording.objects.get() == recording and Recording.objects.get().url == recording.url
    assert Recording.objects.get().status == "published"
    assert list(Captions.objects.values_list("language", flat=True)) == ["en"]
    assert not AuditEntry.objects.filter(action__startswith="recording").exists()


@pytest.mark.parametrize("role", ORGANISERS)
def test_permission_organisers_of_the_talk_use_every_view(client, talk, workstream, role):
    recording_with_captions(talk)
    client.force_login(person(role, workstream))
    assert call(client, "page").status_code == 200
    assert call(client, "captions").status_code == 302
    assert call(client, "unpublish").status_code == 302
    assert Recording.objects.get().status == "draft"
    assert sorted(Captions.objects.values_list("language", flat=True)) == ["en", "fr"]


def test_permission_unknown_talk_is_forbidden_before_not_found(client, workstream):
    client.force_login(person("member", workstream))
    assert client.get("/manage/talks/no-such-talk/recording/").status_code == 403
    client.force_login(person("staff", workstream))
    assert client.get("/manage/talks/no-such-talk/recording/").status_code == 404
