import pytest
from django.core.exceptions import ValidationError

from gcmtalks.core.timezones import format_range, to_utc, utc_offset, validate_timezone
from tests.factories import utc


def test_geneva_winter_time_is_cet():
    assert (
        format_range(utc(2023, 3, 23, 14), utc(2023, 3, 23, 15, 30), "Europe/Zurich")
        == "15:00–16:30 Geneva time (CET, UTC+1)"
    )


def test_geneva_summer_time_after_the_european_dst_change_is_cest():
    # Clocks went forward on 26 March 2023: the same UTC hour is an hour later in Geneva.
    assert (
        format_range(utc(2023, 3, 27, 14), utc(2023, 3, 27, 15, 30), "Europe/Zurich")
        == "16:00–17:30 Geneva time (CEST, UTC+2)"
    )


def test_local_time_is_read_in_the_zone_of_its_date():
    assert to_utc(utc(2023, 3, 25, 15).replace(tzinfo=None), "Europe/Zurich") == utc(
        2023, 3, 25, 14
    )
    assert to_utc(utc(2023, 3, 27, 15).replace(tzinfo=None), "Europe/Zurich") == utc(
        2023, 3, 27, 13
    )


def test_cairo_kept_daylight_saving_time_in_october_2023():
    # Egypt brought back DST in 2023 (28 April – 26 October, ending at midnight).
    assert to_utc(utc(2023, 10, 26, 12).replace(tzinfo=None), "Africa/Cairo") == utc(
        2023, 10, 26, 9
    )
    assert (
        format_range(utc(2023, 10, 26, 9), utc(2023, 10, 26, 11), "Africa/Cairo")
        == "12:00–14:00 Cairo time (EEST, UTC+3)"
    )
    assert to_utc(utc(2023, 11, 2, 12).replace(tzinfo=None), "Africa/Cairo") == utc(2023, 11, 2, 10)


def test_baku_has_no_letter_abbreviation():
    assert (
        format_range(utc(2023, 10, 12, 12, 15), utc(2023, 10, 12, 14, 10), "Asia/Baku")
        == "16:15–18:10 Baku time (UTC+4)"
    )


def test_a_talk_crossing_midnight_utc_says_it_ends_the_next_day():
    start, end = utc(2024, 5, 6, 23, 30), utc(2024, 5, 7, 1, 0)
    assert format_range(start, end, "UTC") == "23:30–01:00 (+1 day) UTC time (UTC)"
    # In Bangkok the same talk is on one day, in the morning of 7 May.
    assert format_range(start, end, "Asia/Bangkok") == "06:30–08:00 Bangkok time (UTC+7)"


def test_half_hour_offsets():
    assert (
        utc_offset(utc(2024, 1, 1, 12).astimezone(__import__("zoneinfo").ZoneInfo("Asia/Kolkata")))
        == "UTC+5:30"
    )


@pytest.mark.parametrize("name", ["Mars/Olympus", "", "europe/zurich", "CET+1"])
def test_unknown_time_zones_are_refused(name):
    with pytest.raises(ValidationError):
        validate_timezone(name)


def test_the_next_day_is_said_in_the_readers_language():
    from django.utils import translation

    start, end = utc(2024, 5, 6, 23, 30), utc(2024, 5, 7, 1, 0)
    with translation.override("fr"):
        assert "(+1 jour)" in format_range(start, end, "UTC")
    with translation.override("ru"):
        assert "(+1 день)" in format_range(start, end, "UTC")
