"""Who reaches which page: every URL in the URL conf, for each role, on GET.

ACCESS below holds one entry per route of the URL conf (walked recursively, i18n prefixes
and includes too). A route missing from it, or an entry whose route is gone, fails
`test_every_url_has_an_entry`: a new page must say who may open it.

Expected answers, one per role in ROLES order:
  200/403/404/405  that status
  login            302 to the sign-in page
  admin-login      302 to the admin's sign-in page
  mfa              302 to the two-factor set-up (staff without it must not reach the workspace)
  302              another redirect (e.g. a page that sends on elsewhere)
  200|503          either (the readiness check)
"""

from datetime import timedelta

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from gcmtalks.accounts.models import ApiToken
from gcmtalks.briefings.models import ChecklistItem
from gcmtalks.core.models import Country
from gcmtalks.hub.models import Practice
from gcmtalks.intentions.models import Intention
from gcmtalks.panels.models import AgendaItem, Speaker
from gcmtalks.pledges.models import PledgeImport
from gcmtalks.proposals.models import Proposal
from gcmtalks.registrations.mail import token_for
from gcmtalks.registrations.models import Registration
from gcmtalks.registrations.models import Settings as RegistrationSettings
from gcmtalks.reporting.models import Pack
from gcmtalks.talks.models import Organiser, OrganiserMember, Talk
from tests.factories import (
    OrganisationFactory,
    OrganiserFactory,
    OrganiserMemberFactory,
    StaffFactory,
    TalkFactory,
    TwoFactorFactory,
    UserFactory,
    in_days,
)

ROLES = ("anonymous", "registrant", "partner", "member", "lead", "secretariat", "staff_no_mfa")

MISSING = 999999  # an id that names nothing: the answer must be 404 (after sign-in)


def routes() -> list[str]:
    """Every route string of the URL conf; the admin site counts as one ("admin/")."""
    found = []

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if route == "admin/":
                    found.append(route)
                else:
                    walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern):
                found.append(route)

    walk(get_resolver().url_patterns, "")
    # The i18n prefix ("en/" would never show for the default language) is not a route part.
    return sorted(set(found))


class Data:
    """The fixture data set, with the users of each role."""

    def __init__(self):
        now = timezone.now()
        self.workstream = OrganiserFactory(slug="ws-matrix", name="Matrix workstream")
        secretariat = OrganiserFactory(
            slug="secretariat", name="Secretariat", kind=Organiser.Kind.SECRETARIAT
        )
        self.users = {
            "anonymous": None,
            "registrant": UserFactory(username="registrant"),
            "partner": UserFactory(username="partner"),
            "member": OrganiserMemberFactory(organiser=self.workstream).user,
            "lead": OrganiserMemberFactory(
                organiser=self.workstream, role=OrganiserMember.Role.LEAD
            ).user,
            "secretariat": OrganiserMemberFactory(organiser=secretariat).user,
            "staff_no_mfa": TwoFactorFactory(username="staff-no-mfa", is_staff=True, mfa=False),
        }
        self.organisation = OrganisationFactory(members=[self.users["partner"]])

        self.talk = TalkFactory(slug="open-talk", registration_mode=Talk.Registration.OPEN)
        self.talk.organisers.set([self.workstream])
        RegistrationSettings.objects.create(talk=self.talk, capacity_online=50)
        self.chatham = TalkFactory(slug="chatham-talk", chatham_house=True)
        self.chatham.organisers.set([self.workstream])
        self.draft = TalkFactory(slug="draft-talk", status=Talk.Status.DRAFT)
        self.draft.organisers.set([self.workstream])
        self.past = TalkFactory(slug="past-talk", start=in_days(-10), end=in_days(-10))
        self.past.organisers.set([self.workstream])

        self.registration = Registration.objects.create(
            talk=self.talk,
            email=self.users["registrant"].email,
            name="Registered Person",
            attendance_mode="online",
            status=Registration.Status.CONFIRMED,
            email_confirmed_at=now,
        )
        self.token = token_for(self.registration)
        self.speaker = Speaker.objects.create(talk=self.talk, name="A Speaker")
        self.item = AgendaItem.objects.create(
            talk=self.talk, kind=AgendaItem.Kind.OPENING, minutes=10
        )
        self.check = ChecklistItem.objects.create(
            talk=self.talk, kind=ChecklistItem.Kind.choices[0][0], title="Book a room"
        )
        self.proposal = Proposal.objects.create(
            organisation=self.organisation,
            proposer=self.users["partner"],
            title="A proposed talk",
            status=Proposal.Status.SUBMITTED,
        )
        self.practice = Practice.objects.create(
            submitter=self.users["partner"],
            title="A practice",
            summary="Summary",
            description="Description",
            status=Practice.Status.SUBMITTED,
        )
        self.published_practice = Practice.objects.create(
            submitter=self.users["partner"],
            title="A published practice",
            summary="Summary",
            description="Description",
            status=Practice.Status.ACCEPTED,
        )
        self.intention = Intention.objects.create(
            talk=self.past,
            text="To fund a pilot.",
            member_state=Country.objects.order_by("pk").first(),
        )
        self.pledge_import = PledgeImport.objects.create(
            by=self.users["secretariat"], file_name="pledges.csv", file_type="csv", content=b""
        )
        self.pack = Pack.objects.create(
            kind=Pack.Kind.choices[0][0],
            start=(now - timedelta(days=30)).date(),
            end=now.date(),
            language="en",
            created_by=self.users["secretariat"],
        )
        self.api_token = ApiToken.objects.create(
            user=self.users["registrant"], name="mine", prefix="abc", key_hash="x" * 64
        )

    def values(self) -> dict:
        return {
            "talk": self.talk.slug,
            "chatham": self.chatham.slug,
            "draft": self.draft.slug,
            "past": self.past.slug,
            "workstream": self.workstream.slug,
            "registration": self.registration.pk,
            "token": self.token,
            "join_key": self.registration.join_key,
            "speaker": self.speaker.pk,
            "speaker_key": self.speaker.key,
            "item": self.item.pk,
            "check": self.check.pk,
            "proposal": self.proposal.pk,
            "practice": self.practice.pk,
            "published_practice": self.published_practice.pk,
            "intention": self.intention.pk,
            "import": self.pledge_import.pk,
            "pack": self.pack.pk,
            "api_token": self.api_token.pk,
            "organisation": self.organisation.pk,
            "missing": MISSING,
        }


@pytest.fixture(scope="module")
def data(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction that is rolled back at its end; each
    test runs in a savepoint within it. Each role signs in once: its session cookie is kept."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            built = Data()
            built.cookies = {}
            for role, user in built.users.items():
                client = Client()
                if user is not None:
                    client.force_login(user)
                built.cookies[role] = client.cookies
            yield built
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def client_for(data, role) -> Client:
    """A new client holding the role's session (a test's changes to it are rolled back)."""
    client = Client()
    for morsel in data.cookies[role].values():
        client.cookies[morsel.key] = morsel.value
    return client


def answer(response) -> str:
    if response.status_code in (301, 302, 303, 307, 308):
        location = response.headers.get("Location", "")
        if "/accounts/login/" in location:
            return "login"
        if "/accounts/2fa/totp/activate/" in location:
            return "mfa"
        if "/admin/login/" in location:
            return "admin-login"
        return "302"
    return str(response.status_code)


def get(data, role, url):
    return client_for(data, role).get(url)


def check_roles(data, url, expected) -> None:
    """GET the address as every role; one failure lists every role that answered otherwise."""
    wrong = []
    for role, wanted in zip(ROLES, expected.split(), strict=True):
        got = answer(get(data, role, url.format(**data.values())))
        if got != wanted and got not in wanted.split("|"):
            wrong.append(f"{role}: {got}, expected {wanted}")
    assert not wrong, f"GET {url}: " + "; ".join(wrong)


# route -> (the address to GET, filled from Data.values(); the answers in ROLES order).
# Ids that name nothing ({missing}) stand where no such object is made: the answer must still
# be sign-in first, then 404.
ACCESS = {
    "": ("/", "200 200 200 200 200 200 200"),
    "account/": ("/account/", "login 200 200 200 200 200 200"),
    "account/language/": ("/account/language/", "login 405 405 405 405 405 405"),
    "account/organisations/<int:pk>/leave/": (
        "/account/organisations/{organisation}/leave/",
        "login 404 200 404 404 404 404",
    ),
    "account/organisations/new/": ("/account/organisations/new/", "login 405 405 405 405 405 405"),
    "account/privacy/": ("/account/privacy/", "login 200 200 200 200 200 200"),
    "account/privacy/erase/": ("/account/privacy/erase/", "405 405 405 405 405 405 405"),
    "account/privacy/export.json": (
        "/account/privacy/export.json",
        "login 200 200 200 200 200 200",
    ),
    "account/tokens/<int:pk>/revoke/": (
        "/account/tokens/{api_token}/revoke/",
        "login 405 405 405 405 405 405",
    ),
    "api/v1/": ("/api/v1/", "404 404 404 404 404 404 404"),
    "api/v1/docs": ("/api/v1/docs", "200 200 200 200 200 200 200"),
    "api/v1/openapi.json": ("/api/v1/openapi.json", "200 200 200 200 200 200 200"),
    "api/v1/talks": ("/api/v1/talks", "200 200 200 200 200 200 200"),
    "api/v1/talks/<slug>": ("/api/v1/talks/{talk}", "200 200 200 200 200 200 200"),
    "api/v1/talks/<slug>/registrations": (
        "/api/v1/talks/{talk}/registrations",
        "405 405 405 405 405 405 405",
    ),
    "brand/": ("/brand/", "200 200 200 200 200 200 200"),
    "calendar.ics": ("/calendar.ics", "200 200 200 200 200 200 200"),
    "contact/": ("/contact/", "200 200 200 200 200 200 200"),
    "contact/sent/": ("/contact/sent/", "200 200 200 200 200 200 200"),
    "dev/mail/": ("/dev/mail/", "404 404 404 404 404 404 404"),
    "dev/mail/<str:name>": ("/dev/mail/missing", "404 404 404 404 404 404 404"),
    "favicon.ico": ("/favicon.ico", "302 302 302 302 302 302 302"),
    "feeds/talks.atom": ("/feeds/talks.atom", "200 200 200 200 200 200 200"),
    "figures/": ("/figures/", "200 200 200 200 200 200 200"),
    "follow-up/": ("/follow-up/", "200 200 200 200 200 200 200"),
    "health/live": ("/health/live", "200 200 200 200 200 200 200"),
    "health/ready": ("/health/ready", "200|503 " * 6 + "200|503"),
    "hub/": ("/hub/", "200 200 200 200 200 200 200"),
    "hub/<int:pk>/": ("/hub/{published_practice}/", "200 200 200 200 200 200 200"),
    "hub/<int:pk>/documents/<int:document_pk>/": (
        "/hub/{published_practice}/documents/{missing}/",
        "404 404 404 404 404 404 404",
    ),
    "hub/export.csv": ("/hub/export.csv", "200 200 200 200 200 200 200"),
    "hub/export.json": ("/hub/export.json", "200 200 200 200 200 200 200"),
    "hub/mine/": ("/hub/mine/", "login 200 200 200 200 200 200"),
    "hub/mine/<int:pk>/": ("/hub/mine/{practice}/", "login 404 200 404 404 404 404"),
    "hub/mine/<int:pk>/documents/": (
        "/hub/mine/{practice}/documents/",
        "login 404 302 404 404 404 404",
    ),
    "hub/mine/<int:pk>/documents/<int:document_pk>/": (
        "/hub/mine/{practice}/documents/{missing}/",
        "login 404 404 404 404 404 404",
    ),
    "hub/mine/<int:pk>/documents/<int:document_pk>/remove/": (
        "/hub/mine/{practice}/documents/{missing}/remove/",
        "login 405 405 405 405 405 405",
    ),
    "hub/mine/<int:pk>/edit/": ("/hub/mine/{practice}/edit/", "login 404 302 404 404 404 404"),
    "hub/mine/<int:pk>/submit/": ("/hub/mine/{practice}/submit/", "login 405 405 405 405 405 405"),
    "hub/submit/": ("/hub/submit/", "login 200 200 200 200 200 200"),
    "join/<str:key>/": ("/join/{join_key}/", "403 403 403 403 403 403 403"),
    "language/<str:code>/": ("/language/fr/", "302 302 302 302 302 302 302"),
    "manage/": ("/manage/", "login 403 403 200 200 200 mfa"),
    "manage/follow-up/": ("/manage/follow-up/", "login 403 403 200 200 200 mfa"),
    "manage/follow-up/reassign/": ("/manage/follow-up/reassign/", "405 405 405 405 405 405 405"),
    "manage/intentions/<int:pk>/": (
        "/manage/intentions/{intention}/",
        "login 403 403 200 200 200 mfa",
    ),
    "manage/intentions/<int:pk>/delete/": (
        "/manage/intentions/{intention}/delete/",
        "405 405 405 405 405 405 405",
    ),
    "manage/intentions/<int:pk>/move/": (
        "/manage/intentions/{intention}/move/",
        "405 405 405 405 405 405 405",
    ),
    "manage/intentions/<int:pk>/note/": (
        "/manage/intentions/{intention}/note/",
        "405 405 405 405 405 405 405",
    ),
    "manage/pledges/": ("/manage/pledges/", "login 403 403 403 403 200 mfa"),
    "manage/pledges/import/": ("/manage/pledges/import/", "login 403 403 403 403 200 mfa"),
    "manage/pledges/import/<int:pk>/": (
        "/manage/pledges/import/{import}/",
        "login 403 403 403 403 200 mfa",
    ),
    "manage/pledges/import/<int:pk>/check/": (
        "/manage/pledges/import/{import}/check/",
        "405 405 405 405 405 405 405",
    ),
    "manage/pledges/import/<int:pk>/progress/": (
        "/manage/pledges/import/{import}/progress/",
        "login 403 403 403 403 200 mfa",
    ),
    "manage/pledges/import/<int:pk>/start/": (
        "/manage/pledges/import/{import}/start/",
        "405 405 405 405 405 405 405",
    ),
    "manage/practices/": ("/manage/practices/", "login 403 403 200 200 200 mfa"),
    "manage/practices/<int:pk>/": (
        "/manage/practices/{practice}/",
        "login 403 403 404 404 200 mfa",
    ),
    "manage/practices/<int:pk>/accept/": (
        "/manage/practices/{practice}/accept/",
        "405 405 405 405 405 405 405",
    ),
    "manage/practices/<int:pk>/assign/": (
        "/manage/practices/{practice}/assign/",
        "405 405 405 405 405 405 405",
    ),
    "manage/practices/<int:pk>/conflict/": (
        "/manage/practices/{practice}/conflict/",
        "405 405 405 405 405 405 405",
    ),
    "manage/practices/<int:pk>/decline/": (
        "/manage/practices/{practice}/decline/",
        "405 405 405 405 405 405 405",
    ),
    "manage/practices/<int:pk>/documents/<int:document_pk>/": (
        "/manage/practices/{practice}/documents/{missing}/",
        "login 403 403 404 404 404 mfa",
    ),
    "manage/practices/<int:pk>/return/": (
        "/manage/practices/{practice}/return/",
        "405 405 405 405 405 405 405",
    ),
    "manage/practices/<int:pk>/review/": (
        "/manage/practices/{practice}/review/",
        "405 405 405 405 405 405 405",
    ),
    "manage/practices/<int:pk>/start-review/": (
        "/manage/practices/{practice}/start-review/",
        "405 405 405 405 405 405 405",
    ),
    "manage/practices/<int:pk>/texts/": (
        "/manage/practices/{practice}/texts/",
        "login 403 403 404 404 200 mfa",
    ),
    "manage/privacy/": ("/manage/privacy/", "login 403 403 403 403 200 mfa"),
    "manage/privacy/erase/": ("/manage/privacy/erase/", "405 405 405 405 405 405 405"),
    "manage/privacy/retention/": ("/manage/privacy/retention/", "login 403 403 403 403 200 mfa"),
    "manage/proposals/": ("/manage/proposals/", "login 403 403 200 200 200 mfa"),
    "manage/proposals/<int:pk>/": (
        "/manage/proposals/{proposal}/",
        "login 403 403 404 404 200 mfa",
    ),
    "manage/proposals/<int:pk>/accept/": (
        "/manage/proposals/{proposal}/accept/",
        "login 403 403 405 405 405 mfa",
    ),
    "manage/proposals/<int:pk>/assign/": (
        "/manage/proposals/{proposal}/assign/",
        "login 403 403 405 405 405 mfa",
    ),
    "manage/proposals/<int:pk>/decline/": (
        "/manage/proposals/{proposal}/decline/",
        "login 403 403 405 405 405 mfa",
    ),
    "manage/proposals/<int:pk>/note/": (
        "/manage/proposals/{proposal}/note/",
        "login 403 403 405 405 405 mfa",
    ),
    "manage/proposals/<int:pk>/request-changes/": (
        "/manage/proposals/{proposal}/request-changes/",
        "login 403 403 405 405 405 mfa",
    ),
    "manage/proposals/<int:pk>/review/": (
        "/manage/proposals/{proposal}/review/",
        "login 403 403 405 405 405 mfa",
    ),
    "manage/proposals/<int:pk>/score/": (
        "/manage/proposals/{proposal}/score/",
        "login 403 403 405 405 405 mfa",
    ),
    "manage/statistics/": ("/manage/statistics/", "login 403 403 200 200 200 mfa"),
    "manage/statistics/export.xlsx": (
        "/manage/statistics/export.xlsx",
        "login 403 403 200 200 200 mfa",
    ),
    "manage/statistics/export/<slug:key>.csv": (
        "/manage/statistics/export/talks-by-status.csv",
        "login 403 403 200 200 200 mfa",
    ),
    "manage/statistics/packs/": ("/manage/statistics/packs/", "login 403 403 200 200 200 mfa"),
    "manage/statistics/packs/<int:pk>/": (
        "/manage/statistics/packs/{pack}/",
        "login 403 403 403 403 200 mfa",
    ),
    "manage/statistics/packs/<int:pk>/download/": (
        "/manage/statistics/packs/{pack}/download/",
        "login 403 403 403 403 404 mfa",
    ),
    "manage/talks/<slug:slug>/": ("/manage/talks/{talk}/", "login 403 403 200 200 200 mfa"),
    "manage/talks/<slug:slug>/briefing/": (
        "/manage/talks/{talk}/briefing/",
        "login 403 403 200 200 200 mfa",
    ),
    "manage/talks/<slug:slug>/briefing/resend/": (
        "/manage/talks/{talk}/briefing/resend/",
        "405 405 405 405 405 405 405",
    ),
    "manage/talks/<slug:slug>/cancel/": (
        "/manage/talks/{talk}/cancel/",
        "login 403 403 200 200 200 mfa",
    ),
    "manage/talks/<slug:slug>/checklist/": (
        "/manage/talks/{talk}/checklist/",
        "login 403 403 200 200 200 mfa",
    ),
    "manage/talks/<slug:slug>/checklist/<int:pk>/": (
        "/manage/talks/{talk}/checklist/{check}/",
        "405 405 405 405 405 405 405",
    ),
    "manage/talks/<slug:slug>/checklist/<int:pk>/done/": (
        "/manage/talks/{talk}/checklist/{check}/done/",
        "405 405 405 405 405 405 405",
    ),
    "manage/talks/<slug:slug>/checklist/<int:pk>/remove/": (
        "/manage/talks/{talk}/checklist/{check}/remove/",
        "405 405 405 405 405 405 405",
    ),
    "manage/talks/<slug:slug>/checklist/add/": (
        "/manage/talks/{talk}/checklist/add/",
        "405 405 405 405 405 405 405",
    ),
    "manage/talks/<slug:slug>/documents/": (
        "/manage/talks/{talk}/documents/",
        "login 403 403 200 200 200 mfa",
    ),
    "manage/talks/<slug:slug>/documents/<int:pk>/": (
        "/manage/talks/{talk}/documents/{missing}/",
        "login 403 403 404 404 404 mfa",
    ),
    "manage/talks/<slug:slug>/documents/<int:pk>/delete/": (
        "/manage/talks/{talk}/documents/{missing}/delete/",
        "login 403 403 404 404 404 mfa",
    ),
    "manage/talks/<slug:slug>/documents/<int:pk>/publish/": (
        "/manage/talks/{talk}/documents/{missing}/publish/",
        "405 405 405 405 405 405 405",
    ),
    "manage/talks/<slug:slug>/documents/<int:pk>/unpublish/": (
        "/manage/talks/{talk}/documents/{missing}/unpublish/",
        "405 405 405 405 405 405 405",
    ),
    "manage/talks/<slug:slug>/documents/<int:pk>/versions/": (
        "/manage/talks/{talk}/documents/{missing}/versions/",
        "405 405 405 405 405 405 405",
    ),
    "manage/talks/<slug:slug>/documents/<int:pk>/versions/<str:language>/remove/": (
        "/manage/talks/{talk}/documents/{missing}/versions/en/remove/",
        "405 405 405 405 405 405 405",
    ),
    "manage/talks/<slug:slug>/documents/new/": (
        "/manage/talks/{talk}/documents/new/",
        "login 403 403 200 200 200 mfa",
    ),
    "manage/talks/<slug:slug>/edit/": (
        "/manage/talks/{talk}/edit/",
        "login 403 403 200 200 200 mfa",
    ),
    "manage/talks/<slug:slug>/intentions/": (
        "/manage/talks/{talk}/intentions/",
        "login 403 403 200 200 200 mfa",
    ),
    "manage/talks/<slug:slug>/panel/": (
        "/manage/talks/{talk}/panel/",
        "login 403 403 200 200 200 mfa",
    ),
    "manage/talks/<slug:slug>/panel/agenda/<int:pk>/": (
        "/manage/talks/{talk}/panel/agenda/{item}/",
        "login 403 403 200 200 200 mfa",
    ),
    "manage/talks/<slug:slug>/panel/agenda/<int:pk>/remove/": (
        "/manage/talks/{talk}/panel/agenda/{item}/remove/",
        "405 405 405 405 405 405 405",
    ),
    "manage/talks/<slug:slug>/panel/agenda/new/": (
        "/manage/talks/{talk}/panel/agenda/new/",
        "login 403 403 200 200 200 mfa",
    ),
    "manage/talks/<slug:slug>/panel/speakers/<int:pk>/": (
        "/manage/talks/{talk}/panel/speakers/{speaker}/",
        "login 403 403 200 200 200 mfa",
    ),
    "manage/talks/<slug:slug>/panel/speakers/<int:pk>/invite/": (
        "/manage/talks/{talk}/panel/speakers/{speaker}/invite/",
        "405 405 405 405 405 405 405",
    ),
    "manage/talks/<slug:slug>/panel/speakers/<int:pk>/move/": (
        "/manage/talks/{talk}/panel/speakers/{speaker}/move/",
        "405 405 405 405 405 405 405",
    ),
    "manage/talks/<slug:slug>/panel/speakers/<int:pk>/remove/": (
        "/manage/talks/{talk}/panel/speakers/{speaker}/remove/",
        "login 403 403 200 200 200 mfa",
    ),
    "manage/talks/<slug:slug>/panel/speakers/new/": (
        "/manage/talks/{talk}/panel/speakers/new/",
        "login 403 403 200 200 200 mfa",
    ),
    "manage/talks/<slug:slug>/postpone/": (
        "/manage/talks/{talk}/postpone/",
        "login 403 403 200 200 200 mfa",
    ),
    "manage/talks/<slug:slug>/publish/": (
        "/manage/talks/{talk}/publish/",
        "405 405 405 405 405 405 405",
    ),
    "manage/talks/<slug:slug>/recording/": (
        "/manage/talks/{talk}/recording/",
        "login 403 403 200 200 200 mfa",
    ),
    "manage/talks/<slug:slug>/recording/captions/": (
        "/manage/talks/{talk}/recording/captions/",
        "405 405 405 405 405 405 405",
    ),
    "manage/talks/<slug:slug>/recording/captions/<str:language>/remove/": (
        "/manage/talks/{talk}/recording/captions/en/remove/",
        "405 405 405 405 405 405 405",
    ),
    "manage/talks/<slug:slug>/recording/publish/": (
        "/manage/talks/{talk}/recording/publish/",
        "405 405 405 405 405 405 405",
    ),
    "manage/talks/<slug:slug>/recording/transcripts/": (
        "/manage/talks/{talk}/recording/transcripts/",
        "405 405 405 405 405 405 405",
    ),
    "manage/talks/<slug:slug>/recording/transcripts/<str:language>/remove/": (
        "/manage/talks/{talk}/recording/transcripts/en/remove/",
        "405 405 405 405 405 405 405",
    ),
    "manage/talks/<slug:slug>/recording/unpublish/": (
        "/manage/talks/{talk}/recording/unpublish/",
        "405 405 405 405 405 405 405",
    ),
    "manage/talks/<slug:slug>/registrants.csv": (
        "/manage/talks/{talk}/registrants.csv",
        "login 403 403 200 200 200 mfa",
    ),
    "manage/talks/<slug:slug>/registrants.xlsx": (
        "/manage/talks/{talk}/registrants.xlsx",
        "login 403 403 200 200 200 mfa",
    ),
    "manage/talks/<slug:slug>/registrants/": (
        "/manage/talks/{talk}/registrants/",
        "login 403 403 200 200 200 mfa",
    ),
    "manage/talks/<slug:slug>/registrants/<int:pk>/action/": (
        "/manage/talks/{talk}/registrants/{registration}/action/",
        "405 405 405 405 405 405 405",
    ),
    "manage/talks/<slug:slug>/registrants/bulk/": (
        "/manage/talks/{talk}/registrants/bulk/",
        "405 405 405 405 405 405 405",
    ),
    "manage/talks/<slug:slug>/report/": (
        "/manage/talks/{talk}/report/",
        "login 403 403 200 200 200 mfa",
    ),
    "manage/talks/<slug:slug>/report/<str:language>/": (
        "/manage/talks/{talk}/report/en/",
        "login 403 403 200 200 200 mfa",
    ),
    "manage/talks/<slug:slug>/report/<str:language>/remove/": (
        "/manage/talks/{talk}/report/en/remove/",
        "login 403 403 404 404 404 mfa",
    ),
    "manage/talks/<slug:slug>/report/justify/": (
        "/manage/talks/{talk}/report/justify/",
        "405 405 405 405 405 405 405",
    ),
    "manage/talks/<slug:slug>/report/preview.pdf": (
        "/manage/talks/{talk}/report/preview.pdf",
        "login 403 403 404 404 404 mfa",
    ),
    "manage/talks/<slug:slug>/report/publish/": (
        "/manage/talks/{talk}/report/publish/",
        "405 405 405 405 405 405 405",
    ),
    "manage/talks/<slug:slug>/report/unpublish/": (
        "/manage/talks/{talk}/report/unpublish/",
        "405 405 405 405 405 405 405",
    ),
    "manage/talks/new/": ("/manage/talks/new/", "login 403 403 200 200 200 mfa"),
    "proposals/": ("/proposals/", "login 200 200 200 200 200 200"),
    "proposals/<int:pk>/": ("/proposals/{proposal}/", "login 404 200 404 404 404 404"),
    "proposals/<int:pk>/edit/": ("/proposals/{proposal}/edit/", "login 404 302 404 404 404 404"),
    "proposals/<int:pk>/reply/": ("/proposals/{proposal}/reply/", "login 405 405 405 405 405 405"),
    "proposals/<int:pk>/submit/": (
        "/proposals/{proposal}/submit/",
        "login 405 405 405 405 405 405",
    ),
    "proposals/<int:pk>/withdraw/": (
        "/proposals/{proposal}/withdraw/",
        "login 405 405 405 405 405 405",
    ),
    "proposals/new/": ("/proposals/new/", "login 302 200 302 302 302 302"),
    "regions/<slug:slug>/calendar.ics": (
        "/regions/{missing}/calendar.ics",
        "404 404 404 404 404 404 404",
    ),
    "registrations/<str:token>/": ("/registrations/{token}/", "200 200 200 200 200 200 200"),
    "registrations/<str:token>/cancel/": (
        "/registrations/{token}/cancel/",
        "405 405 405 405 405 405 405",
    ),
    "registrations/<str:token>/change/": (
        "/registrations/{token}/change/",
        "405 405 405 405 405 405 405",
    ),
    "registrations/<str:token>/confirm/": (
        "/registrations/{token}/confirm/",
        "405 405 405 405 405 405 405",
    ),
    "registrations/<str:token>/erase/": (
        "/registrations/{token}/erase/",
        "200 200 200 200 200 200 200",
    ),
    "registrations/<str:token>/my-data.json": (
        "/registrations/{token}/my-data.json",
        "200 200 200 200 200 200 200",
    ),
    "series/<slug:slug>/calendar.ics": (
        "/series/{missing}/calendar.ics",
        "404 404 404 404 404 404 404",
    ),
    "speakers/<str:key>/": ("/speakers/{speaker_key}/", "200 200 200 200 200 200 200"),
    "speakers/<str:key>/intentions/": (
        "/speakers/{speaker_key}/intentions/",
        "200 200 200 200 200 200 200",
    ),
    "subscribe/": ("/subscribe/", "200 200 200 200 200 200 200"),
    "subscribe/sent/": ("/subscribe/sent/", "200 200 200 200 200 200 200"),
    "subscription/<str:token>/": ("/subscription/bad-token/", "404 404 404 404 404 404 404"),
    "subscription/<str:token>/confirm/": (
        "/subscription/bad-token/confirm/",
        "405 405 405 405 405 405 405",
    ),
    "talks/<slug:slug>/": ("/talks/{talk}/", "200 200 200 200 200 200 200"),
    "talks/<slug:slug>/calendar.ics": ("/talks/{talk}/calendar.ics", "200 200 200 200 200 200 200"),
    "talks/<slug:slug>/card/<str:language>/<str:size>.png": (
        "/talks/{talk}/card/en/1200x630.png",
        "200 200 200 200 200 200 200",
    ),
    "talks/<slug:slug>/documents/<int:pk>/<str:language>/": (
        "/talks/{talk}/documents/{missing}/en/",
        "404 404 404 404 404 404 404",
    ),
    "talks/<slug:slug>/recording/captions/<str:language>/": (
        "/talks/{talk}/recording/captions/en/",
        "404 404 404 404 404 404 404",
    ),
    "talks/<slug:slug>/recording/transcript/<str:language>/": (
        "/talks/{talk}/recording/transcript/en/",
        "404 404 404 404 404 404 404",
    ),
    "talks/<slug:slug>/register/": ("/talks/{talk}/register/", "200 200 200 200 200 200 200"),
    "talks/<slug:slug>/register/sent/": (
        "/talks/{talk}/register/sent/",
        "200 200 200 200 200 200 200",
    ),
    "talks/<slug:slug>/report.pdf": ("/talks/{talk}/report.pdf", "404 404 404 404 404 404 404"),
    "talks/<slug:slug>/report/": ("/talks/{talk}/report/", "404 404 404 404 404 404 404"),
    "unsubscribe/<str:token>/": ("/unsubscribe/bad-token/", "404 404 404 404 404 404 404"),
    "widget/": ("/widget/", "200 200 200 200 200 200 200"),
    "widget/embed/": ("/widget/embed/", "200 200 200 200 200 200 200"),
    "workstreams/<slug:slug>/": ("/workstreams/{workstream}/", "200 200 200 200 200 200 200"),
    "workstreams/<slug:slug>/calendar.ics": (
        "/workstreams/{workstream}/calendar.ics",
        "200 200 200 200 200 200 200",
    ),
}

# allauth's pages (sign-in, sign-up, password, e-mail, two factors): none may answer 500, and
# these answer 200 to anonymous visitors.
ALLAUTH_PREFIX = "accounts/"
ALLAUTH_ANONYMOUS = {
    "accounts/login/",
    "accounts/signup/",
    "accounts/password/reset/",
    "accounts/password/reset/done/",
    "accounts/password/reset/key/done/",
    "accounts/confirm-email/",
    "accounts/inactive/",
}
ALLAUTH_ADDRESSES = {
    r"accounts/^confirm-email/(?P<key>[-:\w]+)/$": "/accounts/confirm-email/bad-key/",
    r"accounts/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": (
        "/accounts/password/reset/key/1-bad/"
    ),
}

# The same routes with other objects or under another language prefix.
VARIANTS = {
    "/talks/{draft}/": "404 404 404 404 404 404 404",
    "/talks/{chatham}/": "200 200 200 200 200 200 200",
    "/manage/talks/{draft}/": "login 403 403 200 200 200 mfa",
    "/manage/talks/{chatham}/registrants/": "login 403 403 200 200 200 mfa",
    "/api/v1/talks/{draft}": "404 404 404 404 404 404 404",
    "/ar/": "200 200 200 200 200 200 200",
    "/ar/talks/{talk}/": "200 200 200 200 200 200 200",
    "/ar/manage/": "login 403 403 200 200 200 mfa",
    "/ar/manage/talks/{talk}/registrants/": "login 403 403 200 200 200 mfa",
}


def allauth_routes():
    return [route for route in routes() if route.startswith(ALLAUTH_PREFIX)]


def test_every_url_has_an_entry():
    """A route must be in ACCESS (or be an allauth or admin route); no entry may outlive it."""
    in_conf = {r for r in routes() if not r.startswith(ALLAUTH_PREFIX) and r != "admin/"}
    missing = sorted(in_conf - set(ACCESS))
    gone = sorted(set(ACCESS) - in_conf)
    assert not missing, (
        f"Routes without an access entry: {missing}; "
        "add it to ACCESS in tests/test_access_matrix.py"
    )
    assert not gone, f"Entries in ACCESS for routes no longer in the URL conf: {gone}"
    assert set(ALLAUTH_ANONYMOUS) <= set(allauth_routes())


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "expected"), ACCESS.values(), ids=list(ACCESS))
def test_access(data, url, expected):
    check_roles(data, url, expected)


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "expected"), VARIANTS.items(), ids=list(VARIANTS))
def test_access_variants(data, url, expected):
    check_roles(data, url, expected)


@pytest.mark.django_db
@pytest.mark.parametrize("route", allauth_routes())
def test_allauth_pages(data, route):
    url = ALLAUTH_ADDRESSES.get(route, "/" + route)
    for role in ROLES:
        status = get(data, role, url).status_code
        assert status < 500, f"GET {url} as {role}: {status}"
        if role == "anonymous" and route in ALLAUTH_ANONYMOUS:
            assert status == 200, f"GET {url} as {role}: {status}"


# The admin site is one entry: its index and one change list per role, and the rule that
# every registered model's change list needs staff with two factors. The admin sends every
# refused visitor to its sign-in door, which answers (followed here): anonymous to sign in,
# not staff 403, staff without two factors to set them up.
ADMIN = {
    "/admin/": "login 403 403 403 403 403 mfa",
    "/admin/talks/talk/": "login 403 403 403 403 403 mfa",
}


def admin_answer(client, url) -> str:
    response = client.get(url)
    if answer(response) == "admin-login":
        response = client.get(response.headers["Location"])
    return answer(response)


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "expected"), ADMIN.items(), ids=list(ADMIN))
def test_admin(data, url, expected):
    got = [admin_answer(client_for(data, role), url) for role in ROLES]
    assert got == expected.split(), f"GET {url}: {got}, expected {expected}"


@pytest.mark.django_db
def test_admin_needs_staff_with_two_factors(data):
    from django.contrib import admin
    from django.urls import reverse

    staff = StaffFactory(username="staff-with-mfa")
    with_mfa = Client()
    with_mfa.force_login(staff)
    without_mfa = client_for(data, "staff_no_mfa")
    secretariat = client_for(data, "secretariat")
    anonymous = Client()
    assert with_mfa.get("/admin/").status_code == 200
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert with_mfa.get(url).status_code == 200, url
        assert admin_answer(without_mfa, url) == "mfa", url
        assert admin_answer(secretariat, url) == "403", url
        assert admin_answer(anonymous, url) == "login", url


# Routes a POST without the CSRF token is not refused on, and why: the API's (tokens, no
# cookies; its one write is a public registration; the others answer 405), the one-click
# unsubscribe that mail clients send (RFC 8058).
CSRF_EXEMPT = {
    "api/v1/talks",
    "api/v1/talks/<slug>",
    "api/v1/talks/<slug>/registrations",
    "unsubscribe/<str:token>/",
}


@pytest.mark.django_db
def test_every_post_without_the_csrf_token_is_refused(data):
    """Signed in (the secretariat's session), a POST without the token is refused (403) on
    every route but those listed, before any view runs."""
    not_refused = set()
    for route, (url, _expected) in ACCESS.items():
        client = client_for(data, "secretariat")
        client.handler.enforce_csrf_checks = True
        response = client.post(url.format(**data.values()))
        if response.status_code != 403:
            not_refused.add(route)
    assert not_refused == CSRF_EXEMPT
