"""Who may do what with registrations (django-rules; imported by AutodiscoverRulesConfig)."""

import rules


@rules.predicate
def is_active_staff(user) -> bool:
    return bool(user.is_active and user.is_staff)


# The secretariat for now; organisers of a talk will be added with `| is_organiser`, which is
# why views ask with the talk as the object.
manage_registrants = is_active_staff

rules.add_perm("registrations.manage_registrants", manage_registrants)
