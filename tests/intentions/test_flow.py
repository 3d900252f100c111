"""Recording intentions and following them up: states, progress, history, audit."""

from datetime import date

import pytest

from gcmtalks.core.models import AuditEntry, Country, Objective
from gcmtalks.intentions.models import Intention, Note
from gcmtalks.intentions.queries import by_series, overall
from gcmtalks.intentions.services import (
    NotAllowed,
    intention_move,
    intention_note,
    intention_save,
    intentions_reassign,
)
from gcmtalks.pledges.models import Pledge
from tests.factories import SeriesFactory, TalkFactory

from .conftest import intention

State = Intention.State
pytestmark = pytest.mark.django_db


def pledge(external_id="P-101"):
    from django.utils import timezone

    return Pledge.objects.create(external_id=external_id, title="Fair recruitment fund",
                                 imported_at=timezone.now(), updated_at=timezone.now())  # fmt: skip


def test_an_intention_is_recorded_with_its_owner_and_audited(talk, people):
    made = intention_save(
        talk=talk, by=people.bruno, speaker_name="Wanjiru Kamau",
        member_state=Country.objects.get(code="KE"), organisation="", text="A pilot.",
        owner=people.amal, due_on=date(2026, 12, 15), shown_publicly=False,
        objectives=Objective.objects.filter(number=6),
    )  # fmt: skip
    assert made.state == State.VOICED and made.progress == 0
    assert made.owner == people.amal and made.recorded_by == people.bruno
    entry = AuditEntry.objects.get(action="intention.record", object_id=str(made.pk))
    assert entry.actor == people.bruno and entry.changes["owner"] == [None, str(people.amal)]


def test_the_owner_must_belong_to_the_talks_organisers_or_the_secretariat(talk, people):
    with pytest.raises(NotAllowed, match="not a member of this talk's organisers"):
        intention_save(talk=talk, by=people.bruno, text="A pilot.", owner=people.yuki,
                       objectives=[])  # fmt: skip
    assert not Intention.objects.exists()
    made = intention_save(talk=talk, by=people.bruno, text="A pilot.", owner=people.secretariat,
                          objectives=[])  # fmt: skip
    assert made.owner == people.secretariat


def test_each_state_brings_its_progress_and_a_history_line(talk, people):
    item = intention(talk, owner=people.amal)
    intention_move(
        intention=item, state=State.CONTACTED, by=people.amal, note="Called the mission."
    )
    item.refresh_from_db()
    assert (item.state, item.progress) == (State.CONTACTED, 25)
    intention_move(intention=item, state=State.IN_PREPARATION, by=people.amal, progress=75)
    item.refresh_from_db()
    assert (item.state, item.progress) == (State.IN_PREPARATION, 75)  # set by hand
    intention_move(intention=item, state=State.PLEDGED, by=people.amal, pledge=pledge())
    item.refresh_from_db()
    assert (item.state, item.progress, item.pledge.external_id) == (State.PLEDGED, 100, "P-101")
    lines = [(n.state_from, n.state_to, n.text) for n in Note.objects.filter(intention=item)]
    assert lines == [
        ("voiced", "contacted", "Called the mission."),
        ("contacted", "in_preparation", ""),
        ("in_preparation", "pledged", ""),
    ]
    assert AuditEntry.objects.filter(action="intention.move", object_id=str(item.pk)).count() == 3


def test_pledged_needs_the_pledge_and_not_pursued_a_reason(talk, people):
    item = intention(talk)
    with pytest.raises(NotAllowed, match="pledge it became"):
        intention_move(intention=item, state=State.PLEDGED, by=people.amal)
    with pytest.raises(NotAllowed, match="why it is not pursued"):
        intention_move(intention=item, state=State.NOT_PURSUED, by=people.amal, reason="  ")
    item.refresh_from_db()
    assert item.state == State.VOICED and not item.notes.exists()
    intention_move(intention=item, state=State.NOT_PURSUED, by=people.amal,
                   reason="The ministry changed its priorities.")  # fmt: skip
    item.refresh_from_db()
    assert item.reason == "The ministry changed its priorities." and item.progress == 0
    assert item.notes.get().text == "The ministry changed its priorities."


def test_a_move_that_changes_nothing_is_refused(talk, people):
    item = intention(talk)
    with pytest.raises(NotAllowed, match="Nothing to change"):
        intention_move(intention=item, state=State.VOICED, by=people.amal)
    intention_move(intention=item, state=State.VOICED, by=people.amal, note="Waiting for a reply.")
    assert item.notes.get().state_to == ""


def test_a_note_joins_the_history(talk, people):
    item = intention(talk)
    with pytest.raises(NotAllowed):
        intention_note(intention=item, text="   ", by=people.amal)
    intention_note(intention=item, text="Met at the regional review.", by=people.amal)
    assert [n.text for n in item.notes.all()] == ["Met at the regional review."]


def test_a_series_progress_is_the_average_of_its_intentions(people):
    series = SeriesFactory(slug="regional-reviews", title="Regional reviews")
    first = TalkFactory(series=series)
    second = TalkFactory(series=series)
    intention(first, state=State.PLEDGED, progress=100)
    intention(first, state=State.CONTACTED, progress=25)
    intention(second, state=State.IN_PREPARATION, progress=60)
    intention(second, state=State.NOT_PURSUED, progress=0, reason="No budget.")  # left out
    intention(TalkFactory(), state=State.PLEDGED, progress=100)  # no series
    [summary] = by_series(Intention.objects.all())
    assert summary.label == "Regional reviews"
    assert summary.total == 4 and summary.open == 2
    assert summary.progress == round((100 + 25 + 60) / 3)
    everything = overall(Intention.objects.all())
    assert everything.total == 5 and everything.progress == round((100 + 25 + 60 + 100) / 4)


def test_reassignment_is_all_or_nothing(talk, people):
    other_talk = TalkFactory()
    other_talk.organisers.add(people.youth)
    mine, theirs = intention(talk, owner=people.amal), intention(other_talk, owner=people.yuki)
    with pytest.raises(NotAllowed):
        intentions_reassign(intentions=[mine, theirs], owner=people.bruno, by=people.secretariat)
    assert Intention.objects.get(pk=theirs.pk).owner == people.yuki
    assert intentions_reassign(intentions=[mine, theirs], owner=people.secretariat,
                               by=people.secretariat) == 2  # fmt: skip
    assert set(Intention.objects.values_list("owner__username", flat=True)) == {"sec"}
    assert AuditEntry.objects.filter(action="intention.reassign").count() == 2


def test_chatham_house_intentions_cannot_be_shown_publicly(talk, people):
    talk.chatham_house = True
    talk.save()
    with pytest.raises(NotAllowed, match="Chatham House Rule"):
        intention_save(talk=talk, by=people.amal, text="A pilot.", organisation="Diaspora Link",
                       shown_publicly=True, objectives=[])  # fmt: skip
    assert not Intention.objects.exists()
