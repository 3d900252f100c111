"""Subscribers with their choices, talks that match them or not, and the digest always due."""

import pytest

from gcmtalks.circulation.models import Subscriber
from gcmtalks.core.models import Language, Objective, Region


@pytest.fixture(autouse=True)
def digest_always_due(settings):
    """Digests may go from Monday 00:00 Geneva time: any moment of any week."""
    settings.DIGEST_WEEKDAY = 1
    settings.DIGEST_HOUR = 0


def subscriber(email, *, confirmed=None, regions=(), organisers=(), languages=(), objectives=(),
               **fields):  # fmt: skip
    """A subscriber as the form and the confirmation leave one (confirmed at `confirmed`)."""
    from datetime import timedelta

    person = Subscriber.objects.create(email=email, **fields)
    if confirmed is not None:
        person.confirmed_at = confirmed
        person.digest_since = confirmed - timedelta(days=7)
        person.save()
    person.regions.set(Region.objects.filter(slug__in=regions))
    person.organisers.set(organisers)
    person.languages.set(Language.objects.filter(code__in=languages))
    person.objectives.set(Objective.objects.filter(number__in=objectives))
    return person
