import pytest

from gcmtalks.talks.forms import TalkForm
from gcmtalks.talks.services import talk_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(settings):
    settings.PUBLIC_CACHE_SECONDS = 60


def test_a_change_is_visible_at_once_despite_the_cache(
    client, seed, cached, staff, django_capture_on_commit_callbacks
):
    from gcmtalks.api.talks import form_data
    from gcmtalks.talks.models import Talk

    assert "Renamed talk" not in client.get("/").content.decode()
    talk = Talk.objects.get(slug="rtc-africa-2024")
    with django_capture_on_commit_callbacks(execute=True):
        talk_save(
            form=TalkForm({**form_data(talk), "title": "Renamed talk"}, instance=talk), by=staff
        )
    assert "Renamed talk" in client.get("/").content.decode()
    assert "Renamed talk" in client.get("/api/v1/talks").content.decode()


def test_cached_answers_match_fresh_ones(client, seed, cached, django_assert_num_queries):
    first = client.get("/?language=ar")
    with django_assert_num_queries(0):
        second = client.get("/?language=ar")
    assert second.content == first.content and second["ETag"] == first["ETag"]
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_signed_in_people_are_never_served_from_the_cache(client, seed, cached, staff):
    client.get("/")
    client.force_login(staff)
    assert "Secretariat" in client.get("/").content.decode()


def test_htmx_fragments_and_pages_are_kept_apart(client, seed, cached):
    client.get("/?language=ar")
    fragment = client.get("/?language=ar", headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment
