import pytest

from gcmtalks.core.models import AuditEntry, Objective
from gcmtalks.talks.models import Talk
from tests.factories import utc

pytestmark = pytest.mark.django_db

FORM = {
    "title_en": "Migrant inclusion in cities",
    "slug": "",
    "status": "published",
    "level": "national",
    "country": "KE",
    "format": "in_person",
    "venue": "UN Office at Nairobi",
    "city": "Nairobi",
    "start": "2027-04-20 10:00",
    "end": "",
    "timezone": "Africa/Nairobi",
    "audience": "open_to_all",
    "registration_mode": "not_yet_open",
    "interpretation_languages": ["en", "sw"],
}


def test_the_secretariat_adds_a_talk_in_local_time(client, staff):
    client.force_login(staff)
    response = client.post("/admin/talks/talk/add/", FORM)
    assert response.status_code == 302, response.context["adminform"].form.errors
    talk = Talk.objects.get()
    assert talk.start == utc(2027, 4, 20, 7) and talk.end == utc(2027, 4, 20, 8, 30)
    assert talk.country.code == "KE"
    assert sorted(talk.interpretation_languages.values_list("code", flat=True)) == ["en", "sw"]
    assert AuditEntry.objects.get().action == "talk.create"


def test_the_admin_refuses_invalid_talks_with_messages(client, staff):
    client.force_login(staff)
    response = client.post("/admin/talks/talk/add/", {**FORM, "country": "", "venue": ""})
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "country" in errors and "venue" in errors
    assert not Talk.objects.exists()


def test_admin_lists_and_searches(client, staff, seed):
    client.force_login(staff)
    page = client.get("/admin/talks/talk/?q=indicators&status__exact=published").content.decode()
    assert "2023-07-24 14:00–16:30 Geneva time (CEST, UTC+2)" in page
    assert client.get("/admin/talks/talk/?regions__id__exact=1").status_code == 200


def test_reference_data_changes_are_audited(client, staff):
    client.force_login(staff)
    objective = Objective.objects.get(number=20)
    response = client.post(
        f"/admin/core/objective/{objective.pk}/change/",
        {
            "number": 20,
            "title_en": objective.title,
            "short_label_en": "Remittances and inclusion",
            "hub_term_id": 298,
        },  # fmt: skip
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="objective.change")
    assert entry.actor == staff
    assert entry.changes["short_label_en"] == ["Remittances", "Remittances and inclusion"]


def test_inline_membership_changes_are_audited(client, staff):
    from gcmtalks.core.models import Country, Membership, Region

    client.force_login(staff)
    country = Country.objects.get(code="CH")
    memberships = list(Membership.objects.filter(country=country))
    data = {"code": "CH", "name_en": country.name,
            "membership_set-TOTAL_FORMS": len(memberships) + 1,
            "membership_set-INITIAL_FORMS": len(memberships),
            "membership_set-MIN_NUM_FORMS": 0, "membership_set-MAX_NUM_FORMS": 1000}  # fmt: skip
    for i, m in enumerate(memberships):
        data |= {f"membership_set-{i}-id": m.pk, f"membership_set-{i}-country": country.pk,
                 f"membership_set-{i}-region": m.region_id, f"membership_set-{i}-kind": m.kind}  # fmt: skip
    n = len(memberships)
    data |= {f"membership_set-{n}-country": country.pk,
             f"membership_set-{n}-region": Region.objects.get(slug="asia-pacific").pk,
             f"membership_set-{n}-kind": "associate"}  # fmt: skip
    response = client.post(f"/admin/core/country/{country.pk}/change/", data)
    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.errors
    assert country.regions.count() == n + 1
    assert AuditEntry.objects.filter(action="membership.save", actor=staff).count() == 1


def test_the_admin_change_page_keeps_a_talks_country_and_series(client, staff):
    from gcmtalks.core.models import Country
    from tests.factories import SeriesFactory, TalkFactory

    talk = TalkFactory(series=SeriesFactory(slug="gcm-youth"))
    Talk.objects.filter(pk=talk.pk).update(country=Country.objects.get(code="KE"))
    client.force_login(staff)
    form = client.get(f"/admin/talks/talk/{talk.pk}/change/").context["adminform"].form
    assert form["country"].value() == "KE" and form["series"].value() == "gcm-youth"


def test_the_secretariat_adds_a_workstream_member_in_the_admin(client, staff):
    from gcmtalks.talks.models import OrganiserMember
    from tests.factories import OrganiserFactory, UserFactory

    workstream, person = OrganiserFactory(slug="ws-labour"), UserFactory()
    client.force_login(staff)
    page = client.get(f"/admin/talks/organiser/{workstream.pk}/change/").content.decode()
    assert "organisermember_set-TOTAL_FORMS" in page
    data = {
        "slug": "ws-labour", "name_en": workstream.name, "kind": "workstream",
        "organisermember_set-TOTAL_FORMS": "1", "organisermember_set-INITIAL_FORMS": "0",
        "organisermember_set-0-user": person.pk, "organisermember_set-0-role": "lead",
    }  # fmt: skip
    response = client.post(f"/admin/talks/organiser/{workstream.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    member = OrganiserMember.objects.get()
    assert member.user == person and member.role == "lead"
    assert AuditEntry.objects.filter(action="organisermember.save").exists()
