"""A workstream's talk with its organisers, and factories for speakers and agenda items."""

import html
import re
from datetime import timedelta

import factory
import pytest

from gcmtalks.panels.models import AgendaItem, Speaker
from tests.factories import TalkFactory, in_days


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    name = factory.Sequence(lambda n: f"Speaker {n}")
    email = factory.Sequence(lambda n: f"speaker{n}@example.org")
    organisation = "Migrant Forum"
    position = factory.Sequence(lambda n: n)


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem
        skip_postgeneration_save = True

    kind = AgendaItem.Kind.PANEL
    starts_after = 0
    minutes = 15

    @factory.post_generation
    def with_speakers(self, create, speakers, **kwargs):
        if create and speakers:
            self.speakers.set(speakers)


@pytest.fixture
def talk(workstream):
    """A talk in ten days, 14:00–15:30 UTC, organised by the workstream."""
    talk = TalkFactory(
        slug="fair-recruitment",
        title="Fair recruitment",
        start=in_days(10),
        end=in_days(10) + timedelta(minutes=90),
    )
    talk.organisers.set([workstream])
    return talk


def text_of(response) -> str:
    """The page as a reader sees it: tags dropped, spaces collapsed."""
    page = re.sub(r"</?(bdi|time|strong|em|abbr)\b[^>]*>", "", response.content.decode())
    page = re.sub(r"<[^>]+>", " ", page)
    return re.sub(r"\s+", " ", html.unescape(page)).strip()


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]
