"""Who may see and change pledge intentions: the organisers of the talk where one was voiced
(and the secretariat); its owner sees it on the board too."""

import rules
from django.contrib.auth import get_user_model
from django.db.models import Q

from gcmtalks.talks.models import Organiser
from gcmtalks.talks.roles import roles_of
from gcmtalks.talks.rules import organises_talk


@rules.predicate
def manages_intention(user, intention) -> bool:
    if intention is None:
        return roles_of(user).secretariat
    return organises_talk(user, intention.talk) or intention.owner_id == user.pk


def possible_owners(talks):
    """People who may own intentions of all these talks: members of an organiser common to
    them, and the secretariat's members."""
    User = get_user_model()
    common = Q(organiser_roles__kind=Organiser.Kind.SECRETARIAT)
    shared = None
    for talk in talks:
        ids = {organiser.pk for organiser in talk.organisers.all()}
        shared = ids if shared is None else shared & ids
    if shared:
        common |= Q(organiser_roles__in=shared)
    return User.objects.filter(common, is_active=True).distinct().order_by("username")


rules.add_perm("intentions.manage_intention", manages_intention)


def owners_for(user):
    """Whom a person may give intentions to on the board: members of their organisers (any
    organiser's, for the secretariat) and the secretariat's members. The service then checks
    each intention's talk."""
    roles = roles_of(user)
    wanted = Q(organiser_roles__kind=Organiser.Kind.SECRETARIAT)
    wanted |= Q(organiser_roles__isnull=False) if roles.secretariat else Q(
        organiser_roles__in=roles.organisers)  # fmt: skip
    User = get_user_model()
    return User.objects.filter(wanted, is_active=True).distinct().order_by("username")
