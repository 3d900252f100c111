import threading
import time
from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone

from gcmtalks.core import public_cache
from gcmtalks.talks.forms import TalkForm
from gcmtalks.talks.services import talk_save
from tests.factories import TalkFactory

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


def test_another_worker_takes_the_answer_from_the_shared_cache(
    client, seed, cached, django_assert_num_queries
):
    first = client.get("/calendar.ics")
    public_cache.store.clear()  # as a worker that has not seen this URL yet
    with django_assert_num_queries(0):
        assert client.get("/calendar.ics").content == first.content


def other_worker_renders(path, body, after=0.2):
    current = public_cache.version.current()
    key = public_cache.url_key(RequestFactory().get(path))
    assert public_cache.claim(current, key)
    answer = public_cache.Answer(current, 200, [("ETag", '"x"')], body)
    threading.Timer(after, public_cache.keep, (key, answer)).start()


def test_a_worker_without_a_copy_waits_for_the_one_being_rendered(
    client, seed, cached, django_assert_num_queries
):
    other_worker_renders("/?year=2024", b"from the other worker")
    with django_assert_num_queries(0):
        assert client.get("/?year=2024").content == b"from the other worker"


def test_a_worker_serves_its_old_copy_while_another_renders_the_new(
    client, seed, cached, django_assert_num_queries
):
    old = client.get("/?year=2023").content
    public_cache.bump()
    other_worker_renders("/?year=2023", b"new", after=1)
    with django_assert_num_queries(0):
        assert client.get("/?year=2023").content == old
    time.sleep(1.1)
    assert client.get("/?year=2023").content == b"new"


def test_a_talk_that_ends_moves_to_past_without_any_write(client, cached):
    TalkFactory(
        title="Ending now",
        start=timezone.now() - timedelta(minutes=89),
        end=timezone.now() + timedelta(seconds=1.5),
    )
    assert [row.talk.title for row in client.get("/").context["upcoming"]] == ["Ending now"]
    assert client.get("/").context is None  # served from the cache
    time.sleep(1.6)
    response = client.get("/")
    assert response.context["upcoming"] == [] and response.context["count"] == 1


def test_signed_in_people_are_never_served_from_the_cache(client, seed, cached, staff):
    client.get("/")
    client.force_login(staff)
    assert "Secretariat" in client.get("/").content.decode()


def test_htmx_fragments_and_pages_are_kept_apart(client, seed, cached):
    client.get("/?language=ar")
    fragment = client.get("/?language=ar", headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment


def test_errors_are_not_cached(client, seed, cached):
    assert client.get("/talks/nothing/").status_code == 404
    assert client.get("/api/v1/talks?region=x").status_code == 400
    assert public_cache.store.items == {}
