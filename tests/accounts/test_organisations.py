"""Partner organisations on the account page: register one, leave one; joining is the
secretariat's (the admin)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gcmtalks.accounts.models import Organisation, OrganisationMember
from gcmtalks.core.models import AuditEntry, Country
from tests.accounts.pages import check_page
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

NEW = "/account/organisations/new/"


def fields(**values):
    data = {"name": "Migrant Rights Network", "type": "civil_society", "country": "",
            "website": "migrantrights.example.org", **values}  # fmt: skip
    return {f"organisation-{name}": value for name, value in data.items()}


@pytest.fixture
def person(client):
    user = UserFactory()
    client.force_login(user)
    return user


def test_registering_an_organisation_makes_me_its_member(client, person):
    country = Country.objects.get(code="KE")
    response = client.post(NEW, fields(country=country.pk), follow=True)
    check_page(response)
    organisation = Organisation.objects.get()
    assert list(organisation.members.all()) == [person]
    assert (organisation.type, organisation.country, organisation.website) == (
        "civil_society", country, "https://migrantrights.example.org"
    )  # fmt: skip
    page = response.content.decode()
    assert "“Migrant Rights Network” is registered, with you as its member." in page
    assert '<th scope="row">Migrant Rights Network</th>' in page
    entry = AuditEntry.objects.get(action="organisation.create")
    assert entry.actor == person and entry.object_id == str(organisation.pk)
    assert entry.changes["members"] == [None, [str(person)]]
    assert entry.changes["country"] == [None, "Kenya"]


def test_a_person_belongs_to_several_organisations(client, person):
    client.post(NEW, fields(name="First"))
    client.post(NEW, fields(name="Second", type="academia"))
    assert sorted(person.organisations.values_list("name", flat=True)) == ["First", "Second"]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"name": ""}, "This field is required."),
        ({"name": "   "}, "This field is required."),
        ({"type": "secret_society"}, "Select a valid choice. secret_society is not one of the available choices."),
        ({"name": "x" * 201}, "Ensure this value has at most 200 characters (it has 201)."),
        ({"website": "javascript:alert(1)"}, "Enter a valid URL."),
        ({"country": "99999"}, "Select a valid choice. That choice is not one of the available choices."),
    ],
)  # fmt: skip
def test_bad_input_says_why_and_saves_nothing(client, person, values, message):
    response = client.post(NEW, fields(**values))
    check_page(response)
    page = response.content.decode()
    assert message in page
    assert "Please correct the fields marked below." in page
    assert not Organisation.objects.exists() and not AuditEntry.objects.exists()


def test_html_in_a_name_is_shown_as_text(client, person):
    name = '<script>alert("x")</script> Network'
    response = client.post(NEW, fields(name=name), follow=True)
    page = response.content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Network" in page
    assert Organisation.objects.get().name == name


def test_an_organisation_registered_already_is_not_made_twice(client, person):
    OrganisationFactory(name="Migrant Rights Network")
    response = client.post(NEW, fields(name="migrant rights network"))
    page = response.content.decode()
    assert "An organisation of this name is registered already." in page
    assert Organisation.objects.count() == 1 and not person.organisations.exists()


def test_the_same_name_in_another_country_is_another_organisation(client, person):
    OrganisationFactory(name="Ministry of the Interior", country=Country.objects.get(code="KE"))
    client.post(NEW, fields(name="Ministry of the Interior", type="government",
                            country=Country.objects.get(code="MX").pk))  # fmt: skip
    assert person.organisations.get().country.code == "MX"


def test_leaving_asks_first_then_is_audited(client, person):
    organisation = OrganisationFactory(members=[person, UserFactory()])
    url = f"/account/organisations/{organisation.pk}/leave/"
    check_page(client.get(url))
    assert person.organisations.exists()

    response = client.post(url, follow=True)
    assert f"You have left “{organisation.name}”." in response.content.decode()
    assert not person.organisations.exists()
    assert organisation.members.count() == 1  # the others stay, and so does the organisation
    entry = AuditEntry.objects.get(action="organisation.leave")
    assert entry.actor == person and entry.changes == {"members": [[str(person)], None]}


def test_another_persons_organisation_cannot_be_left_or_seen(client, person):
    other = OrganisationFactory(name="Not mine", members=[UserFactory()])
    url = f"/account/organisations/{other.pk}/leave/"
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert client.post("/account/organisations/99999/leave/").status_code == 404
    assert OrganisationMember.objects.filter(organisation=other).count() == 1
    assert "Not mine" not in client.get("/account/").content.decode()
    assert not AuditEntry.objects.exists()


def test_joining_an_organisation_is_not_self_service(client, person):
    page = client.get("/account/").content.decode()
    assert "the secretariat adds people to it" in page
    other = OrganisationFactory()
    # No address joins one: posting its id anywhere changes nothing.
    client.post(NEW, {"organisation-id": other.pk, **fields(name="")})
    assert not person.organisations.exists()


def test_the_pages_need_a_sign_in(client):
    organisation = OrganisationFactory()
    for url in (NEW, f"/account/organisations/{organisation.pk}/leave/"):
        response = client.post(url, fields())
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert Organisation.objects.count() == 1 and not OrganisationMember.objects.exists()


def test_the_account_page_costs_the_same_queries_for_1_and_20_organisations(client, person):
    counts = []
    for total in (1, 20):
        OrganisationMember.objects.filter(user=person).delete()
        for _ in range(total):
            OrganisationFactory(members=[person], country=Country.objects.first())
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/account/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_secretariat_adds_a_member_in_the_admin_and_it_is_audited(client, staff):
    organisation = OrganisationFactory()
    newcomer = UserFactory()
    client.force_login(staff)
    url = f"/admin/accounts/organisation/{organisation.pk}/change/"
    assert client.get(url).status_code == 200
    prefix = "organisationmember_set"
    response = client.post(
        url,
        {
            "name": organisation.name,
            "type": organisation.type,
            "country": "",
            "website": "",
            f"{prefix}-TOTAL_FORMS": "1",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
            f"{prefix}-0-user": newcomer.pk,
            f"{prefix}-0-organisation": organisation.pk,
        },
    )
    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.errors
    assert list(organisation.members.all()) == [newcomer]
    assert AuditEntry.objects.filter(action="organisationmember.save", actor=staff).exists()
    assert client.get("/admin/accounts/organisation/").status_code == 200
