from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gcmtalks.talks.models import Talk
from tests.factories import TalkFactory

from .conftest import mail, register


def count_queries(client, url, params=None):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


def test_the_retention_report_and_the_search_cost_the_same_for_1_and_many(client, world):
    client.force_login(world["secretariat"])
    url, search = reverse("privacy_workspace:retention"), reverse("privacy_workspace:index")
    who = {"name": "Carol Many", "email": "carol@example.org"}
    register(TalkFactory(), who)  # one record of each kind, then many
    mail("k", who["email"], "Dear Carol")
    count_queries(client, url)  # the first request of a session reads more
    few = count_queries(client, url), count_queries(client, search, {"email": who["email"]})
    for n in range(5):
        talk = TalkFactory(audience=[Talk.Audience.YOUTH, Talk.Audience.MEMBER_STATES][n % 2])
        register(talk, who)
        mail(f"k{n}", who["email"], "Dear Carol")
    many = count_queries(client, url), count_queries(client, search, {"email": who["email"]})
    assert few == many
