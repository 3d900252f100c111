import pytest
from django.core.servers.basehttp import WSGIServer

from gcmtalks.core import public_cache
from tests.factories import OrganiserFactory, OrganiserMemberFactory
from tests.smtp import mail_server, smtp_settings  # noqa: F401 (fixtures for all tests)

# The live server's listen queue holds 10 connections by default. Tests that send 30 at
# once on a busy machine could overflow it, and the kernel then resets some of them, which
# says nothing about the app. gunicorn's default backlog is 2048.
WSGIServer.request_queue_size = 128


@pytest.fixture(autouse=True)
def english():
    """Each test starts in English: a request to /fr/… leaves French active in the thread."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def fresh_public_cache():
    from django.core.cache import cache

    cache.clear()
    public_cache.store.clear()
    public_cache.version.reset()
    yield
    public_cache.store.clear()


@pytest.fixture
def seed(db):
    from gcmtalks.talks.seed import load_seed_calendar

    load_seed_calendar()


@pytest.fixture
def staff(db):
    from tests.factories import StaffFactory

    return StaffFactory()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Each test stores its uploaded files in its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


# A workstream, one of its members (with two factors), and a client signed in as them.


@pytest.fixture
def workstream(db):
    return OrganiserFactory(slug="ws-labour", name="Labour migration")


@pytest.fixture
def member(workstream):
    return OrganiserMemberFactory(organiser=workstream).user


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client
