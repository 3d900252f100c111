"""Hypothesis against every public and organiser form: hostile posts through the real views
as someone entitled to them. Never a 5xx; a post that saves nothing says what is wrong."""

import copy
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import transaction
from django.forms import BaseForm
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from hypothesis import HealthCheck, given, settings

from gcmtalks.accounts.models import Organisation, OrganisationMember
from gcmtalks.panels.models import Speaker
from gcmtalks.proposals.models import Proposal
from gcmtalks.registrations.models import Registration, Settings
from gcmtalks.talks.models import Organiser, OrganiserMember, Talk
from tests.factories import OrganiserFactory, StaffFactory, TalkFactory, UserFactory, in_days

from .budget import count, examples
from .html_forms import form_on
from .strategies import form_data

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

# Through the views (a post renders a whole page, 80-250 ms): 27 forms, 810 inputs. The
# form objects those pages show, validated directly (a few ms each; the two with formsets
# and the statistics filters more): 24 × 380 + 2 × 120 + 200, 9,560 inputs.
EXAMPLES = {}
DEFAULT_EXAMPLES = examples(30)
FORM_EXAMPLES = {
    "practice": examples(120),
    "proposal": examples(120),
    "statistics filters": examples(200),
}
DEFAULT_FORM_EXAMPLES = examples(380)
ERROR_MARKS = (b"notice-error", b'class="error"', b'role="alert"')

# name: (who, page, form action ("" for the page), method, apps whose rows a bad post keeps)
TARGETS = {
    "register": ("anonymous", "/talks/open-talk/register/", "", "post", ["registrations"]),
    "contact": ("anonymous", "/contact/", "", "post", ["circulation", "notifications"]),
    "subscribe": ("anonymous", "/subscribe/", "", "post", ["circulation"]),
    "speaker answers": ("anonymous", "/speakers/{speaker}/", "", "post", ["panels"]),
    "rapporteur": ("anonymous", "/speakers/{rapporteur}/intentions/", "", "post", ["intentions"]),
    "calendar filters": ("anonymous", "/", "", "get", []),
    "hub filters": ("anonymous", "/hub/", "", "get", []),
    "api token": ("user", "/account/", "", "post", ["accounts"]),
    "organisation": ("user", "/account/", "/account/organisations/new/", "post", ["accounts"]),
    "practice": ("user", "/hub/submit/", "", "post", ["hub"]),
    "proposal": ("partner", "/proposals/new/", "", "post", ["proposals"]),
    "talk": ("staff", "/manage/talks/new/", "", "post", ["talks", "registrations"]),
    "postpone": ("staff", "/manage/talks/open-talk/postpone/", "", "post", ["talks"]),
    "speaker": ("staff", "/manage/talks/open-talk/panel/speakers/new/", "", "post", ["panels"]),
    "agenda item": ("staff", "/manage/talks/open-talk/panel/agenda/new/", "", "post", ["panels"]),
    "checklist item": (
        "staff",
        "/manage/talks/open-talk/checklist/",
        "/manage/talks/open-talk/checklist/add/",
        "post",
        ["briefings"],
    ),  # fmt: skip
    "briefing pack": ("staff", "/manage/talks/open-talk/briefing/", "", "post", ["briefings"]),
    "summary report": ("staff", "/manage/talks/past-talk/report/en/", "", "post", ["reports"]),
    "intention": ("staff", "/manage/talks/past-talk/intentions/", "", "post", ["intentions"]),
    "document": ("staff", "/manage/talks/open-talk/documents/new/", "", "post", ["documents"]),
    "recording": ("staff", "/manage/talks/past-talk/recording/", "", "post", ["recordings"]),
    "proposal note": (
        "staff",
        "/manage/proposals/{proposal}/",
        "/manage/proposals/{proposal}/note/",
        "post",
        ["proposals"],
    ),
    "proposal score": (
        "staff",
        "/manage/proposals/{proposal}/",
        "/manage/proposals/{proposal}/score/",
        "post",
        ["proposals"],
    ),
    "registrant actions": (
        "staff",
        "/manage/talks/open-talk/registrants/",
        "/manage/talks/open-talk/registrants/bulk/",
        "post",
        ["registrations", "notifications"],
    ),
    "statistics filters": ("staff", "/manage/statistics/", "", "get", []),
    "follow-up filters": ("staff", "/manage/follow-up/", "", "get", []),
    "registrant filters": ("staff", "/manage/talks/open-talk/registrants/", "", "get", []),
}


@pytest.fixture
def world(db, client, django_user_model):
    """An open future talk, a past one with a rapporteur, and people in each role."""
    workstream = OrganiserFactory(slug="ws-labour", name="Labour migration")
    OrganiserFactory(slug="secretariat", name="Secretariat", kind=Organiser.Kind.SECRETARIAT)
    talk = TalkFactory(slug="open-talk", registration_mode=Talk.Registration.OPEN,
                       start=in_days(10), end=in_days(10) + timedelta(minutes=90),
                       languages=["en", "fr"], region_slugs=["africa"])  # fmt: skip
    talk.organisers.add(workstream)
    Settings.objects.create(talk=talk, capacity_online=50)
    past = TalkFactory(slug="past-talk", start=in_days(-2), end=in_days(-2) + timedelta(hours=2))
    past.organisers.add(workstream)
    partner = UserFactory()
    organisation = Organisation.objects.create(name="Diaspora Link", type="migrant_diaspora")
    OrganisationMember.objects.create(organisation=organisation, user=partner)
    staff = StaffFactory()
    OrganiserMember.objects.create(organiser=workstream, user=staff, role=OrganiserMember.Role.LEAD)  # fmt: skip
    Registration.objects.create(talk=talk, name="Nadia", email="nadia@example.org",
                                attendance_mode="online", status=Registration.Status.CONFIRMED,
                                email_confirmed_at=timezone.now())  # fmt: skip
    proposal = Proposal.objects.create(organisation=organisation, proposer=partner,
                                       title="Fair recruitment corridors", workstream=workstream,
                                       status=Proposal.Status.SUBMITTED)  # fmt: skip
    return SimpleNamespace(
        users={"anonymous": None, "user": UserFactory(), "partner": partner, "staff": staff},
        keys={
            "proposal": proposal.pk,
            "speaker": Speaker.objects.create(talk=talk, name="Amina", email="a@example.org").key,
            "rapporteur": Speaker.objects.create(
                talk=past, name="Rosa", role=Speaker.Role.RAPPORTEUR
            ).key,
        },
    )


def rows(app_labels):
    return {
        model._meta.label: model._base_manager.count()
        for label in app_labels
        for model in apps.get_app_config(label).get_models()
    }


@pytest.mark.parametrize("name", list(TARGETS))
def test_form_survives_hostile_input(name, world, client):
    who, page, action, method, app_labels = TARGETS[name]
    if world.users[who]:
        client.force_login(world.users[who])
    page = page.format(**world.keys)
    shown = client.get(page)
    assert shown.status_code == 200, (page, shown.status_code)
    target = (action or page).format(**world.keys)
    form = form_on(shown.content.decode(), target, method)
    # A browser always sends the CSRF token; without any field Django sees no POST at all.
    keep = {"csrfmiddlewaretoken": "x"} if method == "post" else {}
    before = rows(app_labels)

    @settings(
        max_examples=EXAMPLES.get(name, DEFAULT_EXAMPLES),
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=form_data(form.fields, keep))
    def run(data):
        count()
        with transaction.atomic():  # each input starts from the same rows: `before`
            send = client.get if method == "get" else client.post
            response = send(target, data)
            after = rows(app_labels)
            transaction.set_rollback(True)
        assert response.status_code < 500, response.status_code
        if 400 <= response.status_code < 500:
            assert after == before, f"{response.status_code}, yet rows changed"
        if method == "get" or 300 <= response.status_code < 400 or after != before:
            return  # accepted (a saved post redirects or shows what it saved)
        assert any(mark in response.content for mark in ERROR_MARKS), (
            f"{response.status_code}: nothing saved, and no error shown"
        )

    run()


def forms_shown(response) -> list[BaseForm]:
    """The form objects the page's templates were given (the test client keeps the context)."""
    contexts = response.context if isinstance(response.context, list) else [response.context]
    found = []
    for context in contexts:
        for scope in getattr(context, "dicts", []):
            for value in scope.values():
                if isinstance(value, BaseForm) and all(value is not f for f in found):
                    found.append(value)
    return found


def bound(form: BaseForm, data: dict) -> BaseForm:
    """A copy of the page's form (with what its view gave it) bound to `data`."""
    form = copy.deepcopy(form)
    form.data = MultiValueDict({k: v if isinstance(v, list) else [v] for k, v in data.items()})
    form.files, form.is_bound, form._errors = MultiValueDict(), True, None
    return form


@pytest.mark.parametrize("name", list(TARGETS))
def test_form_object_validates_hostile_input(name, world, client):
    """The same hostile values straight into the form objects the page uses: is_valid()
    never raises, and what it refuses carries a message."""
    who, page, action, method, _app_labels = TARGETS[name]
    if world.users[who]:
        client.force_login(world.users[who])
    shown = client.get(page.format(**world.keys))
    html = form_on(shown.content.decode(), (action or page).format(**world.keys), method)
    forms = [
        f for f in forms_shown(shown) if {f.add_prefix(n) for n in f.fields} & set(html.fields)
    ]
    assert forms, f"{name}: no form object behind the page's form"

    @settings(
        max_examples=FORM_EXAMPLES.get(name, DEFAULT_FORM_EXAMPLES),
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=form_data(html.fields, {}))
    def run(data):
        count()
        with transaction.atomic():
            for form in forms:
                checked = bound(form, data)
                if not checked.is_valid():
                    assert checked.errors, f"{name}: refused without a message"
            transaction.set_rollback(True)

    run()
