"""The follow-up board: what each person sees, its filters, bulk reassignment, summaries, and
its query count whatever the number of rows."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gcmtalks.core.models import Objective
from gcmtalks.intentions.models import Intention
from tests.factories import TalkFactory

from .conftest import intention

State = Intention.State
BOARD = reverse("intentions_workspace:board")
pytestmark = pytest.mark.django_db


@pytest.fixture
def youth_talk(people):
    talk = TalkFactory(slug="youth-voices", title="Youth voices")
    talk.organisers.add(people.youth)
    return talk


def shown(response) -> list[str]:
    """The board's rows by their intention text."""
    return sorted(response.context["page"].object_list.values_list("text", flat=True))


def test_members_see_their_organisers_intentions_and_the_secretariat_all(client, talk,
                                                                        youth_talk, people):  # fmt: skip
    intention(talk, text="labour")
    intention(youth_talk, text="youth")
    intention(youth_talk, text="youth, owned by amal", owner=people.secretariat)
    Intention.objects.filter(text__startswith="youth, owned").update(owner=people.amal)
    client.force_login(people.bruno)
    assert shown(client.get(BOARD)) == ["labour"]
    client.force_login(people.amal)
    assert shown(client.get(BOARD)) == ["labour", "youth, owned by amal"]
    client.force_login(people.secretariat)
    assert shown(client.get(BOARD)) == ["labour", "youth", "youth, owned by amal"]


def test_the_board_filters_by_owner_state_due_date_talk_objective_and_workstream(
    client, talk, youth_talk, people
):
    today = timezone.localdate()
    intention(talk, text="overdue", owner=people.amal, due_on=today - timedelta(days=2))
    intention(talk, text="this week", owner=people.bruno, due_on=today + timedelta(days=3),
              objectives=(18,))  # fmt: skip
    intention(talk, text="no date", state=State.CONTACTED)
    intention(talk, text="done", state=State.NOT_PURSUED, reason="No budget.")
    intention(youth_talk, text="youth")
    client.force_login(people.secretariat)
    assert shown(client.get(BOARD)) == ["no date", "overdue", "this week", "youth"]
    assert shown(client.get(BOARD, {"state": "all"})) == [
        "done", "no date", "overdue", "this week", "youth"]  # fmt: skip
    assert shown(client.get(BOARD, {"state": "not_pursued"})) == ["done"]
    assert shown(client.get(BOARD, {"owner": "amal"})) == ["overdue"]
    assert shown(client.get(BOARD, {"owner": "none"})) == ["no date", "youth"]
    assert shown(client.get(BOARD, {"due": "overdue"})) == ["overdue"]
    assert shown(client.get(BOARD, {"due": "week"})) == ["this week"]
    assert shown(client.get(BOARD, {"due": "none"})) == ["no date", "youth"]
    assert shown(client.get(BOARD, {"talk": "youth-voices"})) == ["youth"]
    assert shown(client.get(BOARD, {"objective": "18"})) == ["this week"]
    assert shown(client.get(BOARD, {"workstream": "ws-labour"})) == [
        "no date", "overdue", "this week"]  # fmt: skip
    client.force_login(people.amal)
    assert shown(client.get(BOARD, {"owner": "me"})) == ["overdue"]
    page = client.get(BOARD, {"due": "overdue"})
    assert "overdue</strong>" in page.text


@pytest.mark.parametrize(
    "query, message",
    [
        ({"owner": "nobody-by-this-name"}, "No one has the user name"),
        ({"state": "done"}, "Select a valid choice"),
        ({"talk": "no-such-talk"}, "is not one of the known values"),
        ({"objective": "x"}, "is not one of the known values"),
        ({"due": "yesterday"}, "Select a valid choice"),
    ],
)
def test_bad_filters_get_a_message_not_an_error(client, talk, people, query, message):
    intention(talk)
    client.force_login(people.amal)
    response = client.get(BOARD, query)
    assert response.status_code == 400 and message in response.text
    assert "No intention matches these filters." in response.text


def test_bulk_reassignment(client, talk, people):
    first, second = intention(talk, text="first"), intention(talk, text="second")
    third = intention(talk, text="third", owner=people.bruno)
    client.force_login(people.amal)
    response = client.post(reverse("intentions_workspace:reassign"), {
        "intentions": [first.pk, second.pk], "new_owner": people.amal.pk, "query": "state=all"})  # fmt: skip
    assert response.status_code == 302 and response.url == BOARD + "?state=all"
    owners = dict(Intention.objects.values_list("text", "owner__username"))
    assert owners == {"first": "amal", "second": "amal", "third": "bruno"}
    assert "2 intentions have a new owner." in client.get(response.url).text
    # Back to nobody.
    client.post(
        reverse("intentions_workspace:reassign"), {"intentions": [third.pk], "new_owner": ""}
    )
    assert Intention.objects.get(pk=third.pk).owner is None


def test_bulk_reassignment_refuses_bad_input_and_changes_nothing(client, talk, youth_talk, people):
    mine = intention(talk, text="mine", owner=people.amal)
    theirs = intention(youth_talk, text="theirs", owner=people.yuki)
    client.force_login(people.amal)
    url = reverse("intentions_workspace:reassign")
    cases = [
        ({"new_owner": people.bruno.pk}, "Tick the intentions"),
        ({"intentions": [theirs.pk], "new_owner": people.bruno.pk}, "Select a valid choice"),
        ({"intentions": [mine.pk], "new_owner": people.yuki.pk}, "Select a valid choice"),
        ({"intentions": ["x"], "new_owner": people.bruno.pk}, "is not a valid value"),
    ]
    for data, message in cases:
        response = client.post(url, data)
        assert response.status_code == 400 and message in response.text, data
    client.force_login(people.secretariat)
    response = client.post(url, {"intentions": [mine.pk, theirs.pk], "new_owner": people.bruno.pk})
    assert response.status_code == 400
    assert "is not a member of this talk" in response.text
    owners = dict(Intention.objects.values_list("text", "owner__username"))
    assert owners == {"mine": "amal", "theirs": "yuki"}


def test_summaries_by_workstream_and_talk(client, talk, youth_talk, people):
    intention(talk, state=State.PLEDGED, progress=100)
    intention(talk, state=State.CONTACTED, progress=25)
    intention(talk, state=State.NOT_PURSUED, reason="No.")
    intention(youth_talk, state=State.IN_PREPARATION, progress=60)
    client.force_login(people.secretariat)
    context = client.get(BOARD).context
    workstreams = {s.label: (s.total, s.open, s.progress) for s in context["by_workstream"]}
    assert workstreams == {"Labour migration": (3, 1, 62), "Children and youth": (1, 1, 60)}
    talks = {s.key: s.counts for s in context["by_talk"]}
    assert talks["fair-recruitment"] == {"pledged": 1, "contacted": 1, "not_pursued": 1}


def test_the_board_query_count_does_not_grow_with_rows(client, talk, people):
    objectives = list(Objective.objects.filter(number__in=[6, 18]))
    counts = []
    for total in (1, 500):
        Intention.objects.all().delete()
        made = Intention.objects.bulk_create(
            Intention(
                talk=talk,
                text=f"intention {n}",
                organisation="Diaspora Link",
                owner=people.amal if n % 2 else None,
                due_on=timezone.localdate() + timedelta(days=n % 9),
            )  # fmt: skip
            for n in range(total)
        )
        Intention.objectives.through.objects.bulk_create(
            Intention.objectives.through(intention_id=item.pk, objective_id=objective.pk)
            for item in made
            for objective in objectives
        )
        client.force_login(people.secretariat)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(BOARD)
        assert response.status_code == 200
        assert response.context["page"].paginator.count == total
        assert response.text.count('name="intentions"') == min(total, 200)
        counts.append(len(queries))
    assert counts[0] == counts[1]
