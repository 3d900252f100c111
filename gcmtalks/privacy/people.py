"""Everything held about one person, found by their email address (and their account, if
any): a registry of sources, one small function pair per app. A later app that holds personal
data adds its own with `register(Source(...))`.

A source's `collect(person)` returns the rows it holds (plain JSON-safe dicts, for the export);
its `erase(person, now)` deletes what is not needed and anonymises what is kept for counts, and
returns how many records it touched."""

import hashlib
import re
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import models
from django.db.models import Q

ERASED = "[erased]"
SPEAKER_REMOVED = "Speaker removed on request"
PARTICIPANT_REMOVED = "Participant removed on request"
# An erased registration or mail keeps its row with an address in this reserved domain.
ERASED_DOMAIN = "@erased.invalid"
ERASED_MAIL_TO = "erased" + ERASED_DOMAIN


def is_erased(email: str) -> bool:
    return email.endswith(ERASED_DOMAIN)


@dataclass
class Person:
    email: str
    user: object | None = None
    names: set[str] = field(default_factory=set)

    @property
    def terms(self) -> list[str]:
        """The strings that identify the person, longest first (names shorter than three
        characters would match too much)."""
        found = {self.email.lower()} - {""} | {n.strip() for n in self.names if len(n.strip()) >= 3}
        if self.user is not None:
            found |= {t for t in (self.user.username, self.user.email) if t and len(t) >= 3}
        return sorted(found, key=len, reverse=True)

    def by_email(self) -> Q:
        return Q(email__iexact=self.email) if self.email else Q(pk__in=[])

    def mentions(self, *fields: str) -> Q:
        """Rows with one of the person's terms in one of `fields`."""
        query = Q(pk__in=[])
        for term in self.terms:
            for name in fields:
                query |= Q(**{f"{name}__icontains": term})
        return query


def scrub(value, terms):
    """`value` (a string, or lists and dicts of them) with every term replaced."""
    if isinstance(value, str):
        for term in terms:
            value = re.sub(re.escape(term), ERASED, value, flags=re.IGNORECASE)
        return value
    if isinstance(value, list):
        return [scrub(v, terms) for v in value]
    if isinstance(value, dict):
        return {scrub(k, terms): scrub(v, terms) for k, v in value.items()}
    return value


def plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    return value


def row(obj, *names: str) -> dict:
    return {name: plain(getattr(obj, name)) for name in names}


@dataclass(frozen=True)
class Source:
    key: str  # names the section of the export
    collect: object  # (person) -> list[dict]
    erase: object  # (person, now) -> int
    label: str = ""


SOURCES: list[Source] = []


def register(source: Source) -> Source:
    SOURCES[:] = [s for s in SOURCES if s.key != source.key] + [source]
    return source


def find_person(email: str, *, user=None) -> Person:
    """The person known by `email`: their account (by its address or a verified second one)
    and the names they gave anywhere with that address."""
    from allauth.account.models import EmailAddress

    from gcmtalks.accounts.models import User
    from gcmtalks.panels.models import Speaker
    from gcmtalks.registrations.models import Registration

    email = (email or "").strip() or (user.email if user else "")
    if user is None and email:
        user = User.objects.filter(email__iexact=email).first()
    if user is None and email:
        address = EmailAddress.objects.filter(email__iexact=email).select_related("user").first()
        user = address.user if address else None
    person = Person(email=email, user=user)
    if user is not None:
        person.names |= {user.get_full_name()}
    person.names |= set(
        Registration.objects.filter(email__iexact=email).values_list("name", flat=True)
    )
    person.names |= set(Speaker.objects.filter(email__iexact=email).values_list("name", flat=True))
    person.names.discard("")
    return person


def export(person: Person) -> dict:
    data = {"email": person.email}
    for source in SOURCES:
        data[source.key] = source.collect(person)
    return data


def new_key() -> str:
    return secrets.token_urlsafe(32)


# ----------------------------------------------------------------- the apps' sources


def _account(person):
    from allauth.account.models import EmailAddress

    user = person.user
    if user is None:
        return []
    memberships = list(user.organisationmember_set.select_related("organisation"))
    return [{
        **row(user, "username", "first_name", "last_name", "email", "language", "date_joined",
              "last_login"),
        "email_addresses": list(EmailAddress.objects.filter(user=user).values_list("email", flat=True)),
        "organisations": [str(m.organisation) for m in memberships],
        "api_tokens": [t.name for t in user.api_tokens.all()],
    }]  # fmt: skip


def _account_erase(person, now):
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    from gcmtalks.accounts.models import OrganisationMember
    from gcmtalks.talks.models import OrganiserMember

    user = person.user
    if user is None:
        return 0
    count = 1
    for model in (EmailAddress, Authenticator, OrganisationMember, OrganiserMember):
        count += model.objects.filter(user=user).delete()[0]
    count += user.api_tokens.all().delete()[0]
    # The row stays (other records point to it: who decided, who uploaded) but says nothing.
    user.username = f"erased-{user.pk}"
    user.first_name = user.last_name = user.email = ""
    user.is_active = user.is_staff = user.is_superuser = False
    user.set_unusable_password()  # also ends every session (their hash no longer matches)
    user.save()
    return count


def _registrations(person):
    from gcmtalks.registrations.models import Registration

    rows = Registration.objects.filter(person.by_email()).select_related(
        "talk", "country", "stakeholder_group", "language", "member_state"
    )
    return [row(r, "talk", "name", "email", "organisation", "stakeholder_group", "country",
                "attendance_mode", "language", "accessibility_needs", "gender",
                "migrant_or_diaspora", "birth_year", "member_state", "ministry", "status",
                "decline_reason", "created_at", "attended_at") for r in rows]  # fmt: skip


def anonymise_registrations(queryset, now) -> int:
    """Keep what the statistics count (talk, status, attendance, stakeholder group, country,
    member state, gender, migrant or diaspora, language); drop the rest. The year of birth goes
    too: with the talk, country and gender it can single a person out in a small audience, and
    the age figures of the reports are taken before the retention date."""
    count = 0
    for registration in queryset.only("pk"):
        type(registration).objects.filter(pk=registration.pk).update(
            name=PARTICIPANT_REMOVED,
            email=f"erased-{registration.pk}{ERASED_DOMAIN}",
            organisation="",
            accessibility_needs="",
            birth_year=None,
            ministry="",
            decline_reason="",
            join_key=new_key(),
            join_revoked_at=now,
        )
        count += 1
    return count


def _registrations_erase(person, now):
    from gcmtalks.registrations.models import Registration
    from gcmtalks.registrations.services import registration_cancel

    # A talk still to come: the seat goes back (to the waiting list) before the name goes.
    coming = Registration.objects.filter(
        person.by_email(), talk__end__gt=now, status__in=Registration.ACTIVE
    ).select_related("talk")
    for registration in coming:
        registration_cancel(registration=registration, by=None)
    return anonymise_registrations(Registration.objects.filter(person.by_email()), now)


def _speakers(person):
    from gcmtalks.panels.models import Speaker

    rows = Speaker.objects.filter(person.by_email()).select_related("talk", "country")
    return [row(s, "talk", "name", "email", "organisation", "country", "role", "gender",
                "gender_description", "confirmed", "recording_consent") for s in rows]  # fmt: skip


def _speakers_erase(person, now):
    from gcmtalks.panels.models import Speaker

    return Speaker.objects.filter(person.by_email()).update(
        name=SPEAKER_REMOVED, email="", organisation="", gender_description="", key=new_key()
    )


def _proposal_speakers(person):
    from gcmtalks.proposals.models import Speaker

    return Speaker.objects.filter(name__in=person.names) if person.names else Speaker.objects.none()


def _proposals(person):
    rows = []
    if person.user is not None:
        for proposal in person.user.proposals.all():
            rows.append(row(proposal, "title", "status", "submitted_at", "organisation"))
    for speaker in _proposal_speakers(person).select_related("proposal"):
        rows.append({"speaker_in": speaker.proposal.title, **row(speaker, "name", "organisation")})
    if person.user is not None:
        from gcmtalks.proposals.models import Message

        for message in Message.objects.filter(author=person.user).select_related("proposal"):
            rows.append(
                {"message_on": message.proposal.title, **row(message, "text", "created_at")}
            )
    return rows


def _proposals_erase(person, now):
    # The proposals belong to the proposing organisation and stay; the account behind them is
    # anonymised. A speaker named in a proposal loses name and organisation.
    return _proposal_speakers(person).update(name=SPEAKER_REMOVED, organisation="")


def _practices(person):
    from gcmtalks.hub.models import Practice

    query = Q(on_behalf_of_name__in=person.names) if person.names else Q(pk__in=[])
    if person.user is not None:
        query |= Q(submitter=person.user)
    return [row(p, "title", "status", "on_behalf_of_name", "on_behalf_of_organisation",
                "submitted_at") for p in Practice.objects.filter(query)]  # fmt: skip


def _practices_erase(person, now):
    from gcmtalks.hub.models import Practice

    if not person.names:
        return 0
    return Practice.objects.filter(on_behalf_of_name__in=person.names).update(
        on_behalf_of_name="", on_behalf_of_organisation=""
    )


def _intentions(person):
    from gcmtalks.intentions.models import Intention

    if not person.names:
        return []
    rows = Intention.objects.filter(speaker_name__in=person.names).select_related("talk")
    return [row(i, "talk", "speaker_name", "organisation", "text", "state") for i in rows]


def _intentions_erase(person, now):
    from gcmtalks.intentions.models import Intention

    if not person.names:
        return 0
    return Intention.objects.filter(speaker_name__in=person.names).update(speaker_name="")


def _subscriptions(person):
    from gcmtalks.circulation.models import Subscriber

    rows = Subscriber.objects.filter(person.by_email())
    return [row(s, "email", "language", "weekly_digest", "announcements", "created_at",
                "confirmed_at") for s in rows]  # fmt: skip


def _subscriptions_erase(person, now):
    from gcmtalks.circulation.models import Subscriber

    return Subscriber.objects.filter(person.by_email()).delete()[0]


def _mail_to(person):
    from gcmtalks.notifications.models import OutgoingMail

    return OutgoingMail.objects.filter(person.mentions("key", "to", "subject", "text", "html"))


def _mail(person):
    return [row(m, "to", "subject", "text", "status", "created_at", "sent_at")
            for m in _mail_to(person)]  # fmt: skip


def blank_mail(queryset) -> int:
    """The row stays, so that its key is never sent again; its address and body go."""
    from gcmtalks.notifications.models import OutgoingMail

    count = 0
    for mail in queryset.only("pk", "status", "key"):
        status = (
            OutgoingMail.Status.FAILED if mail.status == OutgoingMail.Status.QUEUED else mail.status
        )
        OutgoingMail.objects.filter(pk=mail.pk).update(
            key="erased:" + hashlib.sha256(mail.key.encode()).hexdigest(),
            to=ERASED_MAIL_TO, subject="", text="", html="", attachments=[], headers={},
            status=status, next_attempt_at=None,
        )  # fmt: skip
        count += 1
    return count


def _mail_erase(person, now):
    return blank_mail(_mail_to(person))


def _audit(person):
    """Not exported: the audit trail is the organisers' record of their own work."""
    return []


def _audit_erase(person, now):
    from django.contrib.admin.models import LogEntry

    from gcmtalks.core.models import AuditEntry

    terms = person.terms
    count = 0
    entries = AuditEntry.objects.filter(person.mentions("object_repr", "changes"))
    if person.user is not None:
        entries = AuditEntry.objects.filter(Q(pk__in=entries.values("pk")) | Q(actor=person.user))
    about_user = {"object_type": "accounts.user", "object_id": str(getattr(person.user, "pk", ""))}
    if person.user is not None:
        entries = AuditEntry.objects.filter(Q(pk__in=entries.values("pk")) | Q(**about_user))
    for entry in entries:
        if (
            person.user is not None
            and entry.object_id == about_user["object_id"]
            and (entry.object_type == about_user["object_type"])
        ):
            entry.changes = {key: ERASED for key in entry.changes}
        AuditEntry.objects.filter(pk=entry.pk).update(
            actor=None if person.user is not None and entry.actor_id == person.user.pk else entry.actor_id,
            object_repr=scrub(entry.object_repr, terms),
            changes=scrub(entry.changes, terms),
        )  # fmt: skip
        count += 1
    for log in LogEntry.objects.filter(person.mentions("object_repr", "change_message")):
        LogEntry.objects.filter(pk=log.pk).update(
            object_repr=scrub(log.object_repr, terms),
            change_message=scrub(log.change_message, terms),
        )
        count += 1
    return count


for _source in (
    Source("registrations", _registrations, _registrations_erase),
    Source("speaker_entries", _speakers, _speakers_erase),
    Source("proposals", _proposals, _proposals_erase),
    Source("practices", _practices, _practices_erase),
    Source("intentions", _intentions, _intentions_erase),
    Source("subscriptions", _subscriptions, _subscriptions_erase),
    Source("mail", _mail, _mail_erase),
    # Last: the account and the audit trail (the others' entries still name the person).
    Source("audit", _audit, _audit_erase),
    Source("account", _account, _account_erase),
):
    register(_source)


def _consents(person):
    from .models import Consent

    query = Q(registration__in=_registration_ids(person))
    if person.user is not None:
        query |= Q(user=person.user)
    rows = Consent.objects.filter(query).select_related("text")
    return [{"text": str(c.text), "text_shown": c.text.text(c.language), **row(c, "given_at")}
            for c in rows]  # fmt: skip


def _registration_ids(person):
    from gcmtalks.registrations.models import Registration

    return Registration.objects.filter(person.by_email()).values("pk")


def _consents_erase(person, now):
    # Kept, tied to the anonymised registration: the record that consent was given.
    return 0


register(Source("consents", _consents, _consents_erase))
