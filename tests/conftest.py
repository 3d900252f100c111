import pytest

from gcmtalks.core import public_cache
from tests.smtp import mail_server, smtp_settings  # noqa: F401 (fixtures for all tests)


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
