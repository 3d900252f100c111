"""What a person is in the Network: read once per request, then asked by the rules."""

from dataclasses import dataclass, field

from .models import Organiser, OrganiserMember


@dataclass(frozen=True)
class Roles:
    secretariat: bool = False
    organisers: frozenset[int] = field(default_factory=frozenset)  # member or lead of
    leads: frozenset[int] = field(default_factory=frozenset)  # lead of
    organisations: frozenset[int] = field(default_factory=frozenset)  # partner organisations

    @property
    def organises(self) -> bool:
        """Works in the organisers' workspace: the secretariat, or a member of an organiser."""
        return self.secretariat or bool(self.organisers)


NOBODY = Roles()


def roles_of(user) -> Roles:
    """The user's roles, read with two queries and kept on the user object for the request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return NOBODY
    cached = getattr(user, "_gcm_roles", None)
    if cached is None:
        # The admin's staff are the secretariat's people too.
        memberships = list(
            OrganiserMember.objects.filter(user=user).values_list(
                "organiser_id", "organiser__kind", "role"
            )
        )
        cached = Roles(
            secretariat=user.is_staff
            or any(kind == Organiser.Kind.SECRETARIAT for _, kind, _ in memberships),
            organisers=frozenset(pk for pk, _, _ in memberships),
            leads=frozenset(pk for pk, _, role in memberships if role == OrganiserMember.Role.LEAD),
            organisations=frozenset(user.organisations.values_list("pk", flat=True)),
        )
        user._gcm_roles = cached
    return cached
