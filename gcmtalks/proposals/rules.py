"""Who may do what with proposals (django-rules; imported by AutodiscoverRulesConfig).

The proposer's side is everyone in the proposing organisation; the reviewers are the
secretariat and the members of the workstream the proposal is with; decisions are the
secretariat's and that workstream's leads'."""

import rules

from gcmtalks.talks.roles import roles_of


@rules.predicate
def has_organisation(user) -> bool:
    return bool(roles_of(user).organisations)


@rules.predicate
def proposes(user, proposal) -> bool:
    return proposal is not None and proposal.organisation_id in roles_of(user).organisations


@rules.predicate
def reviews(user, proposal) -> bool:
    roles = roles_of(user)
    if roles.secretariat:
        return True
    return proposal is not None and proposal.workstream_id in roles.organisers


@rules.predicate
def decides(user, proposal) -> bool:
    roles = roles_of(user)
    if roles.secretariat:
        return True
    return proposal is not None and proposal.workstream_id in roles.leads


@rules.predicate
def is_secretariat(user) -> bool:
    return roles_of(user).secretariat


rules.add_perm("proposals.add_proposal", has_organisation)
rules.add_perm("proposals.view_proposal", proposes)
rules.add_perm("proposals.review_proposal", reviews)
rules.add_perm("proposals.decide_proposal", decides)
rules.add_perm("proposals.assign_proposal", is_secretariat)
