"""Participation figures: nobody in a line of fewer than 5 people."""

import pytest

from gcmtalks.reports.figures import Line, merged, participation

from .conftest import Status, country, group, register

OTHER = "Other (smaller groups together)"


def test_merged_keeps_big_groups_and_merges_small_ones():
    lines = merged([("A", 9), ("B", 2), ("C", 3), ("D", 0)], "Other")
    assert lines == [Line("A", 9), Line("Other", 5)]


def test_merged_other_under_five_takes_in_the_smallest_group():
    lines = merged([("A", 10), ("B", 7), ("C", 3)], "Other")
    assert lines == [Line("A", 10), Line("Other", 10)]


def test_merged_leaves_groups_of_five_alone():
    assert merged([("A", 5), ("B", 5)], "Other") == [Line("A", 5), Line("B", 5)]


def test_merged_with_one_small_group_only():
    assert merged([("A", 3)], "Other") == [Line("Other", 3)]


def people_in(talk, count, *, status=Status.CONFIRMED, **fields):
    return [register(talk, f"{status} {n}", status=status, **fields) for n in range(count)]


@pytest.mark.django_db
def test_participation_counts_attended_people_when_attendance_was_recorded(talk):
    people_in(talk, 6, status=Status.ATTENDED, gender="woman")
    people_in(talk, 9, status=Status.CONFIRMED, gender="man")  # registered, did not come
    people_in(talk, 4, status=Status.DECLINED)
    figures = participation(talk)
    assert (figures.basis, figures.total) == (Status.ATTENDED, 6)
    assert figures.genders == [Line("Woman", 6)]


@pytest.mark.django_db
def test_participation_counts_confirmed_people_without_attendance(talk):
    people_in(talk, 5, status=Status.CONFIRMED)
    people_in(talk, 3, status=Status.WAITLISTED)
    figures = participation(talk)
    assert (figures.basis, figures.total) == (Status.CONFIRMED, 5)


@pytest.mark.django_db
def test_participation_merges_groups_under_five(talk):
    people_in(talk, 7, stakeholder_group=group("civil-society"), gender="woman")
    people_in(talk, 6, stakeholder_group=group("member-state"), gender="man")
    people_in(talk, 2, stakeholder_group=group("trade-union"), gender="woman")
    people_in(talk, 1, stakeholder_group=group("private-sector"), gender="other")
    figures = participation(talk)
    assert figures.total == 16
    # Trade unions (2) and private sector (1) make an "Other" of 3, which takes in the
    # smallest group left (Member State, 6).
    assert figures.groups == [Line("Civil society", 7), Line(OTHER, 9)]
    assert figures.genders == [Line("Woman", 9), Line(OTHER, 7)]


@pytest.mark.django_db
def test_participation_genders_never_leave_one_person_alone(talk):
    people_in(talk, 9, gender="woman")
    people_in(talk, 6, gender="man")
    people_in(talk, 1, gender="other")
    assert participation(talk).genders == [Line("Woman", 9), Line(OTHER, 7)]


@pytest.mark.django_db
def test_participation_counts_a_country_in_each_of_its_regions(talk):
    people_in(talk, 5, country=country("EG"))  # Africa (ECA) and Arab States (ESCWA)
    people_in(talk, 6, country=country("CH"))  # Europe and North America (ECE)
    people_in(talk, 2, country=country("KE"))  # Africa
    people_in(talk, 1)  # no country given
    regions = participation(talk).regions
    # "Not given" (1) is merged with the smallest line (Arab States, 5).
    assert regions == [Line("Africa", 7), Line("Europe and North America", 6), Line(OTHER, 6)]


@pytest.mark.django_db
def test_participation_under_five_people_shows_only_the_total(talk):
    people_in(talk, 4, status=Status.ATTENDED, stakeholder_group=group("civil-society"))
    figures = participation(talk)
    assert (figures.total, figures.shown) == (4, False)


@pytest.mark.django_db
def test_participation_without_anybody(talk):
    figures = participation(talk)
    assert (figures.basis, figures.total, figures.shown) == ("", 0, False)
