import pytest

from gcmtalks.talks.forms import TalkFilterForm, TalkForm
from gcmtalks.talks.models import Talk
from tests.factories import utc

pytestmark = pytest.mark.django_db


def valid(**changes):
    data = {
        "title": "Labour mobility and climate change",
        "status": "published",
        "level": "global",
        "format": "online",
        "start": "2026-03-26 15:00",
        "timezone": "Europe/Zurich",
        "audience": "open_to_all",
        "registration_mode": "not_yet_open",
    }
    data.update(changes)
    return data


def errors(**changes):
    form = TalkForm(valid(**changes))
    assert not form.is_valid()
    return form.errors


def test_a_local_time_is_read_in_the_talks_zone_and_lasts_90_minutes():
    form = TalkForm(valid())
    assert form.is_valid(), form.errors
    assert form.cleaned_data["start"] == utc(2026, 3, 26, 14)
    assert form.cleaned_data["end"] == utc(2026, 3, 26, 15, 30)
    assert form.cleaned_data["slug"] == "labour-mobility-and-climate-change-2026"


def test_an_iso_time_with_an_offset_is_taken_as_it_is():
    form = TalkForm(valid(start="2026-03-30T13:00:00Z", end="2026-03-30T14:30:00+00:00"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["start"] == utc(2026, 3, 30, 13)


def test_the_end_must_come_after_the_start():
    assert "end" in errors(end="2026-03-26 14:00")


def test_in_person_and_hybrid_talks_need_a_venue_and_city():
    errs = errors(format="hybrid")
    assert "venue" in errs and "city" in errs


def test_a_regional_talk_needs_a_region():
    assert "regions" in errors(level="regional")


def test_a_national_talk_needs_a_country():
    assert "country" in errors(level="national")
    assert TalkForm(valid(level="national", country="EG")).is_valid()


def test_unknown_codes_and_zones_are_named():
    errs = errors(regions=["atlantis"], timezone="Mars/Base", start="next tuesday")
    assert "atlantis" in str(errs["regions"])
    assert "timezone" in errs and "start" in errs


def test_member_states_talks_are_under_chatham_house_by_default():
    form = TalkForm(valid(audience="member_states"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["chatham_house"] is True


def test_an_external_registration_needs_its_link():
    assert "registration_url" in errors(registration_mode="external")


def test_a_taken_slug_gets_a_number():
    from tests.factories import TalkFactory

    TalkFactory(slug="labour-mobility-and-climate-change-2026")
    form = TalkForm(valid())
    assert form.is_valid()
    assert form.cleaned_data["slug"] == "labour-mobility-and-climate-change-2026-2"


def test_filters_name_each_value_not_understood():
    form = TalkFilterForm({"region": "atlantis", "year": "soon", "format": "online", "x": "y"})
    assert dict(form.error_list()).keys() == {"region", "year"}
    assert form.active() == {"format": Talk.Format.ONLINE}
