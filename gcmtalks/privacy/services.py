"""Erasure of a person and the retention purge. Each records an audit entry that holds counts,
never the person's data."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gcmtalks.core.models import AuditEntry

from .people import (
    ERASED_DOMAIN,
    ERASED_MAIL_TO,
    SOURCES,
    anonymise_registrations,
    blank_mail,
    find_person,
)

# Months after a talk ends when its registrations lose their personal details, per audience
# (talks.Talk.Audience). Member States' delegates are kept longer: the secretariat reports on
# their participation to the Network's annual review. Youth registrations hold data on people
# who may be minors: kept the shortest. Settings override: RETENTION_MONTHS.
RETENTION_MONTHS = {"open_to_all": 12, "member_states": 24, "youth": 6}
# Months after which the bodies and addresses of sent or failed mail go.
MAIL_RETENTION_MONTHS = 3


def retention_months() -> dict:
    months = dict(RETENTION_MONTHS)
    default = getattr(settings, "RETENTION_REGISTRATION_MONTHS", None)
    if default is not None:
        months = {audience: default for audience in months}
    months.update(getattr(settings, "RETENTION_MONTHS", {}))
    return months


def mail_retention_months() -> int:
    return getattr(settings, "RETENTION_MAIL_MONTHS", MAIL_RETENTION_MONTHS)


def months_before(now, months: int):
    return now - timedelta(days=round(months * 30.44))


class NothingToErase(Exception):
    """No record holds this address."""


def record(*, action: str, by, counts: dict) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=by if getattr(by, "is_authenticated", False) and by.is_active else None,
        action=action,
        object_type="privacy.person",
        object_id="",
        object_repr="",
        changes={"records": counts},
    )


def erase_person(*, email: str, by, user=None, now=None) -> dict:
    """Erase everything held about the person with address `email`: {source: records touched}."""
    now = now or timezone.now()
    with transaction.atomic():
        person = find_person(email, user=user)
        counts = {source.key: source.erase(person, now) for source in SOURCES}
        if not any(counts.values()):
            raise NothingToErase(email)
        self_erasure = by is not None and person.user is not None and by.pk == person.user.pk
        record(action="privacy.erase", by=None if self_erasure else by, counts=counts)
    return counts


# ----------------------------------------------------------------- retention


def registrations_due(now):
    from gcmtalks.registrations.models import Registration

    query = Q(pk__in=[])
    for audience, months in retention_months().items():
        query |= Q(talk__audience=audience, talk__end__lt=months_before(now, months))
    return Registration.objects.filter(query).exclude(email__endswith=ERASED_DOMAIN)


def mail_due(now):
    from gcmtalks.notifications.models import OutgoingMail

    return OutgoingMail.objects.filter(
        created_at__lt=months_before(now, mail_retention_months()),
        status__in=[OutgoingMail.Status.SENT, OutgoingMail.Status.FAILED],
    ).exclude(to=ERASED_MAIL_TO)


def purge_personal_data(*, now=None, dry_run=False) -> dict:
    """Anonymise what has outlived its retention period (idempotent)."""
    now = now or timezone.now()
    with transaction.atomic():
        registrations, mail = registrations_due(now), mail_due(now)
        if dry_run:
            return {"registrations": registrations.count(), "mail": mail.count()}
        counts = {
            "registrations": anonymise_registrations(registrations, now),
            "mail": blank_mail(mail),
        }
        if any(counts.values()):
            record(action="privacy.purge", by=None, counts=counts)
    return counts


def retention_report(now=None) -> list[dict]:
    """What personal data remains, by kind, and when the next of it goes."""
    from gcmtalks.registrations.models import Registration
    from gcmtalks.talks.models import Talk

    now = now or timezone.now()
    labels = dict(Talk.Audience.choices)
    rows = []
    kept = Registration.objects.exclude(email__endswith=ERASED_DOMAIN)
    for audience, months in sorted(retention_months().items()):
        mine = kept.filter(talk__audience=audience)
        first_end = mine.order_by("talk__end").values_list("talk__end", flat=True).first()
        rows.append({
            "kind": labels.get(audience, audience),
            "months": months,
            "count": mine.count(),
            "next": first_end + timedelta(days=round(months * 30.44)) if first_end else None,
        })  # fmt: skip
    from gcmtalks.notifications.models import OutgoingMail

    mail = OutgoingMail.objects.exclude(to=ERASED_MAIL_TO)
    first = mail.order_by("created_at").values_list("created_at", flat=True).first()
    rows.append({
        "kind": _("Outgoing mail (addresses and texts)"),
        "months": mail_retention_months(),
        "count": mail.count(),
        "next": first + timedelta(days=round(mail_retention_months() * 30.44)) if first else None,
    })  # fmt: skip
    return rows
