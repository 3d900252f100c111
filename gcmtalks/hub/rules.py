"""Who may do what with practices (django-rules; imported by AutodiscoverRulesConfig).

The submitter sees their own practice; the secretariat sees, assigns and decides all; an
assigned reviewer sees the practice and writes their review. Nobody else sees a practice
before it is accepted."""

import rules

from gcmtalks.talks.roles import roles_of


@rules.predicate
def is_secretariat(user) -> bool:
    return roles_of(user).secretariat


@rules.predicate
def submits(user, practice) -> bool:
    return practice is not None and user.is_authenticated and practice.submitter_id == user.pk


@rules.predicate
def reviews(user, practice) -> bool:
    if practice is None or not user.is_authenticated:
        return False
    return any(review.reviewer_id == user.pk for review in reviews_of(practice))


def reviews_of(practice):
    cache = getattr(practice, "_prefetched_objects_cache", {})
    return cache["reviews"] if "reviews" in cache else practice.reviews.all()


@rules.predicate
def is_accepted(user, practice) -> bool:
    return practice is not None and practice.status == "accepted"


rules.add_perm("hub.view_practice", is_accepted | submits | reviews | is_secretariat)
rules.add_perm("hub.edit_practice", submits)
rules.add_perm("hub.review_practice", reviews | is_secretariat)
rules.add_perm("hub.decide_practice", is_secretariat)
