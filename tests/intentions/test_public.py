"""What the public sees of the follow-up: counts and progress always, an intention's text only
where its speaker agreed and never under the Chatham House Rule, and never a person's name."""

import pytest
from django.urls import reverse

from gcmtalks.intentions.models import Intention
from tests.factories import SeriesFactory, TalkFactory

from .conftest import intention

State = Intention.State
pytestmark = pytest.mark.django_db
FOLLOW_UP = reverse("intentions:follow_up")


def test_a_talk_page_shows_counts_progress_and_agreed_intentions_without_names(client, talk):
    intention(talk, speaker_name="Wanjiru Kamau", text="A fair recruitment fund.",
              shown_publicly=True, state=State.CONTACTED, progress=25)  # fmt: skip
    intention(talk, speaker_name="Omar Said", organisation="Diaspora Link",
              text="A private commitment.", state=State.PLEDGED, progress=100)  # fmt: skip
    page = client.get(talk.get_absolute_url()).text
    assert "2 pledge intentions were voiced at this talk" in page
    assert "62 %" in page  # (25 + 100) / 2, rounded half to even
    assert '<strong dir="auto">Kenya</strong>: <bdi>A fair recruitment fund.</bdi>' in page
    assert "A private commitment." not in page and "Diaspora Link" not in page
    assert "Wanjiru Kamau" not in page and "Omar Said" not in page


def test_a_chatham_house_talk_shows_counts_only(client, talk):
    talk.chatham_house = True
    talk.save()
    # Marked public in the database by hand: still never shown.
    intention(talk, speaker_name="Wanjiru Kamau", text="A fair recruitment fund.",
              shown_publicly=True)  # fmt: skip
    intention(talk, organisation="Diaspora Link", text="Mentoring for returnees.")
    page = client.get(talk.get_absolute_url()).text
    assert "2 pledge intentions were voiced at this talk" in page
    assert "only counts are published" in page
    for private in ("Wanjiru Kamau", "A fair recruitment fund.", "Diaspora Link", "Mentoring"):
        assert private not in page
    follow_up = client.get(FOLLOW_UP).text
    for private in ("Wanjiru Kamau", "A fair recruitment fund.", "Diaspora Link", "Mentoring"):
        assert private not in follow_up


def test_a_talk_without_intentions_says_nothing_of_them(client, talk):
    assert "Pledge intentions voiced" not in client.get(talk.get_absolute_url()).text


def test_the_follow_up_page_gives_progress_by_series_and_talk(client, people):
    series = SeriesFactory(title="Regional reviews")
    first = TalkFactory(series=series, title="Africa review")
    second = TalkFactory(series=series, title="Asia review")
    draft = TalkFactory(title="Draft talk", status="draft")
    intention(first, state=State.PLEDGED, progress=100, speaker_name="Wanjiru Kamau")
    intention(second, state=State.CONTACTED, progress=25)
    intention(draft, state=State.CONTACTED, progress=25)  # not public
    response = client.get(FOLLOW_UP)
    assert response.status_code == 200
    context = response.context
    assert [(s.label, s.total, s.progress) for s in context["by_series"]] == [
        ("Regional reviews", 2, 62)
    ]
    assert [s.label for s in context["by_talk"]] == ["Africa review", "Asia review"]
    assert context["overall"].total == 2
    assert "Draft talk" not in response.text and "Wanjiru Kamau" not in response.text
    assert "2 intentions so far." in response.text


def test_no_one_outside_the_organisers_sees_names_of_a_chatham_house_talk(client, talk, people):
    from gcmtalks.registrations.models import Registration

    talk.chatham_house = True
    talk.save()
    item = intention(talk, speaker_name="Wanjiru Kamau", text="A fair recruitment fund.")
    registrant = people.yuki  # registered for the talk, organiser of another workstream
    Registration.objects.create(talk=talk, email=registrant.email, name="Yuki",
                                attendance_mode="online", status=Registration.Status.CONFIRMED)  # fmt: skip
    pages = [talk.get_absolute_url(), FOLLOW_UP]
    for visitor in (None, registrant):
        if visitor:
            client.force_login(visitor)
        for url in pages:
            assert "Wanjiru Kamau" not in client.get(url).text
        assert client.get(reverse("intentions_workspace:detail", args=[item.pk])).status_code in (
            302, 403)  # fmt: skip
    client.force_login(people.amal)  # an organiser of the talk
    page = client.get(reverse("intentions_workspace:talk", args=[talk.slug])).text
    assert "Wanjiru Kamau" in page
