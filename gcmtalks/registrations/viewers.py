"""Who is looking at a talk's restricted material (documents, recordings): a confirmed
registrant, a Member State participant, one of its organisers, or anyone.

A registrant is known by their personal link: opening it keeps the registration in the
session (`remember`). A signed-in person is also a registrant when one of their verified
email addresses has a confirmed registration for the talk."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress

from gcmtalks.core.models import Access

from .models import Registration

SESSION_KEY = "registrations"
PARTICIPATING = (Registration.Status.CONFIRMED, Registration.Status.ATTENDED)


@dataclass(frozen=True)
class Viewer:
    registrant: bool = False
    member_state: bool = False  # a registrant who takes part for a Member State
    organiser: bool = False  # organises the talk, or works in the secretariat

    def may_see(self, access: str) -> bool:
        if self.organiser or access == Access.PUBLIC:
            return True
        if access == Access.REGISTRANTS:
            return self.registrant
        if access == Access.MEMBER_STATES:
            return self.member_state
        return False


def remember(request, registration) -> None:
    """Called when a registrant opens their personal link."""
    known = list(request.session.get(SESSION_KEY, []))
    if registration.pk not in known:
        request.session[SESSION_KEY] = [*known[-19:], registration.pk]


def viewer_for(request, talk) -> Viewer:
    user = request.user
    if user.is_authenticated and user.has_perm("talks.manage_talk", talk):
        return Viewer(registrant=True, member_state=True, organiser=True)
    registrations = Registration.objects.filter(talk=talk, status__in=PARTICIPATING)
    known = request.session.get(SESSION_KEY, []) if hasattr(request, "session") else []
    mine = registrations.filter(pk__in=known) if known else registrations.none()
    if user.is_authenticated:
        emails = EmailAddress.objects.filter(user=user, verified=True).values("email")
        mine = mine | registrations.filter(email__in=emails)
    found = list(mine.values_list("member_state_id", flat=True)[:5])
    if not found:
        return Viewer()
    return Viewer(registrant=True, member_state=any(found))
