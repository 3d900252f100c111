"""Who may see a talk's restricted material: known through the personal link's session, a
verified email address, or the talk's organisers."""

import pytest
from allauth.account.models import EmailAddress
from django.test import RequestFactory

from gcmtalks.core.models import Access, Country
from gcmtalks.registrations.mail import token_for
from gcmtalks.registrations.models import Registration
from gcmtalks.registrations.viewers import viewer_for
from tests.factories import (
    OrganiserFactory,
    OrganiserMemberFactory,
    StaffFactory,
    TalkFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def registration(talk, email="ana@example.org", status=Registration.Status.CONFIRMED, **extra):
    return Registration.objects.create(
        talk=talk, email=email, name="Ana", attendance_mode="online", status=status, **extra
    )


def request_of(client, user=None):
    request = RequestFactory().get("/")
    request.session = client.session
    from django.contrib.auth.models import AnonymousUser

    request.user = user or AnonymousUser()
    return request


def levels(viewer):
    return [level for level in Access.values if viewer.may_see(level)]


def test_viewer_anonymous_sees_public_only(client):
    talk = TalkFactory()
    assert levels(viewer_for(request_of(client), talk)) == [Access.PUBLIC]


def test_viewer_personal_link_makes_a_registrant(client):
    talk = TalkFactory()
    mine = registration(talk)
    client.get(f"/registrations/{token_for(mine)}/")
    viewer = viewer_for(request_of(client), talk)
    assert levels(viewer) == [Access.PUBLIC, Access.REGISTRANTS]
    assert not viewer_for(request_of(client), TalkFactory()).registrant  # another talk


def test_viewer_cancelled_registrant_is_nobody(client):
    talk = TalkFactory()
    mine = registration(talk, status=Registration.Status.CANCELLED)
    client.get(f"/registrations/{token_for(mine)}/")
    assert not viewer_for(request_of(client), talk).registrant


def test_viewer_member_state_participant(client):
    talk = TalkFactory()
    country = Country.objects.create(code="ZZ", name="Zedland")
    mine = registration(talk, member_state=country)
    client.get(f"/registrations/{token_for(mine)}/")
    assert levels(viewer_for(request_of(client), talk)) == [
        Access.PUBLIC,
        Access.REGISTRANTS,
        Access.MEMBER_STATES,
    ]


def test_viewer_signed_in_with_a_verified_address(client):
    talk = TalkFactory()
    registration(talk, email="ana@example.org")
    user = UserFactory(email="ana@example.org")
    EmailAddress.objects.create(user=user, email="ana@example.org", verified=False, primary=True)
    assert not viewer_for(request_of(client, user), talk).registrant
    EmailAddress.objects.filter(user=user).update(verified=True)
    assert viewer_for(request_of(client, user), talk).registrant


def test_viewer_organisers_and_secretariat_see_everything(client):
    workstream, other = OrganiserFactory(), OrganiserFactory()
    talk = TalkFactory()
    talk.organisers.add(workstream)
    member = OrganiserMemberFactory(organiser=workstream).user
    outsider = OrganiserMemberFactory(organiser=other).user
    assert levels(viewer_for(request_of(client, member), talk)) == Access.values
    assert levels(viewer_for(request_of(client, StaffFactory()), talk)) == Access.values
    assert levels(viewer_for(request_of(client, outsider), talk)) == [Access.PUBLIC]
