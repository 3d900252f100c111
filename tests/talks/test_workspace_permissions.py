"""Who may use each view and action of the organisers' workspace for talks."""

import pytest

from gcmtalks.accounts.models import Organisation, OrganisationMember
from gcmtalks.core.models import AuditEntry
from gcmtalks.talks.models import Organiser, OrganiserMember, Talk
from gcmtalks.talks.services import talk_form_data
from tests.factories import (
    OrganiserFactory,
    OrganiserMemberFactory,
    StaffFactory,
    TalkFactory,
    TwoFactorFactory,
    UserFactory,
    in_days,
)

pytestmark = pytest.mark.django_db

TITLE = "Labour mobility and skills partnerships"
SLUG = "labour-talk"
TALK = f"/manage/talks/{SLUG}/"


def new_talk_data():
    day = in_days(30)
    return {
        "title": "Fair recruitment in practice",
        "level": "global",
        "format": "online",
        "start": f"{day:%Y-%m-%d} 15:00",
        "timezone": "Europe/Zurich",
        "audience": "open_to_all",
        "registration_mode": "not_yet_open",
        "organisers": ["ws-labour"],
    }


def edit_data():
    return {**talk_form_data(Talk.objects.get(slug=SLUG)), "title": "A new title"}


# name: (method, url, data or a function giving it, the talk's status before)
ENDPOINTS = {
    "dashboard": ("get", "/manage/", None, "published"),
    "new": ("get", "/manage/talks/new/", None, "published"),
    "create": ("post", "/manage/talks/new/", new_talk_data, "published"),
    "talk": ("get", TALK, None, "published"),
    "edit": ("get", TALK + "edit/", None, "published"),
    "save": ("post", TALK + "edit/", edit_data, "published"),
    "publish": ("post", TALK + "publish/", {}, "draft"),
    "postpone_page": ("get", TALK + "postpone/", None, "published"),
    "postpone": ("post", TALK + "postpone/", {"start": ""}, "published"),
    "cancel_page": ("get", TALK + "cancel/", None, "published"),
    "cancel": ("post", TALK + "cancel/", {}, "published"),
}
ORGANISERS_OF_THE_TALK = ("member", "lead", "secretariat", "staff")
ROLES = ("anonymous", "partner", "other_member", *ORGANISERS_OF_THE_TALK)


def person(role):
    """A user in `role` towards the talk organised by the workstream ws-labour."""
    workstream = Organiser.objects.get(slug="ws-labour")
    if role == "anonymous":
        return None
    if role == "partner":
        user = TwoFactorFactory()
        organisation = Organisation.objects.create(name="Migrant Forum", type="civil_society")
        OrganisationMember.objects.create(organisation=organisation, user=user)
        return user
    if role == "other_member":
        return OrganiserMemberFactory(organiser=OrganiserFactory(slug="ws-climate")).user
    if role in ("member", "lead"):
        return OrganiserMemberFactory(organiser=workstream, role=role).user
    if role == "secretariat":
        secretariat = OrganiserFactory(slug="secretariat", kind=Organiser.Kind.SECRETARIAT)
        return OrganiserMemberFactory(organiser=secretariat).user
    return StaffFactory()


def state():
    talks = Talk.objects.order_by("pk").values_list("slug", "title", "status", "start")
    return list(talks), AuditEntry.objects.count()


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("role", ROLES)
def test_workspace_permissions(client, role, endpoint):
    method, url, data, status = ENDPOINTS[endpoint]
    talk = TalkFactory(slug=SLUG, title=TITLE, status=status)
    talk.organisers.set([OrganiserFactory(slug="ws-labour", name="Labour migration")])
    user = person(role)
    if user is not None:
        client.force_login(user)
    data = data() if callable(data) else data
    before = state()
    response = getattr(client, method)(url, data)
    page = response.content.decode()
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=/manage/")
    elif role == "partner" or (
        role == "other_member" and endpoint not in ("dashboard", "new", "create")
    ):
        assert response.status_code == 403
    elif role == "other_member":
        # Their own dashboard and a new talk, but never this talk nor its workstream.
        assert response.status_code == 200
        assert "ws-labour" not in page or endpoint == "create"
    else:
        assert response.status_code == (200 if method == "get" else 302), page[:2000]
    assert TITLE not in page or role in ORGANISERS_OF_THE_TALK
    changed = state() != before
    assert changed == (method == "post" and role in ORGANISERS_OF_THE_TALK)


def test_other_members_cannot_give_a_talk_to_a_workstream_not_theirs(client):
    OrganiserFactory(slug="ws-labour")
    client.force_login(person("other_member"))
    response = client.post("/manage/talks/new/", new_talk_data())
    assert "“ws-labour” is not one of the known values." in response.content.decode()
    assert not Talk.objects.exists()


@pytest.mark.parametrize("role", ORGANISERS_OF_THE_TALK)
def test_the_talks_organisers_see_it_on_their_dashboard(client, role):
    talk = TalkFactory(slug=SLUG, title=TITLE)
    talk.organisers.set([OrganiserFactory(slug="ws-labour")])
    client.force_login(person(role))
    rows = client.get("/manage/").context["upcoming"]
    assert [row.talk.slug for row in rows] == [SLUG]


def test_a_missing_talk_is_403_for_members_and_404_for_the_secretariat(client):
    OrganiserFactory(slug="ws-labour")
    client.force_login(person("member"))
    assert client.get("/manage/talks/no-such-talk/").status_code == 403
    assert client.get("/manage/talks/no-such-talk/edit/").status_code == 403
    client.force_login(person("secretariat"))
    assert client.get("/manage/talks/no-such-talk/").status_code == 404
    assert client.post("/manage/talks/no-such-talk/cancel/").status_code == 404


def test_members_without_two_factors_are_sent_to_set_them_up(client):
    talk = TalkFactory(slug=SLUG)
    workstream = OrganiserFactory(slug="ws-labour")
    talk.organisers.set([workstream])
    user = UserFactory()
    OrganiserMember.objects.create(organiser=workstream, user=user)
    client.force_login(user)
    for url in ("/manage/", TALK, TALK + "edit/", "/manage/talks/new/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == "/accounts/2fa/totp/activate/?next=" + url


def test_actions_refuse_get_and_views_refuse_other_methods(client):
    talk = TalkFactory(slug=SLUG, status=Talk.Status.DRAFT)
    talk.organisers.set([OrganiserFactory(slug="ws-labour")])
    client.force_login(person("member"))
    assert client.get(TALK + "publish/").status_code == 405
    assert client.post("/manage/").status_code == 405
    assert client.post(TALK).status_code == 405
    assert Talk.objects.get().status == Talk.Status.DRAFT
