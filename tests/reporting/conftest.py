import pytest

from tests.reporting.dataset import build
from tests.reporting.direct import Direct


@pytest.fixture(scope="module")
def dataset(django_db_setup, django_db_blocker):
    """The generated data set (200 talks, 50,000 registrations, 1,000 practices and pledge
    intentions), built once for the module, committed, and deleted after its last test; with
    the direct counts read from it."""
    with django_db_blocker.unblock():
        built = build()
        direct = Direct()
    yield direct
    with django_db_blocker.unblock():
        built.clear()
