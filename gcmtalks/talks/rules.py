"""Who may do what with talks (django-rules; imported by AutodiscoverRulesConfig).

The secretariat sees and changes everything; a workstream's, regional network's or
commission's members and leads change the talks they organise."""

import rules

from .roles import roles_of


@rules.predicate
def is_secretariat(user) -> bool:
    return roles_of(user).secretariat


@rules.predicate
def organises(user) -> bool:
    return roles_of(user).organises


@rules.predicate
def organises_talk(user, talk) -> bool:
    roles = roles_of(user)
    if roles.secretariat:
        return True  # for a talk that does not exist too: the view answers 404
    if talk is None:
        return False
    if not roles.organisers:
        return False
    return bool(roles.organisers & organiser_ids(talk))


def organiser_ids(talk) -> set[int]:
    cache = getattr(talk, "_prefetched_objects_cache", {})
    if "organisers" in cache:
        return {organiser.pk for organiser in cache["organisers"]}
    return set(talk.organisers.values_list("pk", flat=True))


rules.add_perm("talks.use_workspace", organises)
rules.add_perm("talks.add_talk", organises)
rules.add_perm("talks.manage_talk", organises_talk)
