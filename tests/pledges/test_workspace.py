"""Who may use the pledges pages, and the list's queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gcmtalks.core.models import Objective
from gcmtalks.pledges.models import Pledge, PledgeImport
from tests.factories import OrganisationFactory, OrganiserMemberFactory, TwoFactorFactory

pytestmark = pytest.mark.django_db

PAGES = ["/manage/pledges/", "/manage/pledges/import/"]


@pytest.mark.parametrize("url", PAGES)
def test_pledge_pages_send_anonymous_visitors_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("url", PAGES)
def test_pledge_pages_are_refused_to_organisers_outside_the_secretariat(client, url):
    client.force_login(OrganiserMemberFactory().user)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", PAGES)
def test_pledge_pages_are_refused_to_partners(client, url):
    partner = TwoFactorFactory()
    OrganisationFactory(members=[partner])
    client.force_login(partner)
    assert client.get(url).status_code == 403


def test_an_organiser_cannot_start_an_import(client):
    item = PledgeImport.objects.create(
        file_name="x.csv", file_type="csv", content=b"id,title\n1,A\n", status="checked"
    )
    client.force_login(OrganiserMemberFactory().user)
    assert client.post(f"/manage/pledges/import/{item.pk}/start/").status_code == 403
    item.refresh_from_db()
    assert item.status == PledgeImport.Status.CHECKED


def test_pledge_list_shows_counts_and_the_imports(secretariat_client):
    make_pledges(3)
    PledgeImport.objects.create(
        by=secretariat_client.user, file_name="dashboard.xlsx", file_type="xlsx", content=b""
    )
    page = secretariat_client.get("/manage/pledges/").content.decode()
    assert "3 pledges from the GCM pledging dashboard." in page
    assert "dashboard.xlsx" in page
    assert "Pledge 2" in page


def make_pledges(count):
    now = timezone.now()
    pledges = Pledge.objects.bulk_create(
        Pledge(external_id=f"P{n}", title=f"Pledge {n}", imported_at=now, updated_at=now)
        for n in range(count)
    )
    through = Pledge.objectives.through
    objective = Objective.objects.first()
    through.objects.bulk_create(through(pledge_id=p.pk, objective=objective) for p in pledges)
    return pledges


def test_pledge_list_queries_do_not_grow_with_pledges_and_imports(secretariat_client):
    counts = []
    for total in (1, 60):
        Pledge.objects.all().delete()
        PledgeImport.objects.all().delete()
        make_pledges(total)
        PledgeImport.objects.bulk_create(
            PledgeImport(
                by=secretariat_client.user, file_name=f"f{n}.csv", file_type="csv", content=b""
            )
            for n in range(total)
        )
        with CaptureQueriesContext(connection) as queries:
            response = secretariat_client.get("/manage/pledges/")
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
