from datetime import timedelta

import pytest
from django.utils import timezone

from gcmtalks.core.models import AuditEntry
from gcmtalks.registrations.forms import RegistrationForm
from gcmtalks.registrations.models import Registration
from gcmtalks.registrations.services import (
    RegistrationClosed,
    registration_cancel,
    registration_confirm_email,
    registration_create,
    registrations_release_expired,
)
from gcmtalks.talks.models import Talk
from tests.registrations.conftest import person

pytestmark = pytest.mark.django_db
Status = Registration.Status


def register(talk, n=1, **extra):
    form = RegistrationForm(person(n, **extra), talk=talk)
    assert form.is_valid(), form.errors
    return registration_create(talk=talk, registration=form.save())[0]


def statuses(talk):
    return [r.status for r in Registration.objects.filter(talk=talk).order_by("id")]


def test_a_registrant_holds_a_seat_until_the_address_is_confirmed(open_talk):
    registration = register(open_talk)
    assert registration.status == Status.PENDING_EMAIL and registration.hold_expires_at
    assert registration_confirm_email(registration=registration).status == Status.CONFIRMED
    assert AuditEntry.objects.filter(action="registration.confirm_email").exists()


def test_a_full_talk_puts_newcomers_on_the_waiting_list(open_talk):
    for n in range(1, 5):
        register(open_talk, n)
    assert statuses(open_talk) == ["pending_email", "pending_email", "waitlisted", "waitlisted"]


def test_a_cancellation_moves_the_first_waiting_person_up(open_talk):
    first, second, third, fourth = (register(open_talk, n) for n in range(1, 5))
    registration_confirm_email(registration=third)
    registration_cancel(registration=first)
    assert Registration.objects.get(pk=third.pk).status == Status.CONFIRMED  # confirmed already
    assert Registration.objects.get(pk=fourth.pk).status == Status.WAITLISTED


def test_an_unconfirmed_hold_runs_out_and_frees_the_seat(open_talk):
    first, _second, third = (register(open_talk, n) for n in range(1, 4))
    later = timezone.now() + timedelta(minutes=61)
    assert registrations_release_expired(now=later) == 1
    assert Registration.objects.get(pk=first.pk).status == Status.CANCELLED
    promoted = Registration.objects.get(pk=third.pk)
    assert promoted.status == Status.PENDING_EMAIL


def test_nobody_is_moved_up_after_the_cut_off(open_talk):
    first, _second, third = (register(open_talk, n) for n in range(1, 4))
    Talk.objects.filter(pk=open_talk.pk).update(
        start=timezone.now() + timedelta(minutes=30), end=timezone.now() + timedelta(minutes=120)
    )
    registration_cancel(registration=first)
    assert Registration.objects.get(pk=third.pk).status == Status.WAITLISTED


def test_the_same_address_twice_keeps_one_registration(open_talk):
    first = register(open_talk, 1)
    again = register(open_talk, 1, name="Someone else")
    assert again.pk == first.pk and Registration.objects.count() == 1
    assert Registration.objects.get().name == "Person 1"


def test_registering_again_after_cancelling_is_a_new_place(open_talk):
    first = register(open_talk, 1)
    registration_cancel(registration=first)
    again = register(open_talk, 1)
    assert again.pk == first.pk and again.status == Status.PENDING_EMAIL


def test_a_closed_talk_refuses(open_talk):
    Talk.objects.filter(pk=open_talk.pk).update(registration_mode=Talk.Registration.CLOSED)
    open_talk.refresh_from_db()
    with pytest.raises(RegistrationClosed):
        register(open_talk)
    assert not Registration.objects.exists()


def test_approval_when_the_talk_asks_for_it(open_talk):
    open_talk.registration_settings.requires_approval = True
    open_talk.registration_settings.save()
    registration = register(open_talk)
    assert registration_confirm_email(registration=registration).status == Status.PENDING_APPROVAL


def test_the_command_releases_expired_holds(open_talk):
    from django.core.management import call_command

    from gcmtalks.registrations.models import Registration as R

    first, _second, third = (register(open_talk, n) for n in range(1, 4))
    R.objects.filter(pk=first.pk).update(hold_expires_at=timezone.now() - timedelta(minutes=1))
    call_command("release_expired_holds")
    assert R.objects.get(pk=third.pk).status == Status.PENDING_EMAIL


def test_the_secretariat_approves_declines_promotes_and_checks_in(open_talk, staff):
    from gcmtalks.registrations.services import (
        NotAllowed,
        registration_approve,
        registration_check_in,
        registration_decline,
        registration_promote,
    )

    open_talk.registration_settings.requires_approval = True
    open_talk.registration_settings.save()
    first, second, third = (register(open_talk, n) for n in range(1, 4))
    for registration in (first, second):
        registration_confirm_email(registration=registration)
    assert registration_approve(registration=first, by=staff).status == Status.CONFIRMED
    with pytest.raises(NotAllowed):
        registration_approve(registration=third, by=staff)  # waiting list, not for approval
    registration_decline(registration=second, by=staff, reason="Not a government participant")
    assert Registration.objects.get(pk=third.pk).status == Status.PENDING_EMAIL  # moved up
    assert Registration.objects.get(pk=second.pk).decline_reason == "Not a government participant"
    assert registration_check_in(registration=first, by=staff).status == Status.ATTENDED
    fourth = register(open_talk, 4)
    assert fourth.status == Status.WAITLISTED
    assert registration_promote(registration=fourth, by=staff).status == Status.PENDING_EMAIL
    assert AuditEntry.objects.filter(actor=staff, action__startswith="registration.").count() == 4
